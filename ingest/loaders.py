"""Format loaders: each turns a file into headings and paragraphs with page numbers.

Pages are 1-based for PDFs; formats without pages (DOCX, HTML, Markdown,
text) use page 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.cleaning import Vocabulary, join_lines, normalise

if TYPE_CHECKING:
    from ingest.ocr import OcrOptions


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
    # PDFs: the printed label of each page ("" where none), where the labels came from
    # ("pdf": the file's page labels, "printed": numbers printed on the pages), the pages
    # read by OCR and those left without text, and the repairs made (counts by kind).
    page_labels: list[str] = field(default_factory=list)
    label_source: str = ""
    ocr_pages: list[int] = field(default_factory=list)
    empty_pages: list[int] = field(default_factory=list)
    repairs: dict[str, int] = field(default_factory=dict)


# --- PDF (ingest/pdf.py) --------------------------------------------------


def load_pdf(
    path: Path, language: str | None = None, ocr_options: OcrOptions | None = None
) -> ExtractedDocument:
    """See ``ingest.pdf.load_pdf``; ``ocr_options`` None means no OCR."""
    from ingest.pdf import load_pdf as load

    return load(path, language, ocr_options)


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
    vocab = Vocabulary.from_lines(lines)

    def flush():
        if para:
            text = join_lines([_md_inline(x) for x in para], vocab)
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
    vocab = Vocabulary.from_lines(line for raw in paragraphs for line in raw.splitlines())
    blocks: list[Block] = []
    for i, raw in enumerate(paragraphs):
        text = join_lines(raw.splitlines(), vocab)
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
