"""Retrieval and answer evaluation against a question set with known supporting passages.

    python -m kb.evaluation [--questions corpus/eval/questions.jsonl] [--k 5]
                            [--modes hybrid bm25] [--no-ask] [--json]

The question file has one JSON object per line::

    {"id": "q01", "question": "...", "question_language": "en", "answerable": true,
     "supporting_passages": [{"doc_id": "samples/at_...", "text": "exact excerpt"}],
     "cross_lingual": true}

``doc_id`` is the document's path in the corpus without extension; ``text`` is an
exact excerpt of it. ``cross_lingual`` is optional: without it, a question is
cross-lingual when any supporting document's language (from the index manifest)
differs from ``question_language``.

Hit rule (``passage_hits``): a retrieved passage hits a supporting passage when it
comes from that document and contains at least half of the excerpt's words in
order: the longest common subsequence of word tokens (case-folded, NFKC-normalised,
punctuation and whitespace ignored) is at least ``ceil(len(excerpt_words) / 2)``.

Metrics, per retrieval mode (``hybrid`` is the main mode, the last mode -- ``bm25``
by default -- is the baseline every other mode is compared with):

* hit@1 / hit@5 / hit@10 / hit@k and MRR@10 over answerable questions. A question
  with several supporting passages is hit at rank r when any of them is hit at r.
  Ranking metrics look at the passages whatever the refusal decision says.
* false-refusal rate: share of answerable questions with ``found == False``;
  refusal accuracy: share of unanswerable questions with ``found == False``.
* retrieve latency p50/p95 in ms (one untimed warm-up call per mode first).

For the main mode only, ``service.ask`` is called for every answerable question:
citation support = supported citations / all citations (``Answer.citations`` plus
``Answer.unsupported``, counted once each) over all answers, and ask latency.

Everything is reported over all questions and split into same-language and
cross-lingual answerable questions. Unanswerable questions have no supporting
document, so they are only in the "all" group, and refusal accuracy only there.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - kb.service is only needed by the caller
    from kb.service import KnowledgeService

MAIN_MODE = "hybrid"
DEFAULT_MODES = ("hybrid", "bm25")
RANK_CUTOFFS = (1, 5, 10)
MRR_CUTOFF = 10
GROUPS = ("all", "same-language", "cross-lingual")
_FIELDS = {
    "id",
    "question",
    "question_language",
    "answerable",
    "supporting_passages",
    "cross_lingual",
}
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_WORD = re.compile(r"\w+")
_DOC_EXTENSIONS = {".pdf", ".docx", ".html", ".htm", ".md", ".txt"}


class QuestionFileError(ValueError):
    """The question file is malformed; the message names the line and the field."""


class EvalError(RuntimeError):
    """The questions cannot be evaluated against this index."""


# --- questions -----------------------------------------------------------------


@dataclass(frozen=True)
class SupportingPassage:
    doc_id: str  # document path in the corpus without extension
    text: str  # exact excerpt of the document


@dataclass
class EvalQuestion:
    id: str
    question: str
    question_language: str
    answerable: bool
    supporting_passages: list[SupportingPassage] = field(default_factory=list)
    cross_lingual: bool | None = None  # None: derive from the documents' languages
    line: int = 0

    @property
    def doc_ids(self) -> list[str]:
        return list(dict.fromkeys(s.doc_id for s in self.supporting_passages))


def load_questions(path: str | Path) -> list[EvalQuestion]:
    """Read and validate a question file (JSON lines); blank lines are skipped.

    Raises QuestionFileError naming the file, line number and field on bad input.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QuestionFileError(f"{path}: cannot read the question file: {exc}") from exc
    questions: list[EvalQuestion] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        question = _parse_line(path, number, raw)
        if question.id in seen:
            raise QuestionFileError(
                f"{path}:{number}: field 'id': duplicate id {question.id!r} "
                f"(first used on line {seen[question.id]})"
            )
        seen[question.id] = number
        questions.append(question)
    if not questions:
        raise QuestionFileError(f"{path}: the question file has no questions")
    return questions


def _parse_line(path: Path, number: int, raw: str) -> EvalQuestion:
    def fail(fieldname: str | None, problem: str) -> QuestionFileError:
        where = f"{path}:{number}: " + (f"field {fieldname!r}: " if fieldname else "")
        return QuestionFileError(where + problem)

    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise fail(None, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise fail(None, f"expected a JSON object, got {type(obj).__name__}")
    unknown = sorted(set(obj) - _FIELDS)
    if unknown:
        raise fail(unknown[0], f"unknown field (allowed: {', '.join(sorted(_FIELDS))})")
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

    raw_support = obj["supporting_passages"]
    if not isinstance(raw_support, list):
        raise fail("supporting_passages", f"expected a list, got {type(raw_support).__name__}")
    support: list[SupportingPassage] = []
    for i, item in enumerate(raw_support):
        name = f"supporting_passages[{i}]"
        if not isinstance(item, dict):
            raise fail(name, "expected an object with 'doc_id' and 'text'")
        extra = sorted(set(item) - {"doc_id", "text"})
        if extra:
            raise fail(f"{name}.{extra[0]}", "unknown field (allowed: doc_id, text)")
        for key in ("doc_id", "text"):
            value = item.get(key)
            if not isinstance(value, str) or not value.strip():
                raise fail(f"{name}.{key}", f"expected a non-empty string, got {value!r}")
        doc_id = item["doc_id"]
        if doc_id != doc_id.strip() or doc_id.startswith("/") or "\\" in doc_id:
            raise fail(f"{name}.doc_id", f"expected a corpus-relative path, got {doc_id!r}")
        if Path(doc_id).suffix.lower() in _DOC_EXTENSIONS:
            raise fail(f"{name}.doc_id", f"give the path without extension, got {doc_id!r}")
        if not words(item["text"]):
            raise fail(f"{name}.text", "the excerpt has no words")
        support.append(SupportingPassage(doc_id, item["text"]))
    if answerable and not support:
        raise fail("supporting_passages", "an answerable question needs at least one")
    if not answerable and support:
        raise fail("supporting_passages", "must be empty for an unanswerable question")
    if not answerable and cross:
        raise fail("cross_lingual", "an unanswerable question has no document to differ from")
    return EvalQuestion(qid, question, language, answerable, support, cross, number)


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
    return {
        doc_id: record.metadata.get("language") for doc_id, record in kb.store.documents().items()
    }


# --- the hit rule --------------------------------------------------------------


def words(text: str) -> tuple[str, ...]:
    """Word tokens, case-folded and NFKC-normalised; punctuation and whitespace dropped."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


_cached_words = lru_cache(maxsize=4096)(words)


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token sequences."""
    if len(a) > len(b):
        a, b = b, a
    wanted = set(a)
    prev = [0] * (len(a) + 1)
    for token in b:
        if token not in wanted:
            continue  # a token absent from ``a`` leaves the row unchanged
        cur = [0] * (len(a) + 1)
        for j, other in enumerate(a, start=1):
            cur[j] = prev[j - 1] + 1 if token == other else max(prev[j], cur[j - 1])
        prev = cur
    return prev[-1]


def passage_hits(passage_text: str, passage_doc_id: str, support: SupportingPassage) -> bool:
    """True when the passage is from the supporting document and holds at least half
    of the excerpt's words in order (LCS of word tokens >= ceil(n / 2))."""
    if passage_doc_id != support.doc_id:
        return False
    excerpt = _cached_words(support.text)
    if not excerpt:
        return False
    return lcs_length(excerpt, _cached_words(passage_text)) >= math.ceil(len(excerpt) / 2)


def first_hit_rank(passages: Iterable[Any], support: Sequence[SupportingPassage]) -> int | None:
    """1-based rank of the first passage hitting any supporting passage, or None."""
    for rank, passage in enumerate(passages, start=1):
        if any(passage_hits(passage.text, passage.doc_id, s) for s in support):
            return rank
    return None


# --- metrics -------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


@dataclass
class QuestionResult:
    """One question through one retrieval mode."""

    id: str
    mode: str
    group: str  # "same-language" / "cross-lingual" for answerable, "unanswerable"
    answerable: bool
    rank: int | None  # first hit among the passages, None = no hit
    found: bool
    latency_ms: float
    language: str  # detected by the service
    expected_language: str
    query: str = ""
    passages: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mode": self.mode,
            "group": self.group,
            "answerable": self.answerable,
            "rank": self.rank,
            "found": self.found,
            "latency_ms": round(self.latency_ms, 2),
            "language": self.language,
            "expected_language": self.expected_language,
            "query": self.query,
            "passages": self.passages,
        }


@dataclass
class AskResult:
    id: str
    group: str
    found: bool
    citations: int
    supported: int
    latency_ms: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "group": self.group,
            "found": self.found,
            "citations": self.citations,
            "supported": self.supported,
            "latency_ms": round(self.latency_ms, 2),
        }


@dataclass
class GroupMetrics:
    """Metrics of one mode over one group of questions; None = not meaningful."""

    questions: int
    answerable: int
    unanswerable: int
    hits: dict[int, float | None]  # cut-off -> hit rate over answerable questions
    mrr: float | None  # MRR@10
    false_refusal_rate: float | None
    refusal_accuracy: float | None
    language_accuracy: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "questions": self.questions,
            "answerable": self.answerable,
            "unanswerable": self.unanswerable,
            **{f"hit@{c}": v for c, v in self.hits.items()},
            f"mrr@{MRR_CUTOFF}": self.mrr,
            "false_refusal_rate": self.false_refusal_rate,
            "refusal_accuracy": self.refusal_accuracy,
            "language_accuracy": self.language_accuracy,
        }


@dataclass
class CitationMetrics:
    answers: int
    refusals: int  # answerable questions ``ask`` refused
    citations: int
    supported: int

    @property
    def support_rate(self) -> float | None:
        return _share(self.supported, self.citations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "refusals": self.refusals,
            "citations": self.citations,
            "supported": self.supported,
            "support_rate": self.support_rate,
        }


@dataclass
class EvalReport:
    k: int
    requested: int  # passages requested per retrieval: max(10, k)
    modes: list[str]
    main_mode: str
    baseline: str | None  # the mode the others are compared with
    cutoffs: list[int]
    groups: dict[str, dict[str, GroupMetrics]]  # mode -> group -> metrics
    latency_ms: dict[str, dict[str, float | None]]  # mode -> {"p50", "p95"}
    results: dict[str, list[QuestionResult]]  # mode -> per question
    asks: list[AskResult] = field(default_factory=list)
    citations: dict[str, CitationMetrics] = field(default_factory=dict)  # group -> metrics
    ask_latency_ms: dict[str, float | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def misses(self, mode: str, cutoff: int | None = None) -> list[str]:
        """Ids of answerable questions not hit within ``cutoff`` (default k)."""
        cutoff = cutoff or self.k
        return [
            r.id for r in self.results[mode] if r.answerable and (r.rank is None or r.rank > cutoff)
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "k": self.k,
            "passages_requested": self.requested,
            "modes": self.modes,
            "main_mode": self.main_mode,
            "baseline": self.baseline,
            "metrics": {
                mode: {group: m.to_dict() for group, m in groups.items()}
                for mode, groups in self.groups.items()
            },
            "latency_ms": self.latency_ms,
            "ask": {
                "citations": {g: c.to_dict() for g, c in self.citations.items()},
                "latency_ms": self.ask_latency_ms,
            },
            "misses": {mode: self.misses(mode) for mode in self.modes},
            "questions": {
                mode: [r.to_dict() for r in results] for mode, results in self.results.items()
            },
            "answers": [a.to_dict() for a in self.asks],
            "warnings": self.warnings,
            "seconds": round(self.seconds, 2),
        }


def group_metrics(results: Sequence[QuestionResult], cutoffs: Sequence[int]) -> GroupMetrics:
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    n = len(answerable)
    hits = {
        c: _share(sum(1 for r in answerable if r.rank is not None and r.rank <= c), n)
        for c in cutoffs
    }
    mrr = (
        sum(1 / r.rank for r in answerable if r.rank is not None and r.rank <= MRR_CUTOFF) / n
        if n
        else None
    )
    return GroupMetrics(
        questions=len(results),
        answerable=n,
        unanswerable=len(unanswerable),
        hits=hits,
        mrr=mrr,
        false_refusal_rate=_share(sum(1 for r in answerable if not r.found), n),
        refusal_accuracy=_share(sum(1 for r in unanswerable if not r.found), len(unanswerable)),
        language_accuracy=_share(
            sum(1 for r in results if r.language == r.expected_language), len(results)
        ),
    )


def _in_group(group: str, item_group: str) -> bool:
    return group == "all" or group == item_group


def citation_counts(answer: Any) -> tuple[int, int]:
    """(supported, all) citations of an answer.

    ``Answer.citations`` and ``Answer.unsupported`` are combined and each citation is
    counted once (whether the flagged ones stay in ``citations`` or are moved out); a
    citation is supported when its ``supported`` flag is set and it is not flagged.
    """
    seen: dict[tuple, bool] = {}
    flagged = {_citation_key(c) for c in getattr(answer, "unsupported", None) or []}
    for citation in list(answer.citations or []) + list(getattr(answer, "unsupported", None) or []):
        key = _citation_key(citation)
        if key not in seen:
            seen[key] = bool(getattr(citation, "supported", True)) and key not in flagged
    return sum(seen.values()), len(seen)


def _citation_metrics(asks: Sequence[AskResult], group: str) -> CitationMetrics:
    members = [a for a in asks if _in_group(group, a.group)]
    return CitationMetrics(
        answers=len(members),
        refusals=sum(1 for a in members if not a.found),
        citations=sum(a.citations for a in members),
        supported=sum(a.supported for a in members),
    )


def _citation_key(c: Any) -> tuple:
    return (c.n, c.doc_id, c.page, c.passage, c.quote)


# --- running -------------------------------------------------------------------


Progress = Callable[[str, int, int], None]  # (stage, done, total)


def run_eval(
    service: KnowledgeService | Any,
    questions: Sequence[EvalQuestion],
    k: int = 5,
    modes: Sequence[str] = DEFAULT_MODES,
    *,
    ask: bool = True,
    doc_languages: dict[str, str | None] | None = None,
    warmup: bool = True,
    progress: Progress | None = None,
) -> EvalReport:
    """Run every question through ``service.retrieve`` in each mode (and ``ask`` in the
    main mode) and compute the metrics.

    ``doc_languages`` (doc_id -> language) defaults to the manifest of ``service.kb``;
    it is only needed when a question does not state ``cross_lingual``, and is used to
    warn about supporting documents missing from the index.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if not modes:
        raise ValueError("give at least one retrieval mode")
    modes = list(dict.fromkeys(modes))
    started = time.perf_counter()
    requested = max(MRR_CUTOFF, k)
    cutoffs = sorted({*RANK_CUTOFFS, k})
    main_mode = MAIN_MODE if MAIN_MODE in modes else modes[0]
    baseline = modes[-1] if len(modes) > 1 else None

    if doc_languages is None:
        kb = getattr(service, "kb", None)
        doc_languages = index_languages(kb) if kb is not None else None
    if doc_languages is None:
        undecided = [q.id for q in questions if q.cross_lingual is None]
        if undecided:
            raise EvalError(
                f"{undecided[0]}: cross_lingual is not given and the service has no index "
                "to read the documents' languages from (pass doc_languages)"
            )
        flags, warnings = {q.id: bool(q.cross_lingual) for q in questions}, []
    else:
        flags, warnings = derive_cross_lingual(questions, doc_languages)

    def group_of(q: EvalQuestion) -> str:
        if not q.answerable:
            return "unanswerable"
        return "cross-lingual" if flags[q.id] else "same-language"

    results: dict[str, list[QuestionResult]] = {}
    for mode in modes:
        if warmup and questions:  # model load and caches, not timed
            service.retrieve(questions[0].question, k=requested, mode=mode)
        mode_results = []
        for i, q in enumerate(questions, start=1):
            t0 = time.perf_counter()
            retrieval = service.retrieve(q.question, k=requested, mode=mode)
            latency = (time.perf_counter() - t0) * 1000
            passages = list(retrieval.passages)
            mode_results.append(
                QuestionResult(
                    id=q.id,
                    mode=mode,
                    group=group_of(q),
                    answerable=q.answerable,
                    rank=first_hit_rank(passages, q.supporting_passages),
                    found=bool(retrieval.found),
                    latency_ms=latency,
                    language=retrieval.language,
                    expected_language=q.question_language,
                    query=retrieval.query,
                    passages=len(passages),
                )
            )
            if progress:
                progress(f"retrieve {mode}", i, len(questions))
        results[mode] = mode_results

    groups = {
        mode: {
            group: group_metrics([r for r in res if _in_group(group, r.group)], cutoffs)
            for group in GROUPS
        }
        for mode, res in results.items()
    }
    for mode in modes:  # refusal accuracy is only meaningful where unanswerables are
        for group in GROUPS[1:]:
            groups[mode][group].refusal_accuracy = None
    latency = {
        mode: {
            "p50": percentile([r.latency_ms for r in res], 50),
            "p95": percentile([r.latency_ms for r in res], 95),
        }
        for mode, res in results.items()
    }

    asks: list[AskResult] = []
    if ask:
        answerable = [q for q in questions if q.answerable]
        for i, q in enumerate(answerable, start=1):
            t0 = time.perf_counter()
            answer = service.ask(q.question)
            latency_ms = (time.perf_counter() - t0) * 1000
            supported, total = citation_counts(answer)
            asks.append(
                AskResult(q.id, group_of(q), bool(answer.found), total, supported, latency_ms)
            )
            if progress:
                progress("ask", i, len(answerable))
    citations = {group: _citation_metrics(asks, group) for group in GROUPS} if ask else {}
    ask_latency = (
        {
            "p50": percentile([a.latency_ms for a in asks], 50),
            "p95": percentile([a.latency_ms for a in asks], 95),
        }
        if ask
        else {}
    )
    return EvalReport(
        k=k,
        requested=requested,
        modes=modes,
        main_mode=main_mode,
        baseline=baseline,
        cutoffs=cutoffs,
        groups=groups,
        latency_ms=latency,
        results=results,
        asks=asks,
        citations=citations,
        ask_latency_ms=ask_latency,
        warnings=warnings,
        seconds=time.perf_counter() - started,
    )


# --- rendering -----------------------------------------------------------------


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _delta(a: float | None, b: float | None, digits: int = 3) -> str:
    if a is None or b is None:
        return "-"
    return f"{a - b:+.{digits}f}"


def render_eval(report: EvalReport) -> str:
    """A table with the modes side by side and the main mode's difference to the baseline."""
    modes = report.modes
    main, base = report.main_mode, report.baseline
    show_delta = base is not None and base != main
    header = ["", *modes] + ([f"{main} - {base}"] if show_delta else [])
    widths = [30] + [max(9, len(h) + 1) for h in header[1:]]

    def row(label: str, values: list[float | None], digits: int = 3) -> str:
        cells = [_fmt(v, digits) for v in values]
        if show_delta:
            cells.append(_delta(values[modes.index(main)], values[modes.index(base)], digits))
        return _line([label, *cells])

    def _line(cells: list[str]) -> str:
        return cells[0].ljust(widths[0]) + "".join(
            c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)
        )

    all_main = report.groups[main]["all"]
    same = report.groups[main]["same-language"]
    cross = report.groups[main]["cross-lingual"]
    lines = [
        f"Evaluation: {all_main.questions} questions ({all_main.answerable} answerable: "
        f"{same.answerable} same-language, {cross.answerable} cross-lingual; "
        f"{all_main.unanswerable} unanswerable)",
        f"k = {report.k} (headline hit@{report.k}); {report.requested} passages requested "
        f"per question; main mode {main}" + (f", baseline {base}" if base else ""),
        "",
        _line(header),
    ]
    for group in GROUPS:
        metrics = [report.groups[m][group] for m in modes]
        count = metrics[0].answerable
        title = {
            "all": f"all questions ({metrics[0].questions})",
            "same-language": f"same-language ({count} answerable)",
            "cross-lingual": f"cross-lingual ({count} answerable)",
        }[group]
        lines.append(title)
        for c in report.cutoffs:
            label = f"  hit@{c}" + ("  <- headline" if c == report.k else "")
            lines.append(row(label, [m.hits[c] for m in metrics]))
        lines.append(row(f"  MRR@{MRR_CUTOFF}", [m.mrr for m in metrics]))
        lines.append(row("  false-refusal rate", [m.false_refusal_rate for m in metrics]))
        if group == "all":
            lines.append(
                row(
                    f"  refusal accuracy ({metrics[0].unanswerable} unansw.)",
                    [m.refusal_accuracy for m in metrics],
                )
            )
            lines.append(row("  language detected right", [m.language_accuracy for m in metrics]))
    lines.append("latency (ms)")
    lines.append(row("  retrieve p50", [report.latency_ms[m]["p50"] for m in modes], 1))
    lines.append(row("  retrieve p95", [report.latency_ms[m]["p95"] for m in modes], 1))

    if report.citations:
        lines += ["", f"Answers ({main} service.ask on answerable questions)"]
        for group in GROUPS:
            c = report.citations[group]
            lines.append(
                f"  citation support, {group}:".ljust(widths[0] + 6)
                + f"{_fmt(c.support_rate)}  ({c.supported}/{c.citations} citations, "
                f"{c.answers} answers, {c.refusals} refused)"
            )
        lat = report.ask_latency_ms
        lines.append(
            "  ask latency:".ljust(widths[0] + 6)
            + f"p50 {_fmt(lat.get('p50'), 1)} ms, p95 {_fmt(lat.get('p95'), 1)} ms"
        )

    lines.append("")
    for mode in modes:
        missed = report.misses(mode)
        lines.append(f"missed at hit@{report.k} ({mode}): {', '.join(missed) or 'none'}")
    for mode in modes:
        refused = [r.id for r in report.results[mode] if r.answerable and not r.found]
        answered = [r.id for r in report.results[mode] if not r.answerable and r.found]
        lines.append(
            f"refused answerable ({mode}): {', '.join(refused) or 'none'}; "
            f"answered unanswerable: {', '.join(answered) or 'none'}"
        )
    if report.warnings:
        lines += ["", "Warnings:"] + [f"  {w}" for w in report.warnings]
    lines.append(f"\n({report.seconds:.1f} s)")
    return "\n".join(lines)


# --- command line --------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    from kb.settings import PROJECT_ROOT

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
    parser.add_argument("--no-ask", action="store_true", help="skip service.ask (citations)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.k < 1:
        parser.error("--k must be at least 1")
    try:
        questions = load_questions(args.questions)
    except QuestionFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    from kb.factory import build_knowledge_base
    from kb.service import KnowledgeService
    from kb.settings import load_settings

    kb = build_knowledge_base(load_settings())
    service = KnowledgeService(kb)

    def progress(stage: str, done: int, total: int) -> None:
        if done == total or done % 10 == 0:
            print(f"  {stage}: {done}/{total}", file=sys.stderr)

    try:
        report = run_eval(
            service,
            questions,
            k=args.k,
            modes=args.modes,
            ask=not args.no_ask,
            progress=progress,
        )
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_eval(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
