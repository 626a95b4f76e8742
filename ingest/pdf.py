"""The PDF loader: typeset pages to headings and paragraphs with their printed page labels.

Lines come from pypdf's text visitor (with font size, weight and height on the page);
glyph names and print marks are repaired first (``ingest.repair``), running headers and
footers dropped by run of pages (``ingest.cleaning``), image-only pages read by OCR
(``ingest.ocr``) when it is installed, and words broken at line ends joined against
the document's own vocabulary.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ingest import layout, ocr
from ingest.cleaning import (
    PAGE_NUMBER,
    SOFT_HYPHEN,
    Line,
    Vocabulary,
    decide_break,
    find_running_lines,
    join_lines,
    line_break,
    normalise,
)
from ingest.loaders import Block, ExtractedDocument, ExtractionError, NoTextError
from ingest.pagelabels import page_labels
from ingest.repair import fix_glyphs, garbled_share, inline_soft_hyphens, is_print_mark

BROKEN_SHARE = 0.1  # of a page's characters in garbled words: 0-0.03 on sound pages
_LAST_WORD = re.compile(r"([^\W\d_]+)\s?[-\u2010]?\s*$")


def _page_lines(page, counts: Counter[str] | None = None) -> list[Line]:
    segs = []
    for seg in layout.segments(layout.page_fragments(page)):
        if is_print_mark(seg.text):
            if counts is not None:
                counts["print_marks"] += 1
        else:
            segs.append(seg)
    if page.rotation % 360:
        rows = [[seg] for seg in segs]  # a turned page: its content stream's order
    else:
        box = page.mediabox
        rows = layout.reading_order(segs, float(box.width), float(box.left))
    lines: list[Line] = []
    for whole in rows:
        # A page number beside a footer is page furniture, not a table cell: the footer
        # must stay a line of its own for the running lines to be found.
        numbered = len(whole) == 2 and any(PAGE_NUMBER.match(s.text.strip()) for s in whole)
        for row in [[s] for s in whole] if numbered else [whole]:
            _add_row(row, lines, counts)
    return lines


def _add_row(row: list[layout.Segment], lines: list[Line], counts: Counter[str] | None) -> None:
    text = layout.row_text(row)
    if not text.strip():
        return
    if len(row) > 1 and layout.CELL_SEPARATOR in text and counts is not None:
        counts["table_rows"] += 1
    main = max(row, key=lambda seg: seg.size)
    bolds = [b for seg in row for b in seg.bolds]
    lines.append(Line(fix_glyphs(text, counts), main.size, main.y, bool(bolds) and all(bolds)))


def _ocr_lines(text: str, size: float) -> list[Line]:
    lines, y = [], 1000.0
    for raw in text.splitlines():
        y -= size * (1.2 if raw.strip() else 1.8)  # a blank line is a paragraph break
        if raw.strip():
            lines.append(Line(raw, size, y))
    return lines


def load_pdf(
    path: Path, language: str | None = None, ocr_options: ocr.OcrOptions | None = None
) -> ExtractedDocument:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ExtractionError("encrypted PDF (password protected): cannot extract text")
    title = None
    if reader.metadata is not None and reader.metadata.title:
        title = normalise(str(reader.metadata.title)) or None
    repairs: Counter[str] = Counter()

    # A page tree can list one page object thousands of times (a 26 KB file flooded the
    # index with 40,000 copies of one page in fuzzing): read each page object once.
    raw_pages: list[list[Line]] = []
    seen, repeated = set(), []
    for number, page in enumerate(reader.pages, start=1):
        ref = page.indirect_reference
        key = (ref.idnum, ref.generation) if ref is not None else None
        if key is not None and key in seen:
            repeated.append(number)
            raw_pages.append([])
            continue
        seen.add(key)
        raw_pages.append(_page_lines(page, repairs))
    labels, label_source = page_labels(reader, raw_pages)
    flat = inline_soft_hyphens([line.text for page in raw_pages for line in page], repairs)
    texts = iter(flat)
    for page in raw_pages:
        for line in page:
            line.text = next(texts)

    warnings: list[str] = []
    blank = [n for n, lines in enumerate(raw_pages, 1) if not lines and n not in repeated]
    # A text layer from fonts without a usable character map reads as garbage: OCR it.
    broken = [
        n
        for n, lines in enumerate(raw_pages, 1)
        if lines and garbled_share("\n".join(line.text for line in lines)) >= BROKEN_SHARE
    ]
    ocr_pages: list[int] = []
    unreadable: list[int] = []  # OCR ran and found no text: blank pages or pictures
    if blank or broken:
        ocr_pages, unreadable, ocr_warning = _run_ocr(
            path, raw_pages, sorted(blank + broken), language, ocr_options
        )
        unreadable = [n for n in unreadable if n in blank]  # a broken page keeps its text
        if ocr_warning:
            warnings.append(ocr_warning)
    if any(n in ocr_pages for n in broken):
        repairs["broken_pages_ocr"] += sum(n in ocr_pages for n in broken)
    unread = [n for n in broken if n not in ocr_pages]
    if unread:
        warnings.append(f"page(s) {_ranges(unread)}: text layer looks broken, needs OCR")
    pages, chapters, dropped = find_running_lines(raw_pages)
    repairs["running_lines"] += dropped
    if not any(line.text.strip() for page in pages for line in page):
        found = ": OCR found no readable text" if unreadable else ""
        raise NoTextError(f"no text layer, needs OCR (image-only or scanned PDF){found}")

    char_sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            char_sizes[line.size] += len(line.text)
    body = char_sizes.most_common(1)[0][0]
    heading_sizes = sorted(
        {ln.size for p in pages for ln in p if ln.size >= body * 1.15 and ln.size > 0},
        reverse=True,
    )

    def heading_level(line: Line) -> int:
        short = len(line.text) < 160
        if line.size in heading_sizes and short:
            return heading_sizes.index(line.size) + 1
        if line.bold and short and not line.text.rstrip().endswith((".", ",", ";")):
            return len(heading_sizes) + 1
        return 0

    vocab = Vocabulary.from_lines(line.text for page in pages for line in page)
    blocks: list[Block] = []
    for number, lines in enumerate(pages, start=1):
        page_blocks = _page_blocks(lines, number, heading_level, vocab, repairs)
        chapter = chapters.get(number - 1)
        if chapter and not any(
            b.kind == "heading" and _same_heading(b.text, chapter) for b in page_blocks[:3]
        ):
            page_blocks.insert(0, Block("heading", chapter, number, 1))
        blocks.extend(page_blocks)
    blocks = _join_across_pages(blocks, vocab, repairs)

    empty = [n for n, lines in enumerate(pages, 1) if not lines and n not in repeated]
    still_blank = [n for n in blank if n not in ocr_pages and n not in unreadable]
    if still_blank:
        warnings.insert(0, f"page(s) {_ranges(still_blank)}: no text layer, needs OCR")
    if unreadable:
        warnings.insert(0, f"page(s) {_ranges(unreadable)}: no text (OCR found none)")
    if repeated:
        warnings.append(f"page(s) {_ranges(repeated)} repeat an earlier page: skipped")
    return ExtractedDocument(
        blocks,
        title,
        len(reader.pages),
        warnings,
        page_labels=labels,
        label_source=label_source,
        ocr_pages=ocr_pages,
        empty_pages=[n for n in empty if n not in ocr_pages],
        repairs=dict(repairs),
    )


def _run_ocr(
    path: Path,
    raw_pages: list[list[Line]],
    blank: list[int],
    language: str | None,
    options: ocr.OcrOptions | None,
) -> tuple[list[int], list[int], str]:
    """OCR the blank pages in place: the pages read, those where OCR found no text, and a
    warning ("" when all went well)."""
    if options is None:
        return [], [], ""
    if not ocr.available():
        return [], [], "OCR is not installed (tesseract-ocr, poppler-utils): pages stay unread"
    from kb.core.language import detect_language

    codes = list(options.languages) or ([language] if language else [])
    if not codes:
        sample = " ".join(line.text for page in raw_pages for line in page[:40])
        codes = [c for c in [detect_language(sample)] if c]
    langs = ocr.tesseract_languages(codes)
    sizes = Counter(line.size for page in raw_pages for line in page if line.size > 0)
    size = sizes.most_common(1)[0][0] if sizes else 10.0
    done, nothing, failed, started = [], [], [], time.monotonic()
    for number in blank:
        left = options.budget_s - (time.monotonic() - started)
        if left < 1.0:
            failed.append(number)
            continue
        try:
            text = ocr.ocr_page(path, number, langs, min(options.page_timeout_s, left), options.dpi)
        except ocr.OcrError:
            failed.append(number)
            continue
        lines = _ocr_lines(text, size)
        if lines:
            raw_pages[number - 1] = lines
            done.append(number)
        else:
            nothing.append(number)
    warning = f"page(s) {_ranges(failed)}: OCR failed or ran out of time" if failed else ""
    return done, nothing, warning


def _page_blocks(
    lines: list[Line],
    page: int,
    heading_level: Callable[[Line], int],
    vocab: Vocabulary,
    repairs: Counter[str],
) -> list[Block]:
    gaps = [a.y - b.y for a, b in zip(lines, lines[1:], strict=False) if a.y - b.y > 0]
    body_level = heading_level(Line("x", 0.0, 0.0, True)) - 1  # levels set by font size
    typical = statistics.median(gaps) if gaps else 0.0
    blocks: list[Block] = []
    para: list[str] = []
    prev: Line | None = None
    prev_level = 0

    rows: list[str] = []  # a table: its rows stay lines of cells

    def flush_para():
        if para:
            text = join_lines(para, vocab, repairs, keep_soft_tail=True)
            if text:
                blocks.append(Block("para", text, page))
            para.clear()
        if rows:
            blocks.append(Block("para", "\n".join(rows), page))
            rows.clear()

    for line in lines:
        if layout.CELL_SEPARATOR in line.text:
            if para:
                flush_para()
            rows.append(normalise(line.text))
            prev, prev_level = line, 0
            continue
        if rows:
            flush_para()
        level = heading_level(line)
        last = blocks[-1] if blocks else None
        if (
            not level
            and prev_level
            and prev is not None
            and not para
            and last is not None
            and last.kind == "heading"
            and line.size == prev.size
            and line.bold == prev.bold
            and not last.text.endswith((".", "?", "!", ":"))
            and (not typical or 0 < prev.y - line.y <= max(typical, line.size) * 1.5)
            and len(last.text) + len(line.text) < 200
            and (prev_level <= body_level or _wraps(prev, last))
        ):
            level = prev_level  # the second line of a heading ending in a full stop
        if level:
            flush_para()
            if (
                last
                and last.kind == "heading"
                and last.level == level
                and prev_level == level
                and (level <= body_level or _wraps(prev, last))
            ):
                last.text = join_lines([last.text, line.text], vocab)  # a wrapped heading
                repairs["headings_joined"] += 1
            else:
                blocks.append(Block("heading", normalise(line.text), page, level))
        else:
            big_gap = prev is not None and typical > 0 and (prev.y - line.y) > typical * 1.4
            if big_gap or prev_level:
                flush_para()
            para.append(line.text)
        prev, prev_level = line, level
    flush_para()
    for block in blocks:
        # Bold body text over many lines is a bold paragraph (a box), not a heading.
        if block.kind == "heading" and block.level > body_level and len(block.text.split()) > 16:
            block.kind, block.level = "para", 0
    return blocks


def _same_heading(a: str, b: str) -> bool:
    return a.lower().rstrip(" .:;") == b.lower().rstrip(" .:;")


def _wraps(prev: Line, heading: Block) -> bool:
    """A bold body-size line goes on a heading only when the heading's last line was full
    (a wrapped title), not a short label ("HINWEIS") over a bold paragraph, and for at
    most three lines."""
    return len(prev.text.split()) >= 4 and heading.text.count(" ") < 30


def _join_across_pages(
    blocks: list[Block], vocab: Vocabulary, repairs: Counter[str]
) -> list[Block]:
    """A word broken at the foot of a page goes on in the next page's first paragraph."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        kind = line_break(prev.text) if prev is not None and prev.kind == "para" else None
        if (
            prev is not None
            and kind
            and block.kind == "para"
            and block.page > prev.page
            and block.text[:1].isalpha()
        ):
            m = _LAST_WORD.search(prev.text[-80:])
            decision = decide_break(kind, m.group(1) if m else "", block.text, vocab)
            head, _, rest = block.text.partition(" ")
            if decision == "join":
                prev.text = prev.text.rstrip(SOFT_HYPHEN + "-\u2010 ") + head
                repairs["soft_hyphen_joins" if kind == "soft" else "hyphen_joins"] += 1
            elif decision == "hyphen":
                prev.text = prev.text.rstrip(SOFT_HYPHEN) + head
            if decision != "space":
                block.text = rest.strip()
                if not block.text:
                    continue
        if prev is not None and prev.text.endswith(SOFT_HYPHEN):
            prev.text = prev.text.rstrip(SOFT_HYPHEN)
        out.append(block)
    if out and out[-1].text.endswith(SOFT_HYPHEN):
        out[-1].text = out[-1].text.rstrip(SOFT_HYPHEN)
    return out


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(out)
