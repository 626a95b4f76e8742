"""What ``python -m kb eval`` and ``python -m kb check`` call (the arguments are parsed
in ``kb/cli.py``): preparing a question file, and checking its locators.

``check`` resolves every locator of every file against the shared folder and lists
each one that fails (missing document, page out of range, offsets past the end, hash
differs); exit code 1 when any fails, 2 when a file is malformed, else 0.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from kb.eval.locators import default_shared_dir, locator_failures, resolve_questions
from kb.eval.questions import (
    EvalQuestion,
    QuestionFileError,
    load_questions,
    select_split,
)


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
