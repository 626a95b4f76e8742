"""Incremental, idempotent ingestion of a corpus folder into the knowledge base.

A run that changes anything writes a new index generation (a copy of the
published one, see ``kb.generations``) and publishes it at the end, so readers
never see a half-done run and a run killed anywhere publishes nothing. Inside
the draft, per document: manifest record ``pending`` -> delete the old chunks ->
add the new chunks -> record ``complete``; a document whose write fails stays
pending and is redone by the next run.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from langchain_core.embeddings import Embeddings

from ingest.catalogue import Catalogue, entry_hash, load_catalogue
from ingest.loaders import ExtractionError
from ingest.prepare import PreparedDocument, PrepareJob
from ingest.report import FileReport, RunReport
from ingest.sandbox import Extractor
from kb.factory import KnowledgeBase
from kb.locks import OnWait
from kb.settings import Settings
from kb.store import COMPLETE, PENDING, DocRecord, KnowledgeStore

PIPELINE_VERSION = "4"  # bump when loaders or chunking change what they produce
IGNORED = ("README.md", "readme.md", "eval/*", ".*", "*/.*")
Progress = Callable[[int, int, FileReport], None]


@dataclass
class SourceFile:
    path: Path
    rel_path: str
    doc_id: str
    file_hash: str
    size: int


@dataclass
class Plan:
    added: list[SourceFile] = field(default_factory=list)
    changed: list[SourceFile] = field(default_factory=list)
    unchanged: list[SourceFile] = field(default_factory=list)
    removed: list[DocRecord] = field(default_factory=list)
    failed: list[FileReport] = field(default_factory=list)


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pipeline_hash(settings: Settings, embedder_name: str) -> str:
    c = settings.chunking
    parts = (
        PIPELINE_VERSION,
        c.chunk_tokens,
        c.overlap_tokens,
        c.max_model_tokens,
        c.window_sentences,
        embedder_name,
    )
    key = "|".join(map(str, parts))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def catalogue_path(settings: Settings, corpus_dir: Path) -> Path:
    return corpus_dir / settings.ingest.catalogue_file


def scan_corpus(corpus_dir: Path, settings: Settings) -> tuple[list[SourceFile], list[FileReport]]:
    """Every ingestible file under the corpus folder, hashed; files that can't be taken."""
    sources: list[SourceFile] = []
    rejected: list[FileReport] = []
    by_doc_id: dict[str, str] = {}
    max_bytes = settings.ingest.max_file_mb * 1024 * 1024
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(corpus_dir).as_posix()
        if path.suffix.lower() not in settings.ingest.extensions:
            continue
        if any(fnmatch.fnmatch(rel, pattern) for pattern in IGNORED):
            continue
        doc_id = rel.rsplit(".", 1)[0]
        if doc_id in by_doc_id:
            rejected.append(
                FileReport(
                    rel,
                    doc_id,
                    "failed",
                    error=f"same document id as {by_doc_id[doc_id]}; rename one",
                )
            )
            continue
        size = path.stat().st_size
        if size > max_bytes:
            rejected.append(
                FileReport(
                    rel,
                    doc_id,
                    "failed",
                    error=f"file is {size / 2**20:.0f} MB, over the "
                    f"{settings.ingest.max_file_mb} MB limit",
                )
            )
            continue
        by_doc_id[doc_id] = rel
        sources.append(SourceFile(path, rel, doc_id, file_hash(path), size))
    return sources, rejected


def make_plan(
    sources: list[SourceFile],
    rejected: list[FileReport],
    records: dict[str, DocRecord],
    catalogue: Catalogue,
    phash: str,
) -> Plan:
    plan = Plan(failed=list(rejected))
    for src in sources:
        if src.rel_path in catalogue.errors:
            plan.failed.append(
                FileReport(
                    src.rel_path,
                    src.doc_id,
                    "failed",
                    error="; ".join(catalogue.errors[src.rel_path]),
                )
            )
            continue
        rec = records.get(src.doc_id)
        if rec is None:
            plan.added.append(src)
        elif (
            rec.status != COMPLETE
            or rec.file_hash != src.file_hash
            or rec.meta_hash != entry_hash(catalogue.entry(src.rel_path))
            or rec.pipeline_hash != phash
            or rec.path != src.rel_path
        ):
            plan.changed.append(src)
        else:
            plan.unchanged.append(src)
    present = {s.doc_id for s in sources} | {f.doc_id for f in plan.failed}
    plan.removed = [rec for doc_id, rec in records.items() if doc_id not in present]
    return plan


def run_ingest(
    kb: KnowledgeBase,
    corpus_dir: Path,
    *,
    full: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    wait_s: float | None = None,
    on_wait: OnWait | None = None,
) -> RunReport:
    """Bring the index in line with the corpus folder, as one new published generation.

    Holds the single-writer lock for the whole run (a second writer waits up to
    ``wait_s``, default ``store.writer_wait_s``, then IndexBusyError). Readers keep
    the published generation until this run publishes its own; a run that dies
    publishes nothing. Raises CatalogueError when the catalogue as a whole is unusable.
    """
    if dry_run:
        return _run(kb, corpus_dir, full, True, progress)
    with kb.writing(wait_s, on_wait):
        # A writer killed mid-run left its draft: delete it now, even if nothing changed.
        kb.generations.collect(kb.settings.store.keep_generations)
        return _run(kb, corpus_dir, full, False, progress)


def _run(
    kb: KnowledgeBase, corpus_dir: Path, full: bool, dry_run: bool, progress: Progress | None
) -> RunReport:
    settings = kb.settings
    started = time.perf_counter()
    report = RunReport(
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        corpus_dir=str(corpus_dir),
        index_dir=settings.store.url or str(settings.store.index_dir),
        full=full,
        dry_run=dry_run,
    )
    catalogue = load_catalogue(catalogue_path(settings, corpus_dir))
    sources, rejected = scan_corpus(corpus_dir, settings)
    known = {s.rel_path for s in sources} | {r.path for r in rejected}
    report.catalogue_problems = [
        f"entry {rel!r} names no file in the corpus"
        for rel in catalogue.entries
        if rel not in known
    ]
    phash = pipeline_hash(settings, kb.embedder_info.name)
    published = kb.published()
    records = {} if full or published is None else kb.store.documents()
    plan = make_plan(sources, rejected, records, catalogue, phash)
    report.files.extend(plan.failed)
    report.files.extend(FileReport(s.rel_path, s.doc_id, "unchanged") for s in plan.unchanged)
    total = len(plan.added) + len(plan.changed) + len(plan.removed)
    done = 0

    def tick(item: FileReport) -> None:
        nonlocal done
        done += 1
        report.files.append(item)
        if progress:
            progress(done, total, item)

    work = [(src, "added") for src in plan.added] + [(src, "changed") for src in plan.changed]
    if dry_run:
        for src, action in work:
            tick(FileReport(src.rel_path, src.doc_id, action))
        for rec in plan.removed:
            tick(FileReport(rec.path, rec.doc_id, "removed", chunks=rec.chunk_count))
        report.seconds = time.perf_counter() - started
        return report
    if work or plan.removed or full or published is None:
        with kb.new_generation(fresh=full) as draft:
            _apply(kb, draft.store, work, plan.removed, catalogue, phash, report, tick)
            report.repaired = repair_orphans(draft.store)
            report.generation = draft.generation
    report.seconds = time.perf_counter() - started
    _log_run(settings, report)
    return report


def _apply(
    kb: KnowledgeBase,
    store: KnowledgeStore,
    work: list[tuple[SourceFile, str]],
    removed: list[DocRecord],
    catalogue: Catalogue,
    phash: str,
    report: RunReport,
    tick: Callable[[FileReport], None],
) -> None:
    settings = kb.settings
    if work:
        ing = settings.ingest
        with Extractor(ing.workers, ing.extract_timeout_s, ing.extract_memory_mb) as extractor:
            # Later files are parsed while earlier ones embed; a bounded window keeps
            # parsed-but-not-embedded documents from piling up in memory.
            window = max(4, 4 * ing.workers)
            queue = iter(work)
            futures: deque = deque()

            def refill() -> None:
                while len(futures) < window and (nxt := next(queue, None)) is not None:
                    src, action = nxt
                    futures.append(
                        (src, action, extractor.submit(_job(src, catalogue, settings, kb)))
                    )

            refill()
            while futures:
                src, action, future = futures.popleft()
                refill()
                try:
                    prepared = extractor.outcome(future)
                except ExtractionError as exc:
                    tick(FileReport(src.rel_path, src.doc_id, "failed", error=str(exc)))
                    continue
                meta_hash = entry_hash(catalogue.entry(src.rel_path))
                tick(
                    _write_document(
                        kb.embedder, store, src, prepared, meta_hash, phash, action, report
                    )
                )
    for rec in removed:
        report.chunks_removed += remove_document(store, rec)
        tick(FileReport(rec.path, rec.doc_id, "removed", chunks=rec.chunk_count))


def _job(
    src: SourceFile, catalogue: Catalogue, settings: Settings, kb: KnowledgeBase
) -> PrepareJob:
    c = settings.chunking
    return PrepareJob(
        path=str(src.path),
        rel_path=src.rel_path,
        doc_id=src.doc_id,
        entry=catalogue.entry(src.rel_path).as_metadata(),
        chunk_tokens=c.chunk_tokens,
        overlap_tokens=c.overlap_tokens,
        max_model_tokens=c.max_model_tokens,
        count_model_tokens=kb.embedder_info.name.startswith("e5:"),
        window_sentences=c.window_sentences,
        ocr=settings.ingest.ocr,
        ocr_page_timeout_s=settings.ingest.ocr_page_timeout_s,
        ocr_budget_s=settings.ingest.ocr_budget_s,
    )


def _write_document(
    embedder: Embeddings,
    store: KnowledgeStore,
    src: SourceFile,
    prepared: PreparedDocument,
    meta_hash: str,
    phash: str,
    action: str,
    report: RunReport,
) -> FileReport:
    item = FileReport(
        src.rel_path,
        src.doc_id,
        action,
        warnings=prepared.warnings,
        extraction=prepared.extraction,
    )
    try:
        chunk_texts = {c.metadata["embed_hash"]: c.embed_text for c in prepared.chunks}
        vectors, chunks_embedded = _vectors(embedder, store, src.doc_id, chunk_texts, "chunks")
        windows = [w for c in prepared.chunks for w in c.window_records()]
        window_texts = {md["embed_hash"]: text for _, text, md in windows}
        window_vectors, windows_embedded = _vectors(
            embedder, store, src.doc_id, window_texts, "windows"
        )
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
    except Exception as exc:  # noqa: BLE001 - the file fails, the run goes on
        return FileReport(src.rel_path, src.doc_id, "failed", error=f"could not index: {exc}")
    item.chunks = len(prepared.chunks)
    item.embedded = chunks_embedded
    report.chunks_written += item.chunks
    report.chunks_embedded += item.embedded
    report.windows_written += len(windows)
    report.windows_embedded += windows_embedded
    return item


def _vectors(
    embedder: Embeddings,
    store: KnowledgeStore,
    doc_id: str,
    texts: dict[str, str],
    collection: str,
) -> tuple[dict[str, list[float]], int]:
    """Vectors for ``texts`` (embed hash -> text to embed) and how many were embedded:
    reused from the document's records in ``collection`` where the embedded text is
    unchanged, embedded otherwise (each distinct text once)."""
    if not texts:
        return {}, 0
    vectors = store.embeddings_by_hash([doc_id], collection=collection)
    todo = {h: text for h, text in texts.items() if h not in vectors}
    if todo:
        vectors |= dict(zip(todo, embedder.embed_documents(list(todo.values())), strict=True))
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


def _log_run(settings: Settings, report: RunReport) -> None:
    settings.store.index_dir.mkdir(parents=True, exist_ok=True)
    log = settings.store.index_dir / "runs.jsonl"
    entry = report.to_dict(include_unchanged=False)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")


def last_run(settings: Settings) -> dict | None:
    log = settings.store.index_dir / "runs.jsonl"
    if not log.exists():
        return None
    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    return json.loads(lines[-1]) if lines else None
