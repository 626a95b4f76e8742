"""The command line (``python benchmarks/bench_ingest.py``) and the report."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from common import project_on_path

import ingest_bench
from ingest_bench.run import run_benchmark

project_on_path()


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
    parser = argparse.ArgumentParser(description=ingest_bench.__doc__.split("\n\n")[0])
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
