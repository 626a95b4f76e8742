"""Measuring retrieve and ask at each size of filler; the whole run."""

from __future__ import annotations

import gc
import os
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from common import MB, REPO_ROOT, log, pct, peak_rss_mb, proc_status_mb

from query_bench.filler import (
    FILTER_COUNTRIES,
    add_filler,
)

# The project is imported inside functions only: the ingestion's extraction workers
# (multiprocessing forkserver) re-import a script's __main__ module.


def _stats(values: list[float]) -> dict[str, float | None]:
    return {f"p{q}": _r(pct(values, q), 1) for q in (50, 95, 99)} | {"n": len(values)}


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / MB


def measure(kb: Any, questions: list, filler: int) -> dict[str, Any]:
    from kb.app.service import KnowledgeService
    from kb.core.types import Filters
    from kb.eval import first_hit_rank

    t0 = time.perf_counter()
    service = KnowledgeService(kb)
    init_s = time.perf_counter() - t0
    flt = Filters(countries=list(FILTER_COUNTRIES))
    t0 = time.perf_counter()
    warm = questions[0].question
    service.ask(warm)
    service.retrieve(warm)
    service.ask(warm, filters=flt)
    service.retrieve(warm, filters=flt)
    warmup_s = time.perf_counter() - t0

    timings: dict[str, list[float]] = {
        "retrieve": [],
        "ask": [],
        "retrieve_filtered": [],
        "ask_filtered": [],
    }
    stages: dict[str, list[float]] = {}
    ranks: list[int | None] = []
    refused_answerable = answered_unanswerable = violations = 0
    k_used = 0

    def timed(name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        timings[name].append((time.perf_counter() - start) * 1000)
        return out

    load_before = os.getloadavg()[0]
    for n, q in enumerate(questions, start=1):
        retrieval = timed("retrieve", service.retrieve, q.question)
        k_used = max(k_used, len(retrieval.passages))
        if q.answerable:
            ranks.append(first_hit_rank(retrieval.passages, q.supporting_passages))
        answer = timed("ask", service.ask, q.question)
        if q.answerable and not answer.found:
            refused_answerable += 1
        if not q.answerable and answer.found:
            answered_unanswerable += 1
        for stage, ms in (getattr(answer, "timings_ms", None) or {}).items():
            stages.setdefault(stage, []).append(float(ms))
        filtered = timed("retrieve_filtered", service.retrieve, q.question, filters=flt)
        violations += sum(
            1 for p in filtered.passages if p.metadata.get("country") not in FILTER_COUNTRIES
        )
        timed("ask_filtered", service.ask, q.question, filters=flt)
        if n % 10 == 0 or n == len(questions):
            log(f"  queries {n}/{len(questions)}")

    answerable = len(ranks)
    hits = sum(1 for r in ranks if r is not None)
    index_dir = kb.settings.store.index_dir
    published = kb.published()
    lexical_file = (
        index_dir / "generations" / (published.generation if published else "") / ("lexical.pkl")
    )
    figures = {
        "filler_chunks": filler,
        "chunks": kb.snapshot().store.chunk_count(),
        "windows": kb.snapshot().store.windows.count()
        if kb.snapshot().store.windows is not None
        else 0,
        "documents": len(kb.snapshot().store.documents()),
        "service_init_s": _r(init_s),
        "warmup_s": _r(warmup_s),
        "latency_ms": {name: _stats(values) for name, values in timings.items()},
        "ask_stages_p50_ms": {s: _r(pct(v, 50), 1) for s, v in stages.items()},
        "k": k_used,
        "hit_at_k": _r(hits / answerable if answerable else None),
        "hits": hits,
        "answerable": answerable,
        "refused_answerable": refused_answerable,
        "answered_unanswerable": answered_unanswerable,
        "unanswerable": len(questions) - answerable,
        "filter_violations": violations,
        "load_avg_1min": [_r(load_before, 2), _r(os.getloadavg()[0], 2)],  # before, after
        "rss_mb": _r((proc_status_mb("VmRSS") or 0.0), 1),
        "peak_rss_mb": _r(peak_rss_mb(), 1),
        "index_mb": _r(_dir_mb(index_dir), 1),
        "lexical_file_mb": _r(lexical_file.stat().st_size / MB, 1)
        if lexical_file.exists()
        else None,
    }
    del service
    gc.collect()
    return figures


def run(ns: list[int], questions_path: Path, seed: int, workdir: Path) -> dict[str, Any]:
    from ingest.pipeline import pipeline_hash, run_ingest
    from kb.core.settings import load_settings
    from kb.eval import load_questions
    from kb.index.factory import build_knowledge_base

    questions = load_questions(questions_path)
    corpus = REPO_ROOT / "corpus"
    settings = load_settings(
        embedder={"provider": "e5"},
        store={"index_dir": workdir / "index"},
        ingest={"corpus_dir": corpus},
    )
    log(f"ingesting {corpus} with e5 into {settings.store.index_dir} ...")
    t0 = time.perf_counter()
    kb = build_knowledge_base(settings)
    report = run_ingest(kb, corpus)
    ingest_s = time.perf_counter() - t0
    if report.exit_code != 0:
        raise SystemExit(f"ingesting the sample corpus failed:\n{report.render()}")
    sample_chunks = kb.snapshot().store.chunk_count()
    sample_docs = len(kb.snapshot().store.documents())
    phash = pipeline_hash(settings, kb.embedder_info.name)

    rows = []
    have = 0
    for n in ns:
        log(f"N = {n:,}: adding {n - have:,} filler chunks ...")
        with kb.writing(), ExitStack() as stack:
            t0 = time.perf_counter()
            draft = stack.enter_context(kb.new_generation())
            copy_s = time.perf_counter() - t0
            added = add_filler(kb, draft.store, seed, have, n, phash)
            log("  building the lexical index and publishing ...")
            t0 = time.perf_counter()
            stack.close()
            publish_s = time.perf_counter() - t0
        have = n
        log("  querying ...")
        figures = measure(kb, questions, n)
        figures["filler_add_s"] = {k: _r(v, 2) for k, v in added.items()}
        figures["generation_copy_s"] = _r(copy_s, 2)
        figures["lexical_build_and_publish_s"] = _r(publish_s, 2)
        rows.append(figures)
    return {
        "embedder": kb.embedder_info.name,
        "questions": len(questions),
        "sample_documents": sample_docs,
        "sample_chunks": sample_chunks,
        "sample_ingest_s": _r(ingest_s, 1),
        "seed": seed,
        "cpus": os.cpu_count(),
        "filter": {"countries": FILTER_COUNTRIES},
        "runs": rows,
    }
