"""The command line (``python benchmarks/fuzz_ingest.py``)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from fuzz.cli import cli_with_timings, helper_main
from fuzz.config import REPO_ROOT
from fuzz.report import render
from fuzz.run import fuzz


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Fuzz the ingestion CLI with mutated PDF and DOCX files.",
        epilog="Environment: PESKB_* variables are passed on, e.g. "
        "PESKB_INGEST__EXTRACT_TIMEOUT_S=20 to shorten the extraction timeout.",
    )
    p.add_argument("--cases", type=int, default=1000, help="mutated files (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="random seed; same seed, same files")
    p.add_argument("--batch", type=int, default=250, help="new files per ingestion run")
    p.add_argument(
        "--churn",
        type=float,
        default=0.02,
        help="before each later run, replace this share of the earlier files with "
        "new mutations and delete half as many (default 0.02; 0 = only add)",
    )
    p.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep corpus, indexes, logs and manifest here (replaced on every run); "
        "default: a temporary folder removed at the end",
    )
    p.add_argument("--embedder", choices=("fake", "e5"), default="fake")
    p.add_argument(
        "--source",
        type=Path,
        default=REPO_ROOT,
        help="source tree whose ingest/kb packages are tested (default: this repo)",
    )
    p.add_argument(
        "--plain-cli",
        action="store_true",
        help="run `python -m ingest` itself (no per-file extraction times)",
    )
    p.add_argument(
        "--generate-only",
        action="store_true",
        help="only write the mutated corpus and manifest (needs --workdir)",
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--_cli"]:  # internal: the ingestion CLI with extraction timing
        rest = argv[2:]
        return cli_with_timings(argv[1], rest[1:] if rest[:1] == ["--"] else rest)
    if argv[:1] == ["--_helper"]:  # internal: settings / index inspection
        return helper_main(argv[1:])
    opts = _parser().parse_args(argv)
    opts.argv = argv
    if opts.generate_only and opts.workdir is None:
        _parser().error("--generate-only needs --workdir")
    work = opts.workdir.resolve() if opts.workdir else Path(tempfile.mkdtemp(prefix="fuzz-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        res = fuzz(opts, work)
        if opts.workdir:
            (work / "results.json").write_text(json.dumps(res, indent=1, ensure_ascii=False))
    finally:
        if opts.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    if opts.generate_only:
        print(json.dumps(res, indent=2))
        return 0
    print(json.dumps(res, indent=2, ensure_ascii=False) if opts.json else render(res))
    broken = (
        res["crashes"]
        or not res["integrity"]["ok"]
        or res["bounds"]["time_bound_held"] is False
        or not res["bounds"]["memory_bound_held"]
    )
    return 1 if broken else 0
