#!/usr/bin/env python
"""Evaluate a question set on an evaluation corpus, per split, and save the JSON.

    python benchmarks/eval_all.py realpdfs --questions corpus/eval/realpdfs.jsonl \
        [--split dev test] [--k 5] [--tutorial] [--shared ../shared]
    python benchmarks/eval_all.py sample --questions corpus/eval/heldout.jsonl

``NAME`` is a folder under ``data/eval`` built by ``benchmarks/eval_corpus.py``
(``corpus/`` and ``index/``); ``sample`` means the project's own ``corpus/`` with
its index in ``data/eval/sample/index`` (``python -m ingest --corpus corpus --index
data/eval/sample/index run``). For each split it runs

    python -m kb --index data/eval/NAME/index eval QUESTIONS --k K --split S --json

(the product's settings, so extractive answers by default) and writes the report to
``data/eval/NAME/results/<questions>-<split>.json``; with ``--tutorial`` it also runs
``benchmarks/tutorial_baseline.py`` on the same corpus and questions (its Chroma
folder is kept in ``data/eval/NAME/tutorial``). Prints one line per split and group.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import REPO_ROOT, kb_command

EVAL_DATA = REPO_ROOT / "data" / "eval"
GROUPS = ("all", "same-language", "cross-lingual")


def corpus_dir(name: str) -> Path:
    return REPO_ROOT / "corpus" if name == "sample" else EVAL_DATA / name / "corpus"


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}"


def summary_lines(label: str, metrics: dict[str, Any], k: int) -> list[str]:
    lines = []
    for group in GROUPS:
        m = metrics[group]
        line = (
            f"{label:<34} {group:<14} n={m['answerable']:<3} hit@1 {_fmt(m['hit@1'])} "
            f"hit@{k} {_fmt(m[f'hit@{k}'])} hit@10 {_fmt(m['hit@10'])} "
            f"MRR@10 {_fmt(m['mrr@10'])} false-refusal {_fmt(m['false_refusal_rate'])} "
            f"page {_fmt(m.get('page_accuracy'))}"
        )
        if group == "all":
            line += (
                f" | unanswerable {m['unanswerable']}: refused {_fmt(m['refusal_accuracy'])}"
                f" precision {_fmt(m.get('refusal_precision'))}"
            )
        lines.append(line)
    return lines


def run_kb_eval(
    name: str, questions: Path, split: str | None, k: int, shared: Path | None, ask: bool = True
) -> Path:
    index = EVAL_DATA / name / "index"
    if not index.exists():
        raise SystemExit(f"no index at {index}: build it with benchmarks/eval_corpus.py first")
    cmd = kb_command(index, "eval", str(questions))
    cmd += ["--k", str(k), "--json"]
    if split:
        cmd += ["--split", split]
    if shared:
        cmd += ["--shared", str(shared)]
    if not ask:
        cmd.append("--no-ask")
    out = EVAL_DATA / name / "results" / f"{questions.stem}-{split or 'all'}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"kb eval failed with exit code {done.returncode}")
    out.write_text(done.stdout, encoding="utf-8")
    print(f"  ({time.perf_counter() - t0:.0f} s) -> {out}", file=sys.stderr, flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="folder under data/eval, or 'sample'")
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument(
        "--split", nargs="+", default=["dev", "test"], choices=["all", "dev", "test"]
    )
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--shared", type=Path)
    parser.add_argument("--tutorial", action="store_true", help="also run the tutorial pipeline")
    parser.add_argument("--no-ask", action="store_true", help="kb eval --no-ask (no citations)")
    args = parser.parse_args(argv)

    lines: list[str] = []
    for split in args.split:
        path = run_kb_eval(
            args.name, args.questions, None if split == "all" else split, args.k, args.shared,
            not args.no_ask,
        )  # fmt: skip
        report = json.loads(path.read_text(encoding="utf-8"))
        label = f"{args.name} {args.questions.stem} [{split}] kb"
        lines += summary_lines(label, report["metrics"]["hybrid"], args.k)
        lines += summary_lines(f"{label} bm25", report["metrics"]["bm25"], args.k)
    if args.tutorial:
        out = EVAL_DATA / args.name / "results" / f"{args.questions.stem}-tutorial.json"
        cmd = [
            sys.executable, str(REPO_ROOT / "benchmarks" / "tutorial_baseline.py"),
            "--corpus", str(corpus_dir(args.name)), "--questions", str(args.questions),
            "--split", *args.split, "--persist", str(EVAL_DATA / args.name / "tutorial"),
            "--json", str(out),
        ]  # fmt: skip
        if args.shared:
            cmd += ["--shared", str(args.shared)]
        print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
        if subprocess.call(cmd, cwd=REPO_ROOT) != 0:
            raise SystemExit("tutorial baseline failed")
        tutorial = json.loads(out.read_text(encoding="utf-8"))
        for split in args.split:
            label = f"{args.name} {args.questions.stem} [{split}] tutorial"
            lines += summary_lines(label, tutorial[split], args.k)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
