"""Incremental, idempotent ingestion of a corpus folder into the knowledge base.

A run that changes anything writes a new index generation (a copy of the
published one, see ``kb.index.generations``) and publishes it at the end, so readers
never see a half-done run and a run killed anywhere publishes nothing. Inside
the draft, per document: manifest record ``pending`` -> delete the old chunks ->
add the new chunks -> record ``complete``; a document whose write fails stays
pending and is redone by the next run.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest.catalogue import Catalogue, entry_hash, load_catalogue
from ingest.limits import LimitError, limits_hash
from ingest.loaders import ExtractionError
from ingest.prepare import PrepareJob
from ingest.report import FileReport, RunReport
from ingest.sandbox import Extractor, warm_up
from ingest.scan import IGNORED, SourceFile, file_hash, scan_corpus
from ingest.writing import remember_failure, remove_document, repair_orphans, write_document
from kb.core.settings import Settings
from kb.index.compaction import Compaction
from kb.index.factory import KnowledgeBase
from kb.index.locks import OnWait
from kb.index.store import COMPLETE, DocRecord, KnowledgeStore

__all__ = [
    "IGNORED",
    "SourceFile",
    "file_hash",
    "remove_document",
    "repair_orphans",
    "run_ingest",
    "run_ingest_locked",
    "scan_corpus",
]

PIPELINE_VERSION = "6"  # bump when loaders or chunking change what they produce
Progress = Callable[[int, int, FileReport], None]


@dataclass
class Plan:
    added: list[SourceFile] = field(default_factory=list)
    changed: list[SourceFile] = field(default_factory=list)
    unchanged: list[SourceFile] = field(default_factory=list)
    removed: list[DocRecord] = field(default_factory=list)
    failed: list[FileReport] = field(default_factory=list)
    stale_failures: list[str] = field(default_factory=list)  # doc ids whose file is gone


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


def make_plan(
    sources: list[SourceFile],
    rejected: list[FileReport],
    records: dict[str, DocRecord],
    catalogue: Catalogue,
    phash: str,
    failures: dict[str, dict] | None = None,
    lhash: str = "",
) -> Plan:
    """What the run has to do. ``failures`` are the remembered limit failures: a file
    that failed with the same content under the same limits (``lhash``) is reported
    failed again without being processed."""
    failures = failures or {}
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
        remembered = failures.get(src.doc_id)
        if (
            remembered
            and remembered.get("file_hash") == src.file_hash
            and remembered.get("limits_hash") == lhash
        ):
            plan.failed.append(
                FileReport(
                    src.rel_path,
                    src.doc_id,
                    "failed",
                    error=f"{remembered.get('error')} [failed on {remembered.get('failed_at')}; "
                    "not retried until the file or the limits change]",
                )
            )
            continue
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
    # Failures of files that are gone, or back to the content that is indexed.
    current = {s.doc_id: s.file_hash for s in sources}
    unchanged = {s.doc_id for s in plan.unchanged}
    plan.stale_failures = sorted(
        doc_id
        for doc_id, failure in failures.items()
        if doc_id not in current
        or (doc_id in unchanged and failure.get("file_hash") != current[doc_id])
    )
    return plan


def duplicate_warnings(sources: list[SourceFile], plan: Plan) -> dict[str, str]:
    """doc id -> a warning, for each new or changed file whose bytes equal another file's.

    The copy is still ingested (the Secretariat may mean it), but the report names the
    document it repeats: one that is already indexed, else the first by path.
    """
    work = {s.doc_id for s in (*plan.added, *plan.changed)}
    by_hash: dict[str, list[SourceFile]] = {}
    for src in sources:
        by_hash.setdefault(src.file_hash, []).append(src)
    warnings = {}
    for src in (*plan.added, *plan.changed):
        twins = sorted(
            (t for t in by_hash[src.file_hash] if t.doc_id != src.doc_id),
            key=lambda t: (t.doc_id in work, t.rel_path),
        )
        if twins and (twins[0].doc_id not in work or twins[0].rel_path < src.rel_path):
            where = "added in this run" if twins[0].doc_id in work else "already in the corpus"
            warnings[src.doc_id] = (
                f"a byte-identical copy of {twins[0].rel_path} ({where}; "
                f"sha256 {src.file_hash[:12]}): the same document under another name"
            )
    return warnings


def run_ingest(
    kb: KnowledgeBase,
    corpus_dir: Path,
    *,
    full: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    wait_s: float | None = None,
    on_wait: OnWait | None = None,
    compact: Compaction = "auto",
) -> RunReport:
    """Bring the index in line with the corpus folder, as one new published generation.

    Holds the single-writer lock for the whole run (a second writer waits up to
    ``wait_s``, default ``store.writer_wait_s``, then IndexBusyError). Readers keep
    the published generation until this run publishes its own; a run that dies
    publishes nothing. Raises CatalogueError when the catalogue as a whole is unusable.
    ``compact``: whether the run may collapse the index's stack of segments
    (``kb.index.compaction``): ``auto`` for the scheduled run, ``defer`` for small writes.
    """
    if dry_run:
        return _run(kb, corpus_dir, full, True, progress)
    with kb.writing(wait_s, on_wait):
        return run_ingest_locked(kb, corpus_dir, full=full, progress=progress, compact=compact)


def run_ingest_locked(
    kb: KnowledgeBase,
    corpus_dir: Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
    compact: Compaction = "auto",
) -> RunReport:
    """``run_ingest`` for a caller that already holds the writer lock, or whose parent
    process holds it for it (``ingest.worker``)."""
    # A writer killed mid-run left its draft: delete it now, even if nothing changed.
    kb.generations.collect(kb.settings.store.keep_generations)
    return _run(kb, corpus_dir, full, False, progress, compact)


def _run(
    kb: KnowledgeBase,
    corpus_dir: Path,
    full: bool,
    dry_run: bool,
    progress: Progress | None,
    compact: Compaction = "auto",
) -> RunReport:
    settings = kb.settings
    started = time.perf_counter()
    if not dry_run:
        warm_up()  # the extraction workers' server starts while the index is read
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
    records: dict[str, DocRecord] = {}
    failures: dict[str, dict] = {}
    if not full and published is not None:
        with kb.published_store() as store:  # the manifest only, not the lexical index
            records, failures = store.documents(), store.failures()
    lhash = limits_hash(settings, phash)
    plan = make_plan(sources, rejected, records, catalogue, phash, failures, lhash)
    report.files.extend(plan.failed)
    report.files.extend(FileReport(s.rel_path, s.doc_id, "unchanged") for s in plan.unchanged)
    total = len(plan.added) + len(plan.changed) + len(plan.removed)
    done = 0

    copies = duplicate_warnings(sources, plan)

    def tick(item: FileReport) -> None:
        nonlocal done
        done += 1
        if item.action in ("added", "changed") and item.doc_id in copies:
            item.warnings.append(copies[item.doc_id])
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
    if work or plan.removed or plan.stale_failures or full or published is None:
        with kb.new_generation(fresh=full, compact=compact) as draft:
            for doc_id in plan.stale_failures:
                draft.store.delete_failure(doc_id)
            _apply(kb, draft.store, work, plan.removed, catalogue, (phash, lhash), report, tick)
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
    hashes: tuple[str, str],
    report: RunReport,
    tick: Callable[[FileReport], None],
) -> None:
    settings = kb.settings
    phash, lhash = hashes
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
                    meta_hash = entry_hash(catalogue.entry(src.rel_path))
                    item = write_document(
                        kb.embedder,
                        store,
                        src,
                        prepared,
                        meta_hash,
                        phash,
                        action,
                        report,
                        ing.max_embed_s,
                    )
                except LimitError as exc:
                    remember_failure(store, src, str(exc), lhash)
                    item = FileReport(src.rel_path, src.doc_id, "failed", error=str(exc))
                except ExtractionError as exc:
                    item = FileReport(src.rel_path, src.doc_id, "failed", error=str(exc))
                tick(item)
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
        max_chars=settings.ingest.max_chars,
        max_chunks=settings.ingest.max_chunks,
        max_windows=settings.ingest.max_windows if c.window_sentences else 0,
        ocr=settings.ingest.ocr,
        ocr_page_timeout_s=settings.ingest.ocr_page_timeout_s,
        ocr_budget_s=settings.ingest.ocr_budget_s,
    )


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
