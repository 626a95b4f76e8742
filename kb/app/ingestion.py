"""Batch ingestion as the ``python -m ingest`` commands use it: a run over the corpus,
the index's compaction, the index's status, the catalogue's check. The CLI parses and
renders; this opens the knowledge base and reads the index."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from ingest.catalogue import CatalogueError, load_catalogue
from ingest.filetypes import type_problem
from ingest.pipeline import Progress, catalogue_path, last_run, run_ingest, scan_corpus
from ingest.report import RunReport
from kb.core.settings import Settings
from kb.index.factory import KnowledgeBase, build_knowledge_base
from kb.index.locks import IndexBusyError
from kb.index.store import COMPLETE, EmbedderMismatchError

__all__ = [
    "CatalogueError",
    "EmbedderMismatchError",
    "IndexBusyError",
    "check_data",
    "compact_index",
    "ingest_corpus",
    "status_data",
]


def ingest_corpus(
    settings: Settings,
    *,
    full: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    wait_s: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> RunReport:
    """One incremental run over the configured corpus (``ingest.pipeline.run_ingest``);
    as the operators' scheduled run, it compacts the index's segments past the soft
    bounds (``kb.index.compaction``)."""
    return run_ingest(
        build_knowledge_base(settings),
        settings.ingest.corpus_dir,
        full=full,
        dry_run=dry_run,
        progress=progress,
        wait_s=wait_s,
        on_wait=on_wait,
        compact="auto",
    )


def compact_index(
    settings: Settings,
    *,
    wait_s: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Collapse the published generation's segments into one (same content, a new
    generation), holding the writer lock; what it did."""
    kb = build_knowledge_base(settings)
    started = time.perf_counter()
    with kb.writing(wait_s, on_wait):
        before = kb.published()
        segments_before = _segment_count(kb)
        generation = kb.compact()
    return {
        "compacted": generation is not None,
        "generation_before": before.generation if before else None,
        "generation": generation or (before.generation if before else None),
        "segments_before": segments_before,
        "segments": _segment_count(kb),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _segment_count(kb: KnowledgeBase) -> int | None:
    published = kb.published()
    return kb.generations.segment_count(published.generation) if published else None


def status_data(settings: Settings) -> dict[str, Any]:
    kb = build_knowledge_base(settings)
    published = kb.published()
    records = kb.snapshot().store.documents() if published else {}
    complete = [r for r in records.values() if r.status == COMPLETE]
    run = last_run(settings)
    return {
        "index_dir": settings.store.url or str(settings.store.index_dir),
        "generation": published.generation if published else None,
        # segments stacked by writes since the last compaction (kb.index.compaction)
        "segments": _segment_count(kb),
        "writer": kb.busy(),
        "embedder": {"name": kb.embedder_info.name, "dim": kb.embedder_info.dim},
        "documents": len(complete),
        "pending_documents": sorted(r.doc_id for r in records.values() if r.status != COMPLETE),
        "chunks": kb.snapshot().store.chunk_count() if published else 0,
        "by_language": dict(Counter(r.metadata.get("language", "?") for r in complete)),
        "by_country": dict(Counter(r.metadata.get("country", "?") for r in complete)),
        # Texts the main embedder embedded per chunk (chunks plus passage windows).
        "embedding": _embedding(kb) if published else None,
        # How the relevance decision is calibrated on this index (kb.index.calibration).
        "calibration": _calibration(kb) if published else None,
        # Files that failed a size or time limit; not retried until they change.
        "not_retried": [
            {k: failure.get(k) for k in ("path", "error", "failed_at")}
            for failure in sorted(
                (kb.snapshot().store.failures() if published else {}).values(),
                key=lambda f: str(f.get("path")),
            )
        ],
        "last_run": None
        if run is None
        else {
            "started_at": run["started_at"],
            "summary": run["summary"],
            "failures": [
                {"path": f["path"], "error": f["error"]}
                for f in run["files"]
                if f["action"] == "failed"
            ],
        },
    }


def _embedding(kb: KnowledgeBase) -> dict[str, Any]:
    snap = kb.snapshot()
    chunks, windows = snap.count("chunks"), snap.count("windows")
    second = getattr(snap.lexical, "second", None)
    return {
        "chunks": chunks,
        "windows": windows,
        "per_chunk": round((chunks + windows) / chunks, 2) if chunks else 0.0,
        # the second embedder's rows (kb.index.second): a much cheaper model, counted apart
        "second": {"model": second.model, "rows": int(second.covered.sum())}
        if second is not None
        else None,
    }


def _calibration(kb: KnowledgeBase) -> dict[str, Any] | None:
    calibration = kb.snapshot().calibration
    return calibration.summary() if calibration is not None else None


def check_data(settings: Settings) -> dict[str, Any]:
    corpus = settings.ingest.corpus_dir
    cat_file = catalogue_path(settings, corpus)
    catalogue = load_catalogue(cat_file)
    sources, rejected = scan_corpus(corpus, settings)
    on_disk = {s.rel_path for s in sources} | {r.path for r in rejected}
    problems = catalogue.all_messages() + [f"{r.path}: {r.error}" for r in rejected]
    problems += [f"{s.rel_path}: {p}" for s in sources if (p := type_problem(s.path))]
    return {
        "catalogue": str(cat_file) if catalogue.exists else None,
        "files": len(sources),
        "entries": len(catalogue.entries) + len(catalogue.errors),
        "errors": problems,
        "warnings": [
            f"{rel}: catalogue entry names no file"
            for rel in catalogue.entries
            if rel not in on_disk
        ],
        "derived": sorted(
            s.rel_path
            for s in sources
            if s.rel_path not in catalogue.entries and s.rel_path not in catalogue.errors
        ),
    }
