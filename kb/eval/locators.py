"""Locators: supporting excerpts of real documents kept out of the repository.

A question file about documents the project may not copy stores each supporting
passage as a locator (``source`` relative to the shared folder, ``page`` for PDFs,
``start``/``end`` ``str`` offsets, ``sha256`` prefix of the excerpt). At evaluation
time the excerpt is re-extracted the same way it was written:

* text files: the whole file read as UTF-8 (``Path.read_text``), sliced;
* PDFs: ``pypdf.PdfReader(path).pages[page - 1].extract_text()``, sliced;

and its hash is checked, so a changed or missing document fails, naming the
question and the source, instead of silently scoring against other text.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from kb.eval.questions import EvalError, EvalQuestion, Locator

SHARED_ENV = "PESKB_EVALUATION__SHARED_DIR"


class LocatorError(EvalError):
    """A locator cannot be resolved: the message names the question and the source."""


def default_shared_dir() -> Path:
    """The shared folder: ``PESKB_EVALUATION__SHARED_DIR``, else ``<repo root>/../shared``."""
    if os.environ.get(SHARED_ENV):
        return Path(os.environ[SHARED_ENV])
    from kb.core.settings import PROJECT_ROOT

    return PROJECT_ROOT.parent / "shared"


def excerpt_hash(text: str) -> str:
    """First 16 hex digits of the sha256 of the text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=64)
def _text_file(path: Path, mtime_ns: int) -> str:
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=16)
def _pdf_pages(path: Path, mtime_ns: int) -> tuple[int, object]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return len(reader.pages), reader


@lru_cache(maxsize=512)
def _pdf_page_text(path: Path, mtime_ns: int, page: int) -> str:
    _, reader = _pdf_pages(path, mtime_ns)
    return reader.pages[page - 1].extract_text()  # type: ignore[attr-defined]


def source_text(shared: Path, locator: Locator) -> str:
    """The text the locator's offsets index into. Raises LocatorError (no question id)."""
    path = (shared / locator.source).resolve()
    if not path.is_file():
        raise LocatorError(f"{locator.source}: no such document under {shared}")
    mtime = path.stat().st_mtime_ns
    try:
        if locator.page is None:
            return _text_file(path, mtime)
        pages, _ = _pdf_pages(path, mtime)
        if locator.page > pages:
            raise LocatorError(f"{locator.source}: page {locator.page} of a {pages}-page PDF")
        return _pdf_page_text(path, mtime, locator.page)
    except LocatorError:
        raise
    except Exception as exc:  # unreadable file, not UTF-8, broken PDF: name it
        raise LocatorError(f"{locator.source}: cannot extract text: {exc}") from exc


def resolve_locator(shared: Path, locator: Locator) -> str:
    """The excerpt a locator points at, checked against its hash."""
    text = source_text(shared, locator)
    if locator.end > len(text):
        raise LocatorError(
            f"{locator.describe()}: the text has only {len(text)} characters "
            "(the document changed?)"
        )
    excerpt = text[locator.start : locator.end]
    digest = hashlib.sha256(excerpt.encode("utf-8")).hexdigest()
    if not digest.startswith(locator.sha256):
        raise LocatorError(
            f"{locator.describe()}: the excerpt's hash is {digest[:16]}, the question file "
            f"says {locator.sha256} (the document changed)"
        )
    if not excerpt.strip():
        raise LocatorError(f"{locator.describe()}: the excerpt is blank")
    return excerpt


def locator_failures(questions: Sequence[EvalQuestion], shared: Path) -> list[str]:
    """Every locator that does not resolve, one message each (question id and source)."""
    failures: list[str] = []
    for q in questions:
        for i, passage in enumerate(q.supporting_passages):
            if passage.locator is None:
                continue
            try:
                resolve_locator(shared, passage.locator)
            except LocatorError as exc:
                failures.append(f"{q.id} (line {q.line}), supporting_passages[{i}]: {exc}")
    return failures


def resolve_questions(questions: Sequence[EvalQuestion], shared: Path) -> list[EvalQuestion]:
    """The questions with every locator's excerpt filled in as the passage's text.

    Raises LocatorError listing every locator that fails.
    """
    failures = locator_failures(questions, shared)
    if failures:
        shown = failures[:10] + (
            [f"... and {len(failures) - 10} more"] if len(failures) > 10 else []
        )
        raise LocatorError(
            f"{len(failures)} supporting passage(s) cannot be resolved against {shared}:\n  "
            + "\n  ".join(shown)
        )
    resolved: list[EvalQuestion] = []
    for q in questions:
        support = [
            replace(p, text=resolve_locator(shared, p.locator)) if p.locator else p
            for p in q.supporting_passages
        ]
        resolved.append(replace(q, supporting_passages=support))
    return resolved


def unresolved(questions: Sequence[EvalQuestion]) -> list[str]:
    """Ids of questions with a locator whose excerpt has not been resolved."""
    return [q.id for q in questions if any(not p.resolved for p in q.supporting_passages)]
