"""Scale benchmark: store-only Chroma query latency at 10k, 100k and 1M chunks.

The command line (``python benchmarks/bench_scale.py``); every build and measurement
runs in a subprocess of that script (``--worker``)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from common import loadavg, log_ts

from scale.build import build_index
from scale.config import (
    DEFAULT_LAYOUTS,
    LAYOUT_INDEX,
    SEED,
)
from scale.data import prepare
from scale.measure import run_layout

ENTRY = Path(__file__).resolve().parent.parent / "bench_scale.py"

# --- orchestration -----------------------------------------------------------------


def _subprocess(task: dict[str, Any]) -> dict[str, Any]:
    cmd = [sys.executable, str(ENTRY), "--worker", json.dumps(task)]
    env = dict(os.environ)
    if task["what"] == "layout":
        # One BLAS thread: a multi-threaded OpenBLAS matrix-vector product of a few
        # thousand rows waits ~10 ms for its threads on a busy 2-core machine (0.1 ms
        # single-threaded). A server answering concurrent requests would do the same.
        env["OPENBLAS_NUM_THREADS"] = "1"
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"worker failed ({proc.returncode}): {task}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _worker(task: dict[str, Any]) -> dict[str, Any]:
    workdir = Path(task["workdir"])
    if task["what"] == "prepare":
        prepare(workdir, task["size"], task["queries"], task["seed"])
        return {}
    if task["what"] == "build":
        path = workdir / str(task["size"]) / task["index"]
        result = build_index(task["index"], task["size"], path, task["seed"])
        (path / "build.json").write_text(json.dumps(result))
        return result
    return run_layout(task["layout"], task["size"], workdir, task["queries"], task["seed"],
                      task["options"])  # fmt: skip


def run(sizes: Sequence[int], layouts: Sequence[str], n_queries: int, workdir: Path,
        keep: bool, seed: int = SEED, options: dict[str, Any] | None = None,
        on_result: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:  # fmt: skip
    """Build and measure every layout at every size; the figures as a dict."""
    options = options or {"overfetch_min_share": 0.02, "threads": 8, "exact_max": 50_000}
    out: dict[str, Any] = {"builds": [], "layouts": [], "machine": _machine()}
    base = {"workdir": str(workdir), "queries": n_queries, "seed": seed, "options": options}
    for size in sorted(sizes):
        log_ts(f"size {size}: queries and ground truth")
        _subprocess({**base, "what": "prepare", "size": size})
        for index in sorted({LAYOUT_INDEX[lay] for lay in layouts}):
            path = workdir / str(size) / index
            done = path / "build.json"
            if done.exists():
                result = {**json.loads(done.read_text()), "reused": True}
                log_ts(f"size {size}: reusing index {index}")
            else:
                log_ts(f"size {size}: building index {index}")
                result = _subprocess({**base, "what": "build", "size": size, "index": index})
            result["size"] = size
            out["builds"].append(result)
            log_ts(f"  built {index} {size}: {result['chunks_per_s']} chunks/s, "
                 f"{result['disk_mb']} MB")  # fmt: skip
            if on_result:
                on_result(result)
        for layout in layouts:
            log_ts(f"size {size}: measuring {layout}")
            result = _subprocess({**base, "what": "layout", "size": size, "layout": layout})
            out["layouts"].append(result)
            if on_result:
                on_result(result)
        if not keep:
            shutil.rmtree(workdir / str(size), ignore_errors=True)
    return out


def _machine() -> dict[str, Any]:
    import chromadb

    return {"cpus": os.cpu_count(), "chromadb": chromadb.__version__,
            "niceness": os.nice(0), "loadavg_start": loadavg()}  # fmt: skip


# --- report ------------------------------------------------------------------------


def report(results: dict[str, Any]) -> str:
    """The figures as text tables."""
    lines = [f"machine: {results['machine']}", "", "Indexes:"]
    lines.append("size | index | collections | chunks/s (add) | add s | disk MB | side-car MB "
                 "| build peak RSS MB | load avg")  # fmt: skip
    for b in results["builds"]:
        lines.append(f"{b['size']} | {b['index']} | {b['collections']} | {b['chunks_per_s']:.0f} | "
                     f"{b['add_s']} | {b['disk_mb']} | {b.get('sidecar_mb') or ''} | "
                     f"{b['build_peak_rss_mb']} | {b['loadavg_end']}"
                     f"{' (reused)' if b.get('reused') else ''}")  # fmt: skip
    lines += ["", "Queries (ms; recall@10 vs exact filtered search):"]
    lines.append("size | layout | kind | p50 | p95 | p99 | CPU p50 | recall | queries | load avg")
    by_key: dict[tuple[str, str], dict[int, float]] = {}
    for r in results["layouts"]:
        for kind, s in r["kinds"].items():
            load = f"{s['loadavg'][0]}-{s['loadavg'][1]}"
            lines.append(f"{r['size']} | {r['layout']} | {kind} | {s['p50']} | {s['p95']} | "
                         f"{s['p99']} | {s.get('cpu_p50', '')} | {s['recall']:.3f} | {s['n']} | "
                         f"{load}")  # fmt: skip
            by_key.setdefault((r["layout"], kind), {})[r["size"]] = s["p50"]
    lines += ["", "Query processes:", "size | layout | open + 1st query s | RSS open MB | "
              "peak RSS MB | notes"]  # fmt: skip
    for r in results["layouts"]:
        notes = json.dumps(r["notes"])
        lines.append(f"{r['size']} | {r['layout']} | {r['open_and_first_query_s']} | "
                     f"{r['rss_open_mb']} | {r['peak_rss_mb']} | {notes}")  # fmt: skip
    lines += ["", "Growth of p50 between consecutive sizes:"]
    for (layout, kind), per in by_key.items():
        sizes = sorted(per)
        steps = [f"{a}->{b}: x{per[b] / per[a]:.1f}" for a, b in zip(sizes, sizes[1:], strict=False)
                 if per[a] > 0]  # fmt: skip
        if steps:
            lines.append(f"{layout} / {kind}: " + ", ".join(steps))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--layouts", nargs="+", default=DEFAULT_LAYOUTS, choices=list(LAYOUT_INDEX))
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--keep", action="store_true", help="keep (and reuse) the indexes")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--overfetch-min-share", type=float, default=0.02)
    ap.add_argument(
        "--exact-max",
        type=int,
        default=50_000,
        help="hybrid: largest filtered subset searched exactly in numpy",
    )
    ap.add_argument(
        "--max-kind-seconds",
        type=float,
        help="stop a query kind after this many seconds (at least 20 queries)",
    )
    ap.add_argument("--threads", type=int, default=8, help="partitioned fan-out pool size")
    ap.add_argument("--results", type=Path, help="also append every result as a JSON line")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(json.loads(args.worker))))
        return 0
    options = {
        "overfetch_min_share": args.overfetch_min_share,
        "threads": args.threads,
        "exact_max": args.exact_max,
        "max_kind_seconds": args.max_kind_seconds,
    }

    def on_result(result: dict[str, Any]) -> None:
        if args.results:
            with args.results.open("a") as fh:
                fh.write(json.dumps(result) + "\n")

    tmp = None
    workdir = args.workdir
    if workdir is None:
        tmp = tempfile.mkdtemp(prefix="bench_scale-")
        workdir = Path(tmp)
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = run(args.sizes, args.layouts, args.queries, workdir, args.keep, args.seed,
                      options, on_result)  # fmt: skip
    finally:
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    results["machine"]["loadavg_end"] = loadavg()
    print(json.dumps(results, indent=1) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
