"""Write one prepared document into a draft store: embed (bounded in time), then the
manifest record ``pending`` -> old chunks deleted -> new chunks added -> ``complete``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from langchain_core.embeddings import Embeddings

from ingest.limits import LimitError
from ingest.prepare import PreparedDocument
from ingest.report import FileReport, RunReport
from ingest.scan import SourceFile
from kb.index.store import COMPLETE, PENDING, DocRecord, KnowledgeStore

EMBED_BATCH = 64  # texts per embedder call; the embedding time limit is checked between


def remember_failure(store: KnowledgeStore, src: SourceFile, error: str, lhash: str) -> None:
    store.put_failure(
        src.doc_id,
        {
            "path": src.rel_path,
            "file_hash": src.file_hash,
            "limits_hash": lhash,
            "error": error,
            "failed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


def write_document(
    embedder: Embeddings,
    store: KnowledgeStore,
    src: SourceFile,
    prepared: PreparedDocument,
    meta_hash: str,
    phash: str,
    action: str,
    report: RunReport,
    max_embed_s: float = 0.0,
) -> FileReport:
    """Embed and write one document; LimitError when embedding it takes longer than
    ``max_embed_s`` (nothing of it is written then)."""
    item = FileReport(
        src.rel_path, src.doc_id, action, warnings=prepared.warnings, extraction=prepared.extraction
    )
    budget = _Budget(max_embed_s, time.monotonic()) if max_embed_s else None
    chunk_texts = {c.metadata["embed_hash"]: c.embed_text for c in prepared.chunks}
    windows = [w for c in prepared.chunks for w in c.window_records()]
    window_texts = {md["embed_hash"]: text for _, text, md in windows}
    try:
        vectors, chunks_embedded = _vectors(
            embedder, store, src.doc_id, chunk_texts, "chunks", budget
        )
        window_vectors, windows_embedded = _vectors(
            embedder, store, src.doc_id, window_texts, "windows", budget
        )
    except LimitError:
        raise
    except Exception as exc:  # noqa: BLE001 - the file fails, the run goes on
        return FileReport(src.rel_path, src.doc_id, "failed", error=f"could not index: {exc}")
    try:
        record = DocRecord(
            src.doc_id,
            src.rel_path,
            src.file_hash,
            meta_hash,
            phash,
            PENDING,
            metadata=prepared.metadata,
        )
        store.put_record(record)
        store.delete_chunks(src.doc_id)
        store.add_chunks(
            [c.id for c in prepared.chunks],
            [c.text for c in prepared.chunks],
            [vectors[c.metadata["embed_hash"]] for c in prepared.chunks],
            [c.metadata for c in prepared.chunks],
        )
        if windows:
            store.add_windows(
                [w[0] for w in windows],
                [w[1] for w in windows],
                [window_vectors[w[2]["embed_hash"]] for w in windows],
                [w[2] for w in windows],
            )
        record.status = COMPLETE
        record.chunk_count = len(prepared.chunks)
        record.ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
        store.put_record(record)
        store.delete_failure(src.doc_id)
    except Exception as exc:  # noqa: BLE001 - the file fails, the run goes on
        return FileReport(src.rel_path, src.doc_id, "failed", error=f"could not index: {exc}")
    item.chunks = len(prepared.chunks)
    item.embedded = chunks_embedded
    report.chunks_written += item.chunks
    report.chunks_embedded += item.embedded
    report.windows_written += len(windows)
    report.windows_embedded += windows_embedded
    return item


@dataclass
class _Budget:
    limit_s: float
    started: float


def _vectors(
    embedder: Embeddings,
    store: KnowledgeStore,
    doc_id: str,
    texts: dict[str, str],
    collection: str,
    budget: _Budget | None = None,
) -> tuple[dict[str, list[float]], int]:
    """Vectors for ``texts`` (embed hash -> text to embed) and how many were embedded:
    reused from the document's records in ``collection`` where the embedded text is
    unchanged, embedded otherwise (each distinct text once), in batches; LimitError
    once the document's embedding has used up its ``budget``."""
    if not texts:
        return {}, 0
    vectors = store.embeddings_by_hash([doc_id], collection=collection)
    todo = [(h, text) for h, text in texts.items() if h not in vectors]
    for start in range(0, len(todo), EMBED_BATCH):
        if budget is not None and time.monotonic() - budget.started > budget.limit_s:
            raise LimitError(
                f"embedding took longer than the limit of {budget.limit_s:g} s "
                f"(ingest.max_embed_s) after {start:,} of {len(todo):,} {collection}; "
                "nothing of it was indexed",
                "max_embed_s",
            )
        batch = todo[start : start + EMBED_BATCH]
        got = embedder.embed_documents([text for _, text in batch])
        vectors |= dict(zip((h for h, _ in batch), got, strict=True))
    return vectors, len(todo)


def remove_document(store: KnowledgeStore, record: DocRecord) -> int:
    """Drop a document's chunks and record; returns how many chunks it had."""
    count = store.chunk_count(record.doc_id)
    record.status = PENDING
    store.put_record(record)
    store.delete_chunks(record.doc_id)
    store.delete_record(record.doc_id)
    return count


def repair_orphans(store: KnowledgeStore) -> int:
    """Delete chunks that belong to no complete document; returns how many."""
    records = store.documents()
    complete = {d for d, r in records.items() if r.status == COMPLETE}
    expected = sum(r.chunk_count for r in records.values() if r.status == COMPLETE)
    if store.chunk_count() == expected:
        return 0
    got = store.all_chunks(["metadatas"])
    stray = sorted({md["doc_id"] for md in got["metadatas"] if md["doc_id"] not in complete})
    removed = 0
    for doc_id in stray:
        removed += store.chunk_count(doc_id)
        store.delete_chunks(doc_id)
    return removed
