"""The command line (``python benchmarks/bench_query.py``)."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from common import REPO_ROOT, project_on_path

import query_bench
from query_bench.measure import run
from query_bench.report import render

project_on_path()
project_on_path(REPO_ROOT / "benchmarks")  # make_corpus's word lists


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=query_bench.__doc__.split("\n\n")[0])
    parser.add_argument(
        "--chunks", type=int, nargs="+", default=[10_000, 100_000],
        help="numbers of synthetic filler chunks to measure at (cumulative)",
    )  # fmt: skip
    parser.add_argument(
        "--questions", type=Path, default=REPO_ROOT / "corpus" / "eval" / "questions.jsonl"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep the index here (replaced each run)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if any(n < 0 for n in args.chunks):
        parser.error("--chunks must be >= 0")
    ns = sorted(set(args.chunks))

    if args.workdir:
        import shutil

        shutil.rmtree(args.workdir / "index", ignore_errors=True)
        args.workdir.mkdir(parents=True, exist_ok=True)
        figures = run(ns, args.questions, args.seed, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-query-") as tmp:
            figures = run(ns, args.questions, args.seed, Path(tmp))
    print(json.dumps(figures, indent=2) if args.json else render(figures))
    return 0
