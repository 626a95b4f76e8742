"""A cited document as the app may show it: a PDF's own bytes, or the text the index holds.

Sources are never served from the corpus folder as files: an HTML or Markdown document
opened in the app's origin would run its scripts there. The app's source page asks this
module for a document *by id*, so only indexed documents are reachable (never
``catalogue.yaml``, never a path a client typed), and gets

- for a PDF: its bytes, checked to be a PDF inside the corpus folder, which the page
  hands to the browser as ``application/pdf`` (opened at ``#page=N``);
- for every other format: the extracted, cleaned text the answers quote, rebuilt from
  the indexed chunks, which the page shows as escaped text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from kb.index.factory import KnowledgeBase
from kb.index.store import DocRecord, paged_get

PDF_MAGIC = b"%PDF-"


class SourceError(LookupError):
    """The document cannot be shown; the message says why."""


@dataclass(frozen=True)
class Source:
    record: DocRecord
    is_pdf: bool
    pdf: bytes = b""  # the file, for a PDF
    text: str = ""  # the extracted text, for anything else
    truncated: bool = False

    @property
    def title(self) -> str:
        return str(self.record.metadata.get("title") or self.record.doc_id)


def source_query(doc_id: str, page: int = 0) -> str:
    """The source page's query string for a document (and page): ``doc=...&page=N``."""
    return urlencode({"doc": doc_id, **({"page": page} if page else {})}, safe="/")


def load_source(kb: KnowledgeBase, doc_id: str, max_chars: int = 200_000) -> Source:
    """The document ``doc_id`` of the published index, ready to show; ``SourceError`` if not."""
    record = kb.snapshot().store.documents().get(doc_id)
    if record is None:
        raise SourceError(f"no document {doc_id!r} in the knowledge base")
    if Path(record.path).suffix.lower() == ".pdf":
        return Source(record, True, pdf=_pdf_bytes(kb.settings.ingest.corpus_dir, record.path))
    text = document_text(kb, doc_id)
    if not text:
        raise SourceError(f"{record.path}: the index holds no text for this document")
    return Source(record, False, text=text[:max_chars], truncated=len(text) > max_chars)


def _pdf_bytes(corpus: Path, rel: str) -> bytes:
    root = corpus.resolve()
    path = (root / rel).resolve()
    if not path.is_relative_to(root):  # a symlink out of the corpus is not served
        raise SourceError(f"{rel}: outside the corpus folder")
    try:
        with path.open("rb") as f:
            data = f.read()
    except OSError as exc:
        raise SourceError(f"{rel}: cannot be read ({exc.strerror or exc})") from None
    if PDF_MAGIC not in data[:1024]:
        raise SourceError(f"{rel}: the file is not a PDF")
    return data


def document_text(kb: KnowledgeBase, doc_id: str) -> str:
    """The document's indexed text: its chunks in order, overlaps removed, each new
    heading on a line of its own."""
    chunks = kb.snapshot().store.chunks
    got = paged_get(chunks, ["documents", "metadatas"], where={"doc_id": doc_id})
    spans = sorted(
        (int(md.get("char_start", 0)), int(md.get("char_end", 0)), text,
         str(md.get("heading_path") or ""))
        for text, md in zip(got["documents"], got["metadatas"], strict=True)
    )  # fmt: skip
    parts: list[str] = []
    end, heading = -1, ""
    for start, stop, text, path in spans:
        if stop <= end:
            continue
        if path != heading and path:
            parts.append(f"\n\n{path.split(' > ')[-1]}\n\n")
            heading = path
        elif start < end and len(text) == stop - start:
            text = text[end - start :]  # the overlap with the previous chunk
        elif parts:
            parts.append("\n\n")
        parts.append(text)
        end = max(end, stop)
    return "".join(parts).strip()
