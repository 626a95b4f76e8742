"""``python -m kb.evaluation``: evaluate, or check the locators of question files.

    python -m kb.evaluation [--questions FILE] [--k 5] [--modes hybrid bm25]
                            [--split dev|test] [--shared DIR] [--no-ask] [--json]
    python -m kb.evaluation check corpus/eval/*.jsonl [--shared DIR]

``check`` resolves every locator of every file against the shared folder and lists
each one that fails (missing document, page out of range, offsets past the end, hash
differs); exit code 1 when any fails, 2 when a file is malformed, else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from kb.eval.locators import default_shared_dir, locator_failures, resolve_questions
from kb.eval.questions import (
    SPLITS,
    EvalError,
    EvalQuestion,
    QuestionFileError,
    load_questions,
    select_split,
)
from kb.eval.render import render_eval
from kb.eval.runner import DEFAULT_MODES, run_eval


def prepare_questions(
    path: Path,
    split: str | None = None,
    shared: Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[EvalQuestion]:
    """Load a question file, keep one split, resolve its locators against ``shared``
    (default: ``default_shared_dir()``, only read when a question has a locator).

    Raises QuestionFileError (bad file) or EvalError/LocatorError (split, locators).
    """
    questions = select_split(load_questions(path, warn=warn), split)
    if any(p.locator for q in questions for p in q.supporting_passages):
        questions = resolve_questions(questions, shared or default_shared_dir())
    return questions


def _stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def check(paths: list[Path], shared: Path) -> int:
    """Resolve every locator of every file; print each failure. Returns the exit code."""
    failed = malformed = 0
    for path in paths:
        try:
            questions = load_questions(path, warn=_stderr)
        except QuestionFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            malformed += 1
            continue
        located = sum(1 for q in questions for p in q.supporting_passages if p.locator)
        failures = locator_failures(questions, shared)
        for failure in failures:
            print(f"{path}: {failure}")
        failed += len(failures)
        print(
            f"{path}: {len(questions)} questions, {located} locators, {len(failures)} failing",
            file=sys.stderr,
        )
    if malformed:
        return 2
    return 1 if failed else 0


def check_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kb.evaluation check",
        description="Resolve every locator of the question files against the shared folder.",
    )
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--shared", type=Path, help="shared folder (default: ../shared)")
    args = parser.parse_args(argv)
    return check(args.files, args.shared or default_shared_dir())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["check"]:
        return check_main(argv[1:])
    from kb.core.settings import PROJECT_ROOT

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--questions", type=Path, default=PROJECT_ROOT / "corpus" / "eval" / "questions.jsonl"
    )
    parser.add_argument("--k", type=int, default=5, help="cut-off of the headline hit@k")
    parser.add_argument(
        "--modes",
        nargs="+",
        default=list(DEFAULT_MODES),
        choices=["hybrid", "dense", "bm25"],
        help="retrieval modes; the last one is the baseline",
    )
    parser.add_argument("--split", choices=SPLITS, help="evaluate one half of the questions")
    parser.add_argument("--shared", type=Path, help="shared folder the locators point into")
    parser.add_argument("--no-ask", action="store_true", help="skip service.ask (citations)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.k < 1:
        parser.error("--k must be at least 1")
    warnings: list[str] = []
    try:
        questions = prepare_questions(args.questions, args.split, args.shared, warnings.append)
    except (QuestionFileError, EvalError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in warnings:
        _stderr(warning)

    from kb.app.service import KnowledgeService
    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    kb = build_knowledge_base(load_settings())
    service = KnowledgeService(kb)

    def progress(stage: str, done: int, total: int) -> None:
        if done == total or done % 10 == 0:
            print(f"  {stage}: {done}/{total}", file=sys.stderr)

    try:
        report = run_eval(
            service, questions, k=args.k, modes=args.modes, ask=not args.no_ask,
            progress=progress,
        )  # fmt: skip
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report.warnings[:0] = warnings
    report.split, report.questions_file = args.split, str(args.questions)
    print(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
        if args.json
        else render_eval(report)
    )
    return 0
