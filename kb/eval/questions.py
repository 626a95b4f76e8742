"""Question files: parsing and validation, dev/test splits, cross-lingual flags.

One JSON object per line::

    {"id": "q01", "question": "...", "question_language": "en", "answerable": true,
     "cross_lingual": true, "split": "dev", "kind": "fact",
     "supporting_passages": [{"doc_id": "samples/at_...", "text": "exact excerpt"}]}

A supporting passage gives the excerpt either as ``text`` or as a ``locator`` into a
document of the shared folder (see ``kb.eval.locators``), optionally with the
``page`` it is on. Unknown fields are ignored, with one warning per file.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.eval.hits import words

logger = logging.getLogger("kb.eval")

SPLITS = ("dev", "test")
_FIELDS = {
    "id",
    "question",
    "question_language",
    "answerable",
    "supporting_passages",
    "cross_lingual",
    "split",
    "kind",
}
_PASSAGE_FIELDS = {"doc_id", "text", "locator", "page"}
_LOCATOR_FIELDS = {"source", "page", "start", "end", "sha256"}
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_HASH = re.compile(r"^[0-9a-f]{8,64}$")
_DOC_EXTENSIONS = {".pdf", ".docx", ".html", ".htm", ".md", ".txt"}

Warn = Callable[[str], None]


class QuestionFileError(ValueError):
    """The question file is malformed; the message names the line and the field."""


class EvalError(RuntimeError):
    """The questions cannot be evaluated against this index."""


@dataclass(frozen=True)
class Locator:
    """Where an excerpt is in a document of the shared folder.

    ``source`` is relative to the shared folder; ``start``/``end`` are ``str`` indices
    into the whole text file, or into the extracted text of ``page`` (1-based) of a PDF;
    ``sha256`` is a prefix (16 hex digits) of the sha256 of the excerpt's UTF-8 bytes.
    """

    source: str
    start: int
    end: int
    sha256: str
    page: int | None = None

    def describe(self) -> str:
        where = f", page {self.page}" if self.page is not None else ""
        return f"{self.source}{where} [{self.start}:{self.end}]"


@dataclass(frozen=True)
class SupportingPassage:
    doc_id: str  # document path in the corpus without extension
    text: str  # exact excerpt of the document ("" until a locator is resolved)
    page: int | None = None  # 1-based page the excerpt is on, when known
    locator: Locator | None = None

    @property
    def resolved(self) -> bool:
        return bool(self.text)


@dataclass
class EvalQuestion:
    id: str
    question: str
    question_language: str
    answerable: bool
    supporting_passages: list[SupportingPassage] = field(default_factory=list)
    cross_lingual: bool | None = None  # None: derive from the documents' languages
    line: int = 0
    split: str | None = None  # "dev" / "test"
    kind: str | None = None  # free label ("fact", "comparison", ...)

    @property
    def doc_ids(self) -> list[str]:
        return list(dict.fromkeys(s.doc_id for s in self.supporting_passages))


def load_questions(path: str | Path, *, warn: Warn | None = None) -> list[EvalQuestion]:
    """Read and validate a question file (JSON lines); blank lines are skipped.

    Raises QuestionFileError naming the file, line number and field on bad input.
    Unknown fields are ignored and reported in one warning (``warn``, default: the
    ``kb.eval`` logger). Locators are checked for shape here and resolved
    later (``kb.eval.locators.resolve_questions``).
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QuestionFileError(f"{path}: cannot read the question file: {exc}") from exc
    questions: list[EvalQuestion] = []
    seen: dict[str, int] = {}
    unknown: dict[str, list[int]] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        question = _parse_line(path, number, raw, unknown)
        if question.id in seen:
            raise QuestionFileError(
                f"{path}:{number}: field 'id': duplicate id {question.id!r} "
                f"(first used on line {seen[question.id]})"
            )
        seen[question.id] = number
        questions.append(question)
    if not questions:
        raise QuestionFileError(f"{path}: the question file has no questions")
    if unknown:
        listed = "; ".join(
            f"{name} ({_lines(numbers)})" for name, numbers in sorted(unknown.items())
        )
        (warn or logger.warning)(f"{path}: ignoring unknown fields: {listed}")
    return questions


def _lines(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    shown = ", ".join(map(str, numbers[:5])) + (", ..." if len(numbers) > 5 else "")
    return f"{len(numbers)} lines: {shown}"


def _parse_line(path: Path, number: int, raw: str, unknown: dict[str, list[int]]) -> EvalQuestion:
    def fail(fieldname: str | None, problem: str) -> QuestionFileError:
        where = f"{path}:{number}: " + (f"field {fieldname!r}: " if fieldname else "")
        return QuestionFileError(where + problem)

    def note_unknown(obj: dict, allowed: set[str], prefix: str) -> None:
        for name in sorted(set(obj) - allowed):
            unknown.setdefault(prefix + name, []).append(number)

    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise fail(None, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise fail(None, f"expected a JSON object, got {type(obj).__name__}")
    note_unknown(obj, _FIELDS, "")
    for name in ("id", "question", "question_language", "answerable", "supporting_passages"):
        if name not in obj:
            raise fail(name, "missing")

    def text(name: str) -> str:
        value = obj[name]
        if not isinstance(value, str) or not value.strip():
            raise fail(name, f"expected a non-empty string, got {value!r}")
        return value

    qid, question, language = text("id"), text("question"), text("question_language")
    if not _LANGUAGE.match(language):
        raise fail("question_language", f"expected an ISO 639-1 code like 'en', got {language!r}")
    answerable = obj["answerable"]
    if not isinstance(answerable, bool):
        raise fail("answerable", f"expected true or false, got {answerable!r}")
    cross = obj.get("cross_lingual")
    if cross is not None and not isinstance(cross, bool):
        raise fail("cross_lingual", f"expected true, false or absent, got {cross!r}")
    split = obj.get("split")
    if split is not None and split not in SPLITS:
        raise fail("split", f"expected one of {', '.join(SPLITS)} or absent, got {split!r}")
    kind = obj.get("kind")
    if kind is not None and (not isinstance(kind, str) or not kind.strip()):
        raise fail("kind", f"expected a non-empty string or absent, got {kind!r}")

    raw_support = obj["supporting_passages"]
    if not isinstance(raw_support, list):
        raise fail("supporting_passages", f"expected a list, got {type(raw_support).__name__}")
    support: list[SupportingPassage] = []
    for i, item in enumerate(raw_support):
        name = f"supporting_passages[{i}]"
        if not isinstance(item, dict):
            raise fail(name, "expected an object with 'doc_id' and 'text' or 'locator'")
        note_unknown(item, _PASSAGE_FIELDS, "supporting_passages[].")
        support.append(_parse_passage(item, name, fail, note_unknown))
    if answerable and not support:
        raise fail("supporting_passages", "an answerable question needs at least one")
    if not answerable and support:
        raise fail("supporting_passages", "must be empty for an unanswerable question")
    return EvalQuestion(qid, question, language, answerable, support, cross, number, split, kind)


def _parse_passage(
    item: dict[str, Any],
    name: str,
    fail: Callable[[str | None, str], QuestionFileError],
    note_unknown: Callable[[dict, set[str], str], None],
) -> SupportingPassage:
    doc_id = item.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise fail(f"{name}.doc_id", f"expected a non-empty string, got {doc_id!r}")
    if doc_id != doc_id.strip() or doc_id.startswith("/") or "\\" in doc_id:
        raise fail(f"{name}.doc_id", f"expected a corpus-relative path, got {doc_id!r}")
    if Path(doc_id).suffix.lower() in _DOC_EXTENSIONS:
        raise fail(f"{name}.doc_id", f"give the path without extension, got {doc_id!r}")
    page = item.get("page")
    if page is not None and (not isinstance(page, int) or isinstance(page, bool) or page < 1):
        raise fail(f"{name}.page", f"expected a page number from 1, got {page!r}")

    if "locator" in item:
        if "text" in item:
            raise fail(name, "give 'text' or 'locator', not both")
        locator = _parse_locator(item["locator"], f"{name}.locator", fail, note_unknown)
        if Path(locator.source).stem != Path(doc_id).name:
            raise fail(
                f"{name}.locator.source",
                f"{locator.source!r} is not the file of document {doc_id!r}",
            )
        if page is not None and locator.page is not None and page != locator.page:
            raise fail(f"{name}.page", f"{page} differs from the locator's page {locator.page}")
        return SupportingPassage(doc_id, "", locator.page or page, locator)

    value = item.get("text")
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{name}.text", f"expected a non-empty string, got {value!r}")
    if not words(value):
        raise fail(f"{name}.text", "the excerpt has no words")
    return SupportingPassage(doc_id, value, page)


def _parse_locator(
    raw: Any,
    name: str,
    fail: Callable[[str | None, str], QuestionFileError],
    note_unknown: Callable[[dict, set[str], str], None],
) -> Locator:
    if not isinstance(raw, dict):
        raise fail(name, f"expected an object, got {type(raw).__name__}")
    note_unknown(raw, _LOCATOR_FIELDS, "supporting_passages[].locator.")
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise fail(
            f"{name}.source", f"expected a path relative to the shared folder, got {source!r}"
        )
    parts = Path(source).parts
    if source.startswith("/") or "\\" in source or ".." in parts:
        raise fail(f"{name}.source", f"expected a path inside the shared folder, got {source!r}")

    def integer(key: str, minimum: int) -> int:
        value = raw.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise fail(f"{name}.{key}", f"expected an integer >= {minimum}, got {value!r}")
        return value

    start, end = integer("start", 0), integer("end", 1)
    if end <= start:
        raise fail(f"{name}.end", f"must be greater than start ({start}), got {end}")
    digest = raw.get("sha256")
    if not isinstance(digest, str) or not _HASH.match(digest.lower()):
        raise fail(f"{name}.sha256", f"expected 8 to 64 hex digits, got {digest!r}")
    is_pdf = source.lower().endswith(".pdf")
    page = raw.get("page")
    if is_pdf:
        page = integer("page", 1)
    elif page is not None:
        raise fail(f"{name}.page", "only PDF locators have a page (text offsets are into the file)")
    return Locator(source, start, end, digest.lower(), page)


def select_split(questions: Sequence[EvalQuestion], split: str | None) -> list[EvalQuestion]:
    """The questions of one half (``dev`` / ``test``), all of them for ``None``.

    Raises EvalError when a split is asked for and no question carries it.
    """
    if split is None:
        return list(questions)
    if split not in SPLITS:
        raise EvalError(f"unknown split {split!r} (known: {', '.join(SPLITS)})")
    chosen = [q for q in questions if q.split == split]
    if not chosen:
        unsplit = sum(1 for q in questions if q.split is None)
        raise EvalError(
            f"no question has split {split!r}"
            + (f" ({unsplit} of {len(questions)} have no split field)" if unsplit else "")
        )
    return chosen


def derive_cross_lingual(
    questions: Sequence[EvalQuestion], doc_languages: dict[str, str | None]
) -> tuple[dict[str, bool], list[str]]:
    """Each question's cross-lingual flag, and warnings about the question set.

    An explicit ``cross_lingual`` wins (a disagreement with the documents' languages is
    warned about); otherwise it is True when any supporting document's language differs
    from the question's. Raises EvalError when a flag must be derived from a document
    that is not in the index.
    """
    flags: dict[str, bool] = {}
    warnings: list[str] = []
    for q in questions:
        missing = [d for d in q.doc_ids if d not in doc_languages]
        for doc_id in missing:
            warnings.append(
                f"{q.id}: supporting document {doc_id!r} is not in the index: it can never be hit"
            )
        known = [doc_languages[d] for d in q.doc_ids if d in doc_languages]
        derived = any(lang and lang != q.question_language for lang in known)
        if q.cross_lingual is not None:
            flags[q.id] = q.cross_lingual
            if not missing and any(known) and derived != q.cross_lingual:
                warnings.append(
                    f"{q.id}: cross_lingual is {str(q.cross_lingual).lower()} in the file, "
                    f"but the documents' languages ({', '.join(map(str, known))}) vs the "
                    f"question's ({q.question_language}) say {str(derived).lower()}"
                )
            continue
        if missing:
            raise EvalError(
                f"{q.id} (line {q.line}): cannot tell whether it is cross-lingual: "
                f"supporting document {missing[0]!r} is not in the index. Ingest the "
                "corpus, fix the doc_id, or give cross_lingual in the question file."
            )
        flags[q.id] = derived
    return flags, warnings


def index_languages(kb: Any) -> dict[str, str | None]:
    """doc_id -> document language from the index's manifest records."""
    records = kb.snapshot().store.documents()
    return {doc_id: record.metadata.get("language") for doc_id, record in records.items()}
