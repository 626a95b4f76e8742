#!/usr/bin/env python
"""Ingestion benchmark: throughput, where the time goes, memory, and the unchanged re-run.

    python benchmarks/bench_ingest.py [--pages 500] [--workdir DIR] [--embedder e5|fake] [--json]

Generates a synthetic PDF corpus with ``benchmarks/make_corpus.py``, ingests it
into a fresh index with ``ingest.pipeline.run_ingest`` (first run), then runs
the ingestion again on the unchanged corpus (second run), and prints:

* pages, documents, chunks; wall time of the first run, pages/s and chunks/s;
* embedding time (``kb.embedder.embed_documents``, timed by a wrapper) and its
  share of the first run's wall time; the rest is "pipeline overhead";
* the extraction workers: extraction runs in worker processes concurrently
  with embedding in the main process, so it only costs wall time where the main
  process waits for a result (``Extractor.outcome``); the rest overlaps;
* peak RSS of this process and of its children (``getrusage``), plus the peak
  RSS of each worker sampled from /proc (the workers are forked by
  multiprocessing's forkserver, so they are not this process's own children);
* the unchanged re-run's time and its ratio to the first run.

Targets (PASS/MISS) are informational; the exit code is 0 whatever they say.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# The project is imported inside functions only: the extraction workers (multiprocessing
# forkserver) re-import a script's __main__ module, and importing the pipeline here would
# load Chroma and LangChain into every worker, which `python -m ingest` does not do.

MB = 1024 * 1024
TARGET_OVERHEAD = 0.25  # pipeline overhead < 25% of the first run's wall time
TARGET_RERUN = 0.02  # unchanged re-run < 2% of the first run
TARGET_MEMORY_MB = 2048  # peak memory < 2 GB
_CLK_TCK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


# --- timing wrappers ---------------------------------------------------------


class Timed:
    """Delegates everything to ``inner``; calls of the named methods are timed."""

    def __init__(self, inner: Any, methods: tuple[str, ...]) -> None:
        self._inner = inner
        self._methods = set(methods)
        self.seconds: dict[str, float] = {m: 0.0 for m in methods}
        self.calls: dict[str, int] = {m: 0 for m in methods}
        self.items = 0  # texts passed to embed_documents

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if name not in self._methods or not callable(attr):
            return attr

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return attr(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
                if name == "embed_documents" and args:
                    self.items += len(args[0])

        return timed

    def total(self) -> float:
        return sum(self.seconds.values())

    def reset(self) -> None:
        for m in self._methods:
            self.seconds[m], self.calls[m] = 0.0, 0
        self.items = 0


@dataclass
class Patches:
    """Times spent in the main process in functions of the pipeline (not its code)."""

    outcome_s: float = 0.0  # main process blocked on an extraction result
    first_outcome_s: float | None = None  # from run start to the first result
    scan_s: float = 0.0  # scan_corpus: listing and hashing the files
    run_started: float = 0.0
    before_close: list[dict[int, dict[str, float]]] = field(default_factory=list)


@contextlib.contextmanager
def patched(state: Patches, sampler: ProcSampler):
    """Time Extractor.outcome and scan_corpus; sample the workers just before the pool stops."""
    import ingest.pipeline as pipeline
    from ingest.sandbox import Extractor

    orig_outcome, orig_close, orig_scan = Extractor.outcome, Extractor.close, pipeline.scan_corpus

    def outcome(self: Any, future: Any) -> Any:
        start = time.perf_counter()
        try:
            return orig_outcome(self, future)
        finally:
            now = time.perf_counter()
            state.outcome_s += now - start
            if state.first_outcome_s is None:
                state.first_outcome_s = now - state.run_started

    def close(self: Any) -> None:
        sampler.sample()  # the workers' last figures, before they are stopped
        orig_close(self)

    def scan_corpus(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return orig_scan(*args, **kwargs)
        finally:
            state.scan_s += time.perf_counter() - start

    Extractor.outcome, Extractor.close = outcome, close  # type: ignore[method-assign]
    pipeline.scan_corpus = scan_corpus
    try:
        yield
    finally:
        Extractor.outcome, Extractor.close = orig_outcome, orig_close  # type: ignore[method-assign]
        pipeline.scan_corpus = orig_scan


# --- descendants' memory and CPU from /proc -------------------------------------


def _descendants(root: int) -> dict[int, int]:
    """pid -> parent pid of every live descendant of ``root`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found: dict[int, int] = {}
    todo = [(child, root) for child in children.get(root, [])]
    while todo:
        pid, parent = todo.pop()
        found[pid] = parent
        todo.extend((child, pid) for child in children.get(pid, []))
    return found


def _proc_figures(pid: int) -> dict[str, Any] | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return None
    kb = {
        line.split(":")[0]: int(line.split()[1])
        for line in status.splitlines()
        if line.startswith(("VmHWM:", "VmRSS:"))
    }
    fields = stat[stat.rindex(")") + 2 :].split()
    cpu = (int(fields[11]) + int(fields[12])) / _CLK_TCK  # utime + stime
    return {
        "hwm_mb": kb.get("VmHWM", 0) / 1024,
        "rss_mb": kb.get("VmRSS", 0) / 1024,
        "cpu_s": cpu,
        "cmdline": cmdline,
    }


def _self_rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * _PAGE / MB


class ProcSampler:
    """Samples this process's descendants every ``interval`` s in a thread.

    Keeps, per pid, the last CPU time and the peak RSS (VmHWM), and the peak of
    the summed current RSS of this process plus all descendants.
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.per_pid: dict[int, dict[str, Any]] = {}
        self.peak_total_rss_mb = 0.0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def sample(self) -> None:
        me = os.getpid()
        total = _self_rss_mb()
        tree = _descendants(me)
        for pid, parent in tree.items():
            figures = _proc_figures(pid)
            if figures is None:
                continue
            total += figures["rss_mb"]
            # Processes forked by the forkserver keep its command line: tell them by parent.
            if parent == me:
                server = "forkserver" in figures["cmdline"]
                figures["role"] = "forkserver" if server else "helper"
            else:
                figures["role"] = "worker"
            with self._lock:
                prev = self.per_pid.get(pid)
                if prev is not None:
                    figures["hwm_mb"] = max(figures["hwm_mb"], prev["hwm_mb"])
                self.per_pid[pid] = figures
        with self._lock:
            self.peak_total_rss_mb = max(self.peak_total_rss_mb, total)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> ProcSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()


# --- the benchmark -------------------------------------------------------------


def _cpu_self() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


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

    _log(f"generating {pages} pages into {corpus} ...")
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
        _log(f"first run ({embedder}) ...")
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
        _log("second run (unchanged corpus) ...")
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


def _mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def render(f: dict[str, Any]) -> str:
    ex, ob, t = f["extraction"], f["overhead_breakdown_s"], f["targets"]
    store1 = ", ".join(f"{k} {v:.2f}" for k, v in ob["store"].items()) or "-"
    store2 = ", ".join(f"{k} {v:.3f}" for k, v in f["run2_breakdown_s"]["store"].items()) or "-"
    lines = [
        f"Ingestion benchmark: {f['pages']} pages, embedder {f['embedder']}",
        f"  documents {f['documents']} ({f['failed_documents']} failed), "
        f"chunks {f['chunks']} (embedded {f['chunks_embedded']})",
        f"  corpus generation {f['corpus_generation_s']:.1f} s, "
        f"knowledge-base setup {f['kb_setup_s']:.1f} s (not in run 1)",
        "First run",
        f"  wall time            {f['run1_wall_s']:.2f} s",
        f"  throughput           {f['pages_per_s']:.2f} pages/s, {f['chunks_per_s']:.2f} chunks/s",
        f"  embedding            {f['embedding_s']:.2f} s ({f['embedding_share']:.1%})",
        f"  pipeline overhead    {f['overhead_s']:.2f} s ({f['overhead_share']:.1%}): "
        f"waiting for extraction {ob['waiting_for_extraction']:.2f}, "
        f"scan+hash {ob['scan_and_hash']:.2f}, other {ob['other']:.2f}",
        f"    store calls        {store1}",
        f"  extraction workers   {ex['workers']} process(es), {ex['worker_cpu_s']:.2f} s CPU; "
        f"main waited {ex['main_waited_s']:.2f} s (first result after "
        f"{ex['first_result_after_s']} s), ~{ex['overlapped_s']:.2f} s overlapped with "
        "the main process (extraction runs in workers concurrently with embedding)",
        f"  main process CPU     {f['main_process_cpu_s']:.2f} s",
        "Memory (peak RSS)",
        f"  this process         {f['peak_rss_self_mb']:.0f} MB",
        f"  children (getrusage) {f['peak_rss_children_mb']:.0f} MB "
        f"({f['peak_rss_children_before_forkserver_stop_mb']:.0f} MB before the forkserver "
        "was stopped: the workers are its children, not ours)",
        f"  worker (sampled)     {f['peak_rss_worker_mb']:.0f} MB, forkserver "
        f"{f['peak_rss_forkserver_mb']:.0f} MB; all processes together: sampled "
        f"{f['peak_total_rss_sampled_mb']:.0f} MB, bound {f['peak_memory_bound_mb']:.0f} MB",
        "Unchanged second run",
        f"  wall time            {f['run2_wall_s']:.3f} s ({f['run2_ratio']:.2%} of run 1), "
        f"{f['run2_unchanged_documents']} unchanged, scan+hash "
        f"{f['run2_breakdown_s']['scan_and_hash']:.3f} s",
        f"    store calls        {store2}",
        "Targets (informational)",
        f"  {_mark(t['overhead_under_25pct'])}  pipeline overhead < 25% of wall time "
        f"({f['overhead_share']:.1%})",
        f"  {_mark(t['rerun_under_2pct'])}  unchanged re-run < 2% of first run "
        f"({f['run2_ratio']:.2%})",
        f"  {_mark(t['peak_memory_under_2gb'])}  peak memory < 2 GB "
        f"({f['peak_memory_bound_mb']:.0f} MB, all processes at their peaks)",
    ]
    lines += [f"  FAILED {failure}" for failure in f["failures"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500, help="pages in the corpus (500)")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep the corpus and index here (its corpus/ and index/ are replaced); "
        "default: a temporary folder, deleted afterwards",
    )
    parser.add_argument("--embedder", choices=("e5", "fake"), default="e5")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be positive")

    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        figures = run_benchmark(args.pages, args.workdir.resolve(), args.embedder)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            figures = run_benchmark(args.pages, Path(tmp), args.embedder)
    print(json.dumps(figures, indent=2) if args.json else render(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
