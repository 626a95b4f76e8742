"""The benchmark: generate the corpus, ingest it twice, gather the figures."""

from __future__ import annotations

import contextlib
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from common import log

from ingest_bench.procs import ProcSampler
from ingest_bench.timing import Patches, Timed, patched

# The project is imported inside functions only: the extraction workers (multiprocessing
# forkserver) re-import a script's __main__ module, and importing the pipeline here would
# load Chroma and LangChain into every worker, which `python -m ingest` does not do.

TARGET_OVERHEAD = 0.25  # pipeline overhead < 25% of the first run's wall time
TARGET_RERUN = 0.02  # unchanged re-run < 2% of the first run
TARGET_MEMORY_MB = 2048  # peak memory < 2 GB


def _cpu_self() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def run_benchmark(pages: int, workdir: Path, embedder: str) -> dict[str, Any]:
    import ingest.pipeline as pipeline
    from benchmarks.make_corpus import main as make_corpus
    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    corpus = workdir / "corpus"
    index = workdir / "index"
    for folder in (corpus, index):
        if folder.exists():
            shutil.rmtree(folder)

    log(f"generating {pages} pages into {corpus} ...")
    started = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):
        make_corpus([str(corpus), "--pages", str(pages)])
    corpus_s = time.perf_counter() - started

    settings = load_settings()
    settings.embedder.provider = embedder  # type: ignore[assignment]
    settings.ingest.corpus_dir = corpus
    settings.store.index_dir = index

    started = time.perf_counter()
    kb = build_knowledge_base(settings)
    setup_s = time.perf_counter() - started
    timed_embedder = Timed(kb.embedder, ("embed_documents", "embed_query"))
    timed_store = Timed(
        kb.snapshot().store,
        (
            "documents",
            "put_record",
            "delete_record",
            "delete_chunks",
            "add_chunks",
            "embeddings_by_hash",
            "chunk_count",
        ),
    )
    kb.embedder = timed_embedder  # type: ignore[assignment]
    kb.snapshot().store = timed_store  # type: ignore[assignment]

    state = Patches()
    with ProcSampler() as sampler, patched(state, sampler):
        log(f"first run ({embedder}) ...")
        cpu0 = _cpu_self()
        state.run_started = time.perf_counter()
        report1 = pipeline.run_ingest(kb, corpus)
        wall1 = time.perf_counter() - state.run_started
        main_cpu1 = _cpu_self() - cpu0
        sampler.sample()
        workers = dict(sampler.per_pid)
        embed_s = timed_embedder.seconds["embed_documents"]
        embedded = timed_embedder.items
        store1 = dict(timed_store.seconds)
        scan1, outcome1, first1 = state.scan_s, state.outcome_s, state.first_outcome_s

        timed_embedder.reset()
        timed_store.reset()
        state.scan_s = 0.0
        log("second run (unchanged corpus) ...")
        started = time.perf_counter()
        report2 = pipeline.run_ingest(kb, corpus)
        wall2 = time.perf_counter() - started
        store2 = dict(timed_store.seconds)
        scan2 = state.scan_s
        embed2 = timed_embedder.seconds["embed_documents"]

    # multiprocessing's forkserver outlives the pool; it reaps the workers it forked,
    # so once it is stopped and reaped, RUSAGE_CHILDREN includes the workers' peak too.
    children_before = _maxrss_mb(resource.RUSAGE_CHILDREN)
    with contextlib.suppress(Exception):
        from multiprocessing import forkserver

        forkserver._forkserver._stop()  # type: ignore[attr-defined]
    children_after = _maxrss_mb(resource.RUSAGE_CHILDREN)

    worker_procs = {p: f for p, f in workers.items() if f["role"] == "worker"}
    forkserver_procs = {p: f for p, f in workers.items() if f["role"] == "forkserver"}
    worker_cpu = sum(f["cpu_s"] for f in worker_procs.values())
    self_peak = _maxrss_mb(resource.RUSAGE_SELF)
    worker_peak = max((f["hwm_mb"] for f in worker_procs.values()), default=0.0)
    all_desc_hwm = sum(f["hwm_mb"] for f in workers.values())
    memory_bound = self_peak + all_desc_hwm  # every process at its own peak at once
    overhead_s = wall1 - embed_s
    failures = [f"{f.path}: {f.error}" for f in report1.failures]

    figures: dict[str, Any] = {
        "embedder": kb.embedder_info.name,
        "pages": pages,
        "documents": report1.count("added"),
        "failed_documents": len(failures),
        "failures": failures,
        "chunks": report1.chunks_written,
        "chunks_embedded": report1.chunks_embedded,
        "texts_embedded": embedded,
        "corpus_generation_s": round(corpus_s, 2),
        "kb_setup_s": round(setup_s, 2),
        "run1_wall_s": round(wall1, 3),
        "pages_per_s": round(pages / wall1, 2),
        "chunks_per_s": round(report1.chunks_written / wall1, 2),
        "embedding_s": round(embed_s, 3),
        "embedding_share": round(embed_s / wall1, 4),
        "overhead_s": round(overhead_s, 3),
        "overhead_share": round(overhead_s / wall1, 4),
        "overhead_breakdown_s": {
            "waiting_for_extraction": round(outcome1, 3),
            "store": {k: round(v, 3) for k, v in store1.items() if v},
            "scan_and_hash": round(scan1, 3),
            "other": round(overhead_s - outcome1 - sum(store1.values()) - scan1, 3),
        },
        "extraction": {
            "workers": len(worker_procs),
            "worker_cpu_s": round(worker_cpu, 3),
            "main_waited_s": round(outcome1, 3),
            "first_result_after_s": round(first1, 3) if first1 is not None else None,
            "overlapped_s": round(max(0.0, worker_cpu - outcome1), 3),
            "note": "extraction runs in worker processes concurrently with embedding in "
            "the main process; only main_waited_s adds to wall time",
        },
        "main_process_cpu_s": round(main_cpu1, 3),
        "peak_rss_self_mb": round(self_peak, 1),
        "peak_rss_children_mb": round(children_after, 1),
        "peak_rss_children_before_forkserver_stop_mb": round(children_before, 1),
        "peak_rss_worker_mb": round(worker_peak, 1),
        "peak_rss_forkserver_mb": round(
            max((f["hwm_mb"] for f in forkserver_procs.values()), default=0.0), 1
        ),
        "peak_total_rss_sampled_mb": round(sampler.peak_total_rss_mb, 1),
        "peak_memory_bound_mb": round(memory_bound, 1),
        "run2_wall_s": round(wall2, 3),
        "run2_ratio": round(wall2 / wall1, 4),
        "run2_unchanged_documents": report2.count("unchanged"),
        "run2_embedding_s": round(embed2, 3),
        "run2_breakdown_s": {
            "store": {k: round(v, 3) for k, v in store2.items() if v},
            "scan_and_hash": round(scan2, 3),
        },
    }
    figures["targets"] = {
        "overhead_under_25pct": figures["overhead_share"] < TARGET_OVERHEAD,
        "rerun_under_2pct": figures["run2_ratio"] < TARGET_RERUN,
        "peak_memory_under_2gb": memory_bound < TARGET_MEMORY_MB,
    }
    return figures
