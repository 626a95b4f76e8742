"""Check a file's type by its content, not only by its extension."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

_EXPECTED = {
    ".pdf": {"pdf"},
    ".docx": {"docx"},
    ".html": {"html", "text"},
    ".htm": {"html", "text"},
    ".md": {"text", "html"},
    ".txt": {"text", "html"},
}
_DESCRIBE = {
    "pdf": "a PDF",
    "docx": "a Word (DOCX) document",
    "zip": "a ZIP archive",
    "html": "an HTML page",
    "text": "plain text",
    "binary": "binary data of an unknown kind",
    "empty": "empty (0 bytes)",
}


_HEAD = 4096


def sniff(path: Path) -> str:
    """One of: pdf, docx, zip, html, text, binary, empty."""
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    return _classify(head, path)


def sniff_bytes(data: bytes) -> str:
    """``sniff`` for content held in memory (an upload not yet written to disk)."""
    return _classify(data[:_HEAD], io.BytesIO(data))


def _classify(head: bytes, whole: Path | io.BytesIO) -> str:
    """Classify by the first bytes; ``whole`` is opened only to look inside a ZIP."""
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(whole) as zf:
                return "docx" if "word/document.xml" in zf.namelist() else "zip"
        except zipfile.BadZipFile:
            return "binary"
    if b"\x00" in head:
        return "binary"
    try:
        text = head.decode("utf-8", errors="strict").lstrip("\ufeff").lstrip().lower()
    except UnicodeDecodeError:
        text = head.decode("cp1252", errors="replace").lstrip().lower()
    if text.startswith(("<!doctype html", "<html")) or "<body" in text[:2048]:
        return "html"
    return "text"


def type_problem(path: Path) -> str | None:
    """Why the content does not match the extension, or None when it does."""
    return kind_problem(path.suffix, sniff(path))


def kind_problem(suffix: str, kind: str) -> str | None:
    """Why content sniffed as ``kind`` does not suit a file ending in ``suffix``, or None."""
    suffix = suffix.lower()
    if kind == "empty":
        return "empty file (0 bytes)"
    expected = _EXPECTED.get(suffix)
    if expected is None:
        return f"unsupported file type {suffix!r}"
    if kind not in expected:
        return (
            f"content does not match the extension {suffix}: the file is "
            f"{_DESCRIBE[kind]} (renamed?)"
        )
    return None
