"""Format loaders: each turns a file into headings and paragraphs with page numbers.

Pages are 1-based for PDFs; formats without pages (DOCX, HTML, Markdown,
text) use page 0.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.cleaning import Line, drop_running_lines, join_lines, normalise


class ExtractionError(Exception):
    """A file that cannot be turned into text; the message is shown to the curator."""


class NoTextError(ExtractionError):
    pass


@dataclass
class Block:
    kind: str  # "heading" | "para"
    text: str
    page: int = 0
    level: int = 0  # heading level, 1 = top


@dataclass
class ExtractedDocument:
    blocks: list[Block]
    title: str | None = None  # from the file's own properties
    page_count: int = 0
    warnings: list[str] = field(default_factory=list)


# --- PDF -----------------------------------------------------------------


@dataclass
class _Fragment:
    text: str
    size: float
    bold: bool
    y: float


def _page_lines(page) -> list[tuple[Line, bool]]:
    frags: list[_Fragment] = []

    def visit(text, cm, tm, font_dict, font_size):
        scale = abs(tm[3] * cm[3]) or 1.0
        base = str((font_dict or {}).get("/BaseFont", ""))
        y = tm[5] * cm[3] + cm[5]
        frags.append(_Fragment(text, round(font_size * scale, 1), "Bold" in base, y))

    page.extract_text(visitor_text=visit)
    lines: list[tuple[Line, bool]] = []
    text, sizes, bolds, y = "", [], [], None

    def flush():
        nonlocal text, sizes, bolds, y
        if text.strip():
            size = max(sizes) if sizes else 0.0
            lines.append((Line(text, size, y or 0.0), bool(bolds) and all(bolds)))
        text, sizes, bolds, y = "", [], [], None

    for frag in frags:
        parts = frag.text.split("\n")
        for i, part in enumerate(parts):
            if i > 0:
                flush()
            if not part:
                continue
            if y is not None and text and abs(frag.y - y) > 1.0 and frag.y != 0:
                flush()
            if part.strip():
                sizes.append(frag.size)
                bolds.append(frag.bold)
                if y is None or y == 0:
                    y = frag.y
            text += part
    flush()
    return lines


def load_pdf(path: Path) -> ExtractedDocument:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ExtractionError("encrypted PDF (password protected): cannot extract text")
    title = None
    if reader.metadata is not None and reader.metadata.title:
        title = normalise(str(reader.metadata.title)) or None

    # A page tree can list one page object thousands of times (a 26 KB file flooded the
    # index with 40,000 copies of one page in fuzzing): read each page object once.
    raw_pages, seen, repeated = [], set(), []
    for number, page in enumerate(reader.pages, start=1):
        ref = page.indirect_reference
        key = (ref.idnum, ref.generation) if ref is not None else None
        if key is not None and key in seen:
            repeated.append(number)
            raw_pages.append([])
            continue
        seen.add(key)
        raw_pages.append(_page_lines(page))
    bold_of = {id(line): bold for page in raw_pages for line, bold in page}
    pages = drop_running_lines([[line for line, _ in page] for page in raw_pages])
    if not any(line.text.strip() for page in pages for line in page):
        raise NoTextError("no text layer, needs OCR (image-only or scanned PDF)")

    char_sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            char_sizes[line.size] += len(line.text)
    body = char_sizes.most_common(1)[0][0]
    heading_sizes = sorted(
        {ln.size for p in pages for ln in p if ln.size >= body * 1.15}, reverse=True
    )

    def heading_level(line: Line) -> int:
        short = len(line.text) < 160
        if line.size in heading_sizes and short:
            return heading_sizes.index(line.size) + 1
        if bold_of.get(id(line)) and short and not line.text.rstrip().endswith((".", ",", ";")):
            return len(heading_sizes) + 1
        return 0

    blocks: list[Block] = []
    empty_pages = []
    skipped = set(repeated)
    for number, lines in enumerate(pages, start=1):
        if not lines:
            if number not in skipped:
                empty_pages.append(number)
            continue
        blocks.extend(_page_blocks(lines, number, heading_level))
    warnings = []
    if empty_pages:
        warnings.append(f"page(s) {_ranges(empty_pages)}: no text layer, needs OCR")
    if repeated:
        warnings.append(f"page(s) {_ranges(repeated)} repeat an earlier page: skipped")
    return ExtractedDocument(blocks, title, len(reader.pages), warnings)


def _page_blocks(lines: list[Line], page: int, heading_level: Callable[[Line], int]) -> list[Block]:
    gaps = [a.y - b.y for a, b in zip(lines, lines[1:], strict=False) if a.y - b.y > 0]
    typical = statistics.median(gaps) if gaps else 0.0
    blocks: list[Block] = []
    para: list[str] = []
    prev: Line | None = None

    def flush_para():
        if para:
            text = join_lines(para)
            if text:
                blocks.append(Block("para", text, page))
            para.clear()

    for line in lines:
        level = heading_level(line)
        if level:
            flush_para()
            last = blocks[-1] if blocks else None
            if (
                last
                and last.kind == "heading"
                and last.level == level
                and prev is not None
                and heading_level(prev) == level
            ):
                last.text = join_lines([last.text, line.text])  # a heading wrapped onto two lines
            else:
                blocks.append(Block("heading", normalise(line.text), page, level))
        else:
            big_gap = prev is not None and typical > 0 and (prev.y - line.y) > typical * 1.4
            if big_gap or (prev is not None and heading_level(prev)):
                flush_para()
            para.append(line.text)
        prev = line
    flush_para()
    return blocks


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(out)


# --- DOCX ----------------------------------------------------------------


def load_docx(path: Path) -> ExtractedDocument:
    import docx

    document = docx.Document(str(path))
    blocks: list[Block] = []
    for para in document.paragraphs:
        text = normalise(para.text)
        if not text:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        if style == "Title":
            blocks.append(Block("heading", text, 0, 1))
        elif m := re.match(r"Heading (\d)", style):
            blocks.append(Block("heading", text, 0, int(m.group(1)) + 1))
        else:
            blocks.append(Block("para", text))
    for table in document.tables:
        for row in table.rows:
            cells = [normalise(c.text) for c in row.cells]
            if any(cells):
                blocks.append(Block("para", " | ".join(cells)))
    title = normalise(document.core_properties.title or "") or None
    if not blocks:
        raise NoTextError("the document contains no text")
    return ExtractedDocument(blocks, title)


# --- HTML ----------------------------------------------------------------

_BOILERPLATE_TAGS = ["script", "style", "nav", "footer", "header", "aside", "noscript", "form"]
_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td", "th", "dd"]


def load_html(path: Path) -> ExtractedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_read_text(path), "html.parser")
    title = normalise(soup.title.get_text()) if soup.title else None
    for tag in soup.find_all(_BOILERPLATE_TAGS):
        tag.decompose()
    blocks: list[Block] = []
    for el in soup.find_all(_BLOCK_TAGS):
        if el.find_parent(_BLOCK_TAGS):
            continue  # its text is part of the enclosing block
        text = normalise(el.get_text(" "))
        if not text:
            continue
        if el.name[0] == "h" and el.name[1:].isdigit():
            blocks.append(Block("heading", text, 0, int(el.name[1:])))
        else:
            blocks.append(Block("para", text))
    if not blocks:
        raise NoTextError("the page contains no text")
    return ExtractedDocument(blocks, title or None)


# --- Markdown and plain text ---------------------------------------------

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _md_inline(text: str) -> str:
    return _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", text))


def load_markdown(path: Path) -> ExtractedDocument:
    blocks: list[Block] = []
    para: list[str] = []
    lines = _read_text(path).splitlines()

    def flush():
        if para:
            text = join_lines([_md_inline(x) for x in para])
            if text:
                blocks.append(Block("para", text))
            para.clear()

    in_code = False
    for i, line in enumerate(lines):
        line = re.sub(r"^\s*(>\s?)+", "", line)  # blockquote markers
        stripped = line.strip()
        if stripped.startswith("```"):
            in_code = not in_code
            flush()
            continue
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not in_code and (m := re.match(r"^(#{1,6})\s+(.*?)\s*#*$", stripped)):
            flush()
            blocks.append(Block("heading", normalise(_md_inline(m.group(2))), 0, len(m.group(1))))
        elif (
            not in_code
            and stripped
            and nxt
            and set(nxt) <= {"="} | {"-"}
            and len(nxt) >= 3
            and not para
        ):
            blocks.append(
                Block("heading", normalise(_md_inline(stripped)), 0, 1 if "=" in nxt else 2)
            )
        elif stripped and set(stripped) <= {"=", "-"} and blocks and blocks[-1].kind == "heading":
            continue
        elif not stripped:
            flush()
        elif _LIST_ITEM.match(line):
            flush()
            para.append(_LIST_ITEM.sub("", line))
        else:
            para.append(line)
    flush()
    if not blocks:
        raise NoTextError("the file contains no text")
    return ExtractedDocument(blocks)


def load_text(path: Path) -> ExtractedDocument:
    chunks = re.split(r"\n\s*\n", _read_text(path))
    paragraphs = [c for c in (chunk.strip("\n") for chunk in chunks) if c.strip()]
    blocks: list[Block] = []
    for i, raw in enumerate(paragraphs):
        text = join_lines(raw.splitlines())
        if _looks_like_heading(text) and i + 1 < len(paragraphs) and "\n" not in raw.strip():
            blocks.append(Block("heading", text, 0, 1 if i == 0 else 2))
        else:
            blocks.append(Block("para", text))
    if not blocks:
        raise NoTextError("the file contains no text")
    return ExtractedDocument(blocks)


def _looks_like_heading(text: str) -> bool:
    return len(text) <= 90 and not text.endswith((".", ",", ";", ":", "?", "!"))


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


LOADERS: dict[str, Callable[[Path], ExtractedDocument]] = {
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
    ".md": load_markdown,
    ".txt": load_text,
}
