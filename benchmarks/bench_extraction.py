"""Extraction quality and speed on real typeset PDFs (issue 11): loader + cleaning + chunking.

    python benchmarks/bench_extraction.py [FOLDER ...] [--json OUT] [--no-ocr]

Default folder: ../shared/realpdfs. No embedding: the figures are cheap on a shared CPU.
Measured against pypdf's plain ``extract_text()`` of each page (what a reader would get):

- soft-hyphen joins: words broken at a soft hyphen (U+00AD + newline) whose halves are not
  stored split ("Unterbre chung", "Unterbre- chung") in the chunks;
- line-end hyphen joins: words broken at an ordinary hyphen + newline before a lowercase
  letter, not stored split by a space; kept compound hyphens ("e-services") and suspended
  hyphens ("Aus- und") are counted and listed apart, for review;
- leaks: glyph names ("/f_l"), ligature characters and print-production lines left in chunks;
- running lines stored more than once: a line at the top or bottom of 3+ pages of the raw
  text found in more than one chunk;
- reading-order breaks (issue 11, item 4): on each two-column page (3+ lines of 15+
  characters in each half of the page), pairs of consecutive lines where
  the second is higher up the page than the first, unless the first ends left of the page's
  middle and the second starts right of it (the step from a left column to the top of the
  right one). The columns here are the page's halves, not the loader's own column
  detection; "before" is the content stream's order, "after" the loader's reading order;
- table rows: lines stored as cells joined with " | " (item 5);
- pages OCR'd, pages left without text, seconds per page.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import layout  # noqa: E402
from ingest.prepare import PrepareJob, prepare  # noqa: E402
from ingest.repair import glyph_leaks, is_print_mark  # noqa: E402

_SOFT_BREAK = re.compile(r"([^\W\d_]+)\u00ad[ \t]*\n[ \t]*([^\W\d_]+)")
_HYPHEN_BREAK = re.compile(r"([^\W\d_]+) ?-[ \t]*\n[ \t]*([^\W\d_]+)")
_INDD = re.compile(r"\.indd\b|\b\d{1,2}\.\d{1,2}\.\d{4}\s+\d{1,2}:\d{2}:\d{2}\b")


def _split_pattern(left: str, right: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(left)}(?: ?- | )\s*{re.escape(right)}\b")


def _running_lines(pages: list[str]) -> list[str]:
    seen: dict[str, list[int]] = {}
    for number, text in enumerate(pages):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        for line in lines[:2] + lines[-2:]:
            if len(line) >= 8 and re.search(r"[^\W\d_]{3}", line):
                pages_of = seen.setdefault(line, [])
                if not pages_of or pages_of[-1] != number:
                    pages_of.append(number)
    return [line for line, numbers in seen.items() if len(numbers) >= 3]


def order_breaks(path: Path) -> tuple[int, int, int, int]:
    """(two-column pages, their lines, breaks in stream order, breaks in the loader's
    reading order) of a PDF."""
    from pypdf import PdfReader

    pages = lines = before = after = 0
    for page in PdfReader(path).pages:
        box = page.mediabox
        middle = float(box.left) + float(box.width) / 2
        segs = layout.segments(layout.page_fragments(page))
        ordered = [s for row in layout.reading_order(segs, float(box.width), float(box.left))
                   for s in row]  # fmt: skip
        left = sum(s.x1 <= middle for s in segs if len(s.text.strip()) >= 15)
        right = sum(s.x0 >= middle for s in segs if len(s.text.strip()) >= 15)
        if left < 3 or right < 3:
            continue  # not a two-column page by the page's halves
        pages += 1
        lines += len(segs)
        for sequence, counted in ((segs, "before"), (ordered, "after")):
            breaks = 0
            for a, b in zip(sequence, sequence[1:], strict=False):
                left_to_right = a.x1 <= middle + a.size / 2 and b.x0 >= middle - b.size
                if b.y > a.y + 1.0 and not left_to_right:
                    breaks += 1
            if counted == "before":
                before += breaks
            else:
                after += breaks
    return pages, lines, before, after


def measure(path: Path, ocr: bool = True) -> dict:
    from pypdf import PdfReader

    raw = [page.extract_text() or "" for page in PdfReader(path).pages]
    job = PrepareJob(str(path), path.name, path.stem, {}, 350, 50, 512, False, 3, ocr=ocr)
    started, cpu_started = time.perf_counter(), time.process_time()
    prepared = prepare(job)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started  # this process only: OCR's tesseract is apart
    chunks = [c.text for c in prepared.chunks]
    stored = "\n\n".join(chunks)
    raw_text = "\n".join(raw)

    soft = Counter(m.groups() for m in _SOFT_BREAK.finditer(raw_text))

    def split(a: str, b: str, n: int) -> int:
        # Stored split at most once per break; "a b" already split on one line of the raw
        # text (pypdf's spacing in justified lines) is not a line-break failure.
        pattern = _split_pattern(a, b)
        inline = sum(len(pattern.findall(line)) for line in raw_text.splitlines())
        return min(n, max(0, len(pattern.findall(stored)) - inline))

    soft_split = sum(split(a, b, n) for (a, b), n in soft.items())
    lower = Counter(m.groups() for m in _HYPHEN_BREAK.finditer(raw_text) if m.group(2)[0].islower())
    # "Aus- und": a suspended hyphen before one of the document's frequent short words
    # (its conjunctions) is not a broken word; counted apart.
    words = Counter(re.findall(r"[^\W\d_]+", raw_text.lower()))
    frequent = {w for w, n in words.most_common(40) if len(w) <= 4 and n >= 3}
    suspended = sum(n for (a, b), n in lower.items() if b.lower() in frequent)
    lower = Counter({(a, b): n for (a, b), n in lower.items() if b.lower() not in frequent})
    hyphen_split, kept, split_examples, kept_examples = 0, 0, [], []
    for (a, b), n in lower.items():
        split_n = split(a, b, n)
        hyphened = min(n - split_n, len(re.findall(rf"\b{re.escape(a)}-{re.escape(b)}\b", stored)))
        hyphen_split += split_n
        kept += hyphened
        if split_n:
            split_examples.append(f"{a}- {b}")
        if hyphened:
            kept_examples.append(f"{a}-{b}")
    running = _running_lines(raw)

    # Overlapping chunks share sentences: count the places in the document text. A running
    # line leaks as a block of its own or at a block's edge; a mention inside a sentence
    # (a table of contents, "Chapter 8 - <title> - delves ...") is not a leak.
    def places(line: str) -> int:
        return len(
            {
                c.metadata["char_start"] + m.start()
                for c in prepared.chunks
                for m in re.finditer(
                    rf"(?:^|\n\n){re.escape(line)}|{re.escape(line)}(?:\n\n|$)", c.text
                )
            }
        )

    repeated = [line for line in running if places(line) > 1]
    extraction = prepared.extraction
    two_column, lines, breaks_before, breaks_after = order_breaks(path)
    return {
        "file": path.name,
        "pages": extraction["pages"],
        "chunks": len(chunks),
        "windows": sum(len(c.windows) for c in prepared.chunks),
        "seconds": round(seconds, 2),
        "seconds_per_page": round(seconds / max(1, extraction["pages"]), 3),
        "cpu_seconds": round(cpu, 2),
        "soft_breaks": sum(soft.values()),
        "soft_split": soft_split,
        "hyphen_breaks": sum(lower.values()),
        "hyphen_split": hyphen_split,
        "hyphen_kept": kept,
        "suspended_hyphens": suspended,
        "hyphen_split_examples": split_examples[:12],
        "hyphen_kept_examples": kept_examples[:12],
        "glyph_leaks": glyph_leaks(stored),
        "print_mark_leaks": len(_INDD.findall(stored))
        + sum(is_print_mark(line) for line in stored.splitlines()),
        "running_lines": len(running),
        "running_stored_twice": len(repeated),
        "running_stored_twice_examples": repeated[:5],
        "two_column_pages": two_column,
        "lines": lines,
        "order_breaks_stream": breaks_before,
        "order_breaks": breaks_after,
        "table_rows": sum(line.count(layout.CELL_SEPARATOR) > 0 for line in stored.splitlines()),
        "ocr_pages": extraction["ocr_pages"],
        "empty_pages": extraction["empty_pages"],
        "page_labels": extraction["page_labels"],
        "repairs": extraction["repairs"],
        "warnings": prepared.warnings,
    }


def scanned_copy(path: Path, pages: int, out_dir: Path, dpi: int = 200) -> Path:
    """An image-only copy of the first ``pages`` pages, as a scanner would make it."""
    import subprocess

    from fpdf import FPDF

    stem = out_dir / path.stem
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-l", str(pages), "-gray", "-png", str(path), str(stem)],
        check=True,
        capture_output=True,
    )
    from PIL import Image

    pdf = FPDF(unit="pt")
    for image in sorted(out_dir.glob(f"{path.stem}-*.png")):
        with Image.open(image) as im:
            width, height = (px * 72 / dpi for px in im.size)
        pdf.add_page(format=(width, height))  # the page's own size: no stretching
        pdf.image(str(image), x=0, y=0, w=width, h=height)
    target = out_dir / f"scanned_{path.name}"
    pdf.output(str(target))
    return target


def measure_ocr(path: Path, pages: int, out_dir: Path) -> dict:
    """OCR a scanned copy and compare its words with the text layer of the same pages."""
    scan = scanned_copy(path, pages, out_dir)
    lang = path.name[:2] if path.name[2:3] == "_" else ""

    def words(p: Path, ocr: bool) -> tuple[Counter, float, dict]:
        entry = {"language": lang} if lang else {}
        job = PrepareJob(str(p), p.name, p.stem, entry, 350, 0, 512, False, 0, ocr=ocr)
        started = time.perf_counter()
        prepared = prepare(job)
        seconds = time.perf_counter() - started
        wanted = range(1, pages + 1)
        text = " ".join(c.text for c in prepared.chunks if c.metadata["page_start"] in wanted)
        return Counter(re.findall(r"[^\W\d_]{3,}", text.lower())), seconds, prepared.extraction

    truth, _, _ = words(path, False)
    read, seconds, extraction = words(scan, True)
    found = sum(min(n, read[w]) for w, n in truth.items())
    return {
        "file": path.name,
        "pages_ocr": len(extraction["ocr_pages"]),
        "word_recall": round(found / max(1, sum(truth.values())), 3),
        "seconds_per_page": round(seconds / max(1, pages), 2),
    }


def _rate(done: int, total: int) -> str:
    return f"{done / total:.3f}" if total else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=[str(ROOT.parent / "shared" / "realpdfs")])
    parser.add_argument("--json", help="write the per-document results here")
    parser.add_argument("--no-ocr", action="store_true")
    parser.add_argument(
        "--scan-pages",
        type=int,
        default=0,
        help="also OCR an image-only copy of each document's first N pages (needs OCR)",
    )
    args = parser.parse_args(argv)
    files = sorted(p for folder in args.folders for p in Path(folder).glob("*.pdf"))
    results = []
    header = (
        f"{'document':<48} {'pp':>3} {'soft':>9} {'hyphen':>9} {'kept':>4} {'leak':>4} "
        f"{'run2x':>5} {'ocr':>4} {'s/page':>6} {'2col breaks':>12} {'rows':>4} labels"
    )
    print(header)
    for path in files:
        r = measure(path, ocr=not args.no_ocr)
        results.append(r)
        soft = _rate(r["soft_breaks"] - r["soft_split"], r["soft_breaks"])
        hyph = _rate(r["hyphen_breaks"] - r["hyphen_split"], r["hyphen_breaks"])
        print(
            f"{r['file'][:48]:<48} {r['pages']:>3} {soft:>9} {hyph:>9} {r['hyphen_kept']:>4} "
            f"{r['glyph_leaks'] + r['print_mark_leaks']:>4} {r['running_stored_twice']:>5} "
            f"{len(r['ocr_pages']):>4} {r['seconds_per_page']:>6.3f} "
            f"{r['two_column_pages']:>3}p {r['order_breaks_stream']:>3}->{r['order_breaks']:<3} "
            f"{r['table_rows']:>4} "
            f"{r['page_labels']}"
        )
    total = {
        k: sum(r[k] for r in results)
        for k in ("pages", "soft_breaks", "soft_split", "hyphen_breaks", "hyphen_split",
                  "hyphen_kept", "glyph_leaks", "print_mark_leaks", "running_stored_twice",
                  "two_column_pages", "lines", "order_breaks_stream", "order_breaks",
                  "table_rows")
    }  # fmt: skip
    seconds = sum(r["seconds"] for r in results)
    cpu = sum(r["cpu_seconds"] for r in results)
    # Ingestion embeds every chunk and passage window: at ~3.7 passages/s for the e5 model
    # on 2 idle cores (../shared/STACK.md), extraction's share of ingestion time is about
    passages = sum(r["chunks"] + r["windows"] for r in results)
    share = seconds / (seconds + passages / 3.7) if passages else 0.0
    print(
        f"TOTAL {len(results)} documents, {total['pages']} pages: soft-hyphen joins "
        f"{_rate(total['soft_breaks'] - total['soft_split'], total['soft_breaks'])} "
        f"({total['soft_split']} of {total['soft_breaks']} split), line-end hyphen joins "
        f"{_rate(total['hyphen_breaks'] - total['hyphen_split'], total['hyphen_breaks'])} "
        f"({total['hyphen_split']} of {total['hyphen_breaks']} split, "
        f"{total['hyphen_kept']} kept with their hyphen), glyph-name leaks "
        f"{total['glyph_leaks']}, print-mark leaks {total['print_mark_leaks']}, running lines "
        f"stored more than once {total['running_stored_twice']}, pages OCR'd "
        f"{sum(len(r['ocr_pages']) for r in results)}, pages without text "
        f"{sum(len(r['empty_pages']) for r in results)}, {seconds:.1f} s "
        f"({seconds / max(1, total['pages']):.3f} s/page; CPU {cpu:.1f} s, "
        f"{cpu / max(1, total['pages']):.3f} s/page); {passages} chunks and windows "
        f"to embed: extraction ~{share:.1%} of ingestion time at 3.7 passages/s; "
        f"reading-order breaks {total['order_breaks_stream']} in stream order -> "
        f"{total['order_breaks']} (of {total['lines']} lines on {total['two_column_pages']} "
        f"two-column pages), table rows stored "
        f"{total['table_rows']}"
    )
    for r in results:
        for key in (
            "hyphen_split_examples",
            "hyphen_kept_examples",
            "running_stored_twice_examples",
        ):
            if r[key]:
                print(f"  {r['file'][:40]} {key}: {r[key]}")
    if args.scan_pages:
        import tempfile

        print(f"OCR of image-only copies (first {args.scan_pages} pages, 200 dpi):")
        ocr_results = []
        with tempfile.TemporaryDirectory() as tmp:
            for path in files:
                r = measure_ocr(path, args.scan_pages, Path(tmp))
                ocr_results.append(r)
                print(f"  {r['file'][:48]:<48} pages OCR'd {r['pages_ocr']}, word recall "
                      f"{r['word_recall']:.3f}, {r['seconds_per_page']:.1f} s/page")  # fmt: skip
        results.append({"ocr_of_scanned_copies": ocr_results})
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
