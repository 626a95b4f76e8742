"""Per-question results and the metrics computed from them.

* hit@1 / hit@5 / hit@10 / hit@k and MRR@10 over answerable questions. A question
  with several supporting passages is hit at rank r when any of them is hit at r.
  Ranking metrics look at the passages whatever the refusal decision says.
* false-refusal rate: share of answerable questions with ``found == False``;
  refusal accuracy (= refusal recall): share of unanswerable questions refused;
  refusal precision: share of refused questions that are unanswerable.
* page accuracy: among answerable questions hit within k whose hit supporting
  passage has a page, the share whose hit passage's pages (``page_start`` ..
  ``page_end``) contain it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

RANK_CUTOFFS = (1, 5, 10)
MRR_CUTOFF = 10
GROUPS = ("all", "same-language", "cross-lingual")


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def share(count: int, total: int) -> float | None:
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
    page_ok: bool | None = None  # the first hit is on the supporting page; None: no page
    split: str | None = None
    kind: str | None = None

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
            "page_ok": self.page_ok,
            "split": self.split,
            "kind": self.kind,
        }


@dataclass
class AskResult:
    id: str
    group: str
    found: bool
    citations: int
    supported: int
    latency_ms: float
    check: Any = None  # kb.eval.answers.AnswerCheck of a found answer
    broad: bool = False  # the question asks across countries or services

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "group": self.group,
            "found": self.found,
            "citations": self.citations,
            "supported": self.supported,
            "latency_ms": round(self.latency_ms, 2),
            "broad": self.broad,
            "check": self.check.to_dict() if self.check is not None else None,
        }


BROAD_DOCUMENTS, BROAD_COUNTRIES = 3, 2  # what a broad question's answer should cite


@dataclass
class AnswerMetrics:
    """Answer-level figures over the answers given (refusals are not answers)."""

    answers: int
    with_support: float | None  # cited passages include a supporting passage
    boilerplate: float | None  # quotes a title block, byline, disclaimer or header
    cut: float | None  # quotes a sentence cut at a page or chunk boundary
    language: float | None  # in the question's language (extractive: the found-in line)
    citations_per_answer: float | None
    broad: int = 0  # broad questions answered
    broad_documents: float | None = None  # mean documents cited
    broad_countries: float | None = None  # mean countries cited
    broad_ok: float | None = None  # share citing >= 3 documents from >= 2 countries

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def answer_metrics(asks: Sequence[AskResult], group: str) -> AnswerMetrics:
    done = [a for a in asks if in_group(group, a.group) and a.found and a.check is not None]
    checks = [a.check for a in done]
    supported = [c.supported for c in checks if c.supported is not None]
    language = [c.language_ok for c in checks if c.language_ok is not None]
    broad = [a.check for a in done if a.broad]
    n, nb = len(checks), len(broad)
    return AnswerMetrics(
        answers=n,
        with_support=share(sum(supported), len(supported)),
        boilerplate=share(sum(1 for c in checks if c.boilerplate), n),
        cut=share(sum(1 for c in checks if c.cut), n),
        language=share(sum(language), len(language)),
        citations_per_answer=sum(a.citations for a in done) / n if n else None,
        broad=nb,
        broad_documents=sum(c.documents for c in broad) / nb if nb else None,
        broad_countries=sum(c.countries for c in broad) / nb if nb else None,
        broad_ok=share(
            sum(
                1
                for c in broad
                if c.documents >= BROAD_DOCUMENTS and c.countries >= BROAD_COUNTRIES
            ),
            nb,
        ),
    )


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
    refused: int = 0  # questions with found == False
    refusal_precision: float | None = None
    refusal_recall: float | None = None
    page_questions: int = 0  # hit within k, with a supporting page
    page_accuracy: float | None = None

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
            "refused": self.refused,
            "refusal_precision": self.refusal_precision,
            "refusal_recall": self.refusal_recall,
            "page_questions": self.page_questions,
            "page_accuracy": self.page_accuracy,
        }


@dataclass
class CitationMetrics:
    answers: int
    refusals: int  # answerable questions ``ask`` refused
    citations: int
    supported: int

    @property
    def support_rate(self) -> float | None:
        return share(self.supported, self.citations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "refusals": self.refusals,
            "citations": self.citations,
            "supported": self.supported,
            "support_rate": self.support_rate,
        }


def group_metrics(
    results: Sequence[QuestionResult], cutoffs: Sequence[int], k: int | None = None
) -> GroupMetrics:
    """Metrics over ``results``; page accuracy looks at hits within ``k`` (default: the
    largest cut-off)."""
    k = k or max(cutoffs)
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    n = len(answerable)
    hits = {
        c: share(sum(1 for r in answerable if r.rank is not None and r.rank <= c), n)
        for c in cutoffs
    }
    mrr = (
        sum(1 / r.rank for r in answerable if r.rank is not None and r.rank <= MRR_CUTOFF) / n
        if n
        else None
    )
    refused = sum(1 for r in results if not r.found)
    refused_unanswerable = sum(1 for r in unanswerable if not r.found)
    paged = [r for r in answerable if r.rank is not None and r.rank <= k and r.page_ok is not None]
    return GroupMetrics(
        questions=len(results),
        answerable=n,
        unanswerable=len(unanswerable),
        hits=hits,
        mrr=mrr,
        false_refusal_rate=share(sum(1 for r in answerable if not r.found), n),
        refusal_accuracy=share(refused_unanswerable, len(unanswerable)),
        language_accuracy=share(
            sum(1 for r in results if r.language == r.expected_language), len(results)
        ),
        refused=refused,
        refusal_precision=share(refused_unanswerable, refused),
        refusal_recall=share(refused_unanswerable, len(unanswerable)),
        page_questions=len(paged),
        page_accuracy=share(sum(1 for r in paged if r.page_ok), len(paged)),
    )


def in_group(group: str, item_group: str) -> bool:
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


def citation_metrics(asks: Sequence[AskResult], group: str) -> CitationMetrics:
    members = [a for a in asks if in_group(group, a.group)]
    return CitationMetrics(
        answers=len(members),
        refusals=sum(1 for a in members if not a.found),
        citations=sum(a.citations for a in members),
        supported=sum(a.supported for a in members),
    )


def _citation_key(c: Any) -> tuple:
    return (c.n, c.doc_id, c.page, c.passage, c.quote)
