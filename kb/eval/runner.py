"""Running a question set through the service and collecting the report.

Per retrieval mode (``hybrid`` is the main mode; the last mode -- ``bm25`` by
default -- is the baseline every other mode is compared with), every question goes
through ``service.retrieve``; for the main mode, ``service.ask`` is called for every
answerable question: citation support = supported citations / all citations over
all answers, and ask latency.

Everything is reported over all questions and split into same-language and
cross-lingual answerable questions. Unanswerable questions have no supporting
document, so they are only in the "all" group, and the refusal metrics only there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kb.answer.generators.evidence import CorpusView, corpus_view
from kb.eval.answers import DocumentText, check_answer
from kb.eval.hits import first_hit, page_matches
from kb.eval.locators import unresolved
from kb.eval.metrics import (
    GROUPS,
    MRR_CUTOFF,
    RANK_CUTOFFS,
    AnswerMetrics,
    AskResult,
    CitationMetrics,
    GroupMetrics,
    QuestionResult,
    answer_metrics,
    citation_counts,
    citation_metrics,
    group_metrics,
    in_group,
    percentile,
)
from kb.eval.questions import (
    EvalError,
    EvalQuestion,
    derive_cross_lingual,
    index_languages,
)

if TYPE_CHECKING:  # pragma: no cover - kb.app.service is only needed by the caller
    from kb.app.service import KnowledgeService

MAIN_MODE = "hybrid"
DEFAULT_MODES = ("hybrid", "bm25")

Progress = Callable[[str, int, int], None]  # (stage, done, total)


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
    answers: dict[str, AnswerMetrics] = field(default_factory=dict)  # group -> metrics
    ask_latency_ms: dict[str, float | None] = field(default_factory=dict)
    generator: str = ""  # the answer generator asked (its name)
    fallbacks: dict[str, str] = field(default_factory=dict)  # question id -> why replaced
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    split: str | None = None  # the half evaluated, None = every question
    questions_file: str | None = None

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
                "answers": {g: a.to_dict() for g, a in self.answers.items()},
                "latency_ms": self.ask_latency_ms,
                "generator": self.generator,
                "fallbacks": self.fallbacks,
            },
            "misses": {mode: self.misses(mode) for mode in self.modes},
            "questions": {
                mode: [r.to_dict() for r in results] for mode, results in self.results.items()
            },
            "answers": [a.to_dict() for a in self.asks],
            "warnings": self.warnings,
            "seconds": round(self.seconds, 2),
            "split": self.split,
            "questions_file": self.questions_file,
        }


def question_groups(
    questions: Sequence[EvalQuestion], doc_languages: dict[str, str | None] | None
) -> tuple[dict[str, str], list[str]]:
    """question id -> "same-language" / "cross-lingual" / "unanswerable", and warnings."""
    if doc_languages is None:
        undecided = [q.id for q in questions if q.answerable and q.cross_lingual is None]
        if undecided:
            raise EvalError(
                f"{undecided[0]}: cross_lingual is not given and the service has no index "
                "to read the documents' languages from (pass doc_languages)"
            )
        flags, warnings = {q.id: bool(q.cross_lingual) for q in questions}, []
    else:
        flags, warnings = derive_cross_lingual(questions, doc_languages)
    groups = {
        q.id: "unanswerable"
        if not q.answerable
        else ("cross-lingual" if flags[q.id] else "same-language")
        for q in questions
    }
    return groups, warnings


def score_ranking(
    q: EvalQuestion, passages: Sequence[Any], group: str, mode: str, found: bool = True,
    latency_ms: float = 0.0, language: str = "", query: str = "",
) -> QuestionResult:  # fmt: skip
    """One question's result from a ranked list of passages (``.doc_id``, ``.text``,
    ``.metadata``), by the hit rule; also used by pipelines outside the service."""
    hit = first_hit(passages, q.supporting_passages)
    return QuestionResult(
        id=q.id,
        mode=mode,
        group=group,
        answerable=q.answerable,
        rank=hit[0] if hit else None,
        found=found,
        latency_ms=latency_ms,
        language=language,
        expected_language=q.question_language,
        query=query,
        passages=len(passages),
        page_ok=page_matches(hit[1], hit[2]) if hit else None,
        split=q.split,
        kind=q.kind,
    )


def mode_metrics(
    results: Sequence[QuestionResult], cutoffs: Sequence[int], k: int
) -> dict[str, GroupMetrics]:
    """Metrics per group; the refusal metrics only where unanswerables are ("all")."""
    groups = {
        group: group_metrics([r for r in results if in_group(group, r.group)], cutoffs, k)
        for group in GROUPS
    }
    for group in GROUPS[1:]:
        groups[group].refusal_accuracy = None
        groups[group].refusal_precision = None
        groups[group].refusal_recall = None
    return groups


def is_broad(q: EvalQuestion) -> bool:
    """A question across countries or services: marked ``broad``, or worded as a comparison."""
    from kb.answer.retrieval.query import analyse

    return q.kind == "broad" or analyse(q.question).comparison


def _index_texts(service: Any) -> tuple[CorpusView | None, DocumentText | None]:
    """The index's chunks as the generator sees them and as whole documents."""
    snapshot = getattr(getattr(service, "kb", None), "snapshot", None)
    lexical = snapshot().lexical if snapshot is not None else None
    if lexical is None:
        return None, None
    return corpus_view(lexical), DocumentText(lexical.texts, lexical.metadatas)


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
    warn about supporting documents missing from the index. Locators must have been
    resolved (``kb.eval.locators.resolve_questions``).
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if not modes:
        raise ValueError("give at least one retrieval mode")
    pending = unresolved(questions)
    if pending:
        raise EvalError(
            f"{pending[0]}: a supporting passage's locator is not resolved "
            "(call kb.eval.resolve_questions with the shared folder first)"
        )
    modes = list(dict.fromkeys(modes))
    started = time.perf_counter()
    requested = max(MRR_CUTOFF, k)
    cutoffs = sorted({*RANK_CUTOFFS, k})
    main_mode = MAIN_MODE if MAIN_MODE in modes else modes[0]
    baseline = modes[-1] if len(modes) > 1 else None

    if doc_languages is None:
        kb = getattr(service, "kb", None)
        doc_languages = index_languages(kb) if kb is not None else None
    group_of, warnings = question_groups(questions, doc_languages)

    results: dict[str, list[QuestionResult]] = {}
    for mode in modes:
        if warmup and questions:  # model load and caches, not timed
            service.retrieve(questions[0].question, k=requested, mode=mode)
        mode_results = []
        for i, q in enumerate(questions, start=1):
            t0 = time.perf_counter()
            retrieval = service.retrieve(q.question, k=requested, mode=mode)
            latency = (time.perf_counter() - t0) * 1000
            mode_results.append(
                score_ranking(
                    q,
                    list(retrieval.passages),
                    group_of[q.id],
                    mode,
                    bool(retrieval.found),
                    latency,
                    retrieval.language,
                    retrieval.query,
                )  # fmt: skip
            )
            if progress:
                progress(f"retrieve {mode}", i, len(questions))
        results[mode] = mode_results

    groups = {mode: mode_metrics(res, cutoffs, k) for mode, res in results.items()}
    latency = {
        mode: {
            "p50": percentile([r.latency_ms for r in res], 50),
            "p95": percentile([r.latency_ms for r in res], 95),
        }
        for mode, res in results.items()
    }

    asks: list[AskResult] = []
    fallbacks: dict[str, str] = {}
    if ask:
        view, documents = _index_texts(service)
        answerable = [q for q in questions if q.answerable]
        for i, q in enumerate(answerable, start=1):
            t0 = time.perf_counter()
            answer = service.ask(q.question)
            latency_ms = (time.perf_counter() - t0) * 1000
            if getattr(answer, "fallback", ""):  # a model's answer replaced by the extractive one
                fallbacks[q.id] = answer.fallback
            supported, total = citation_counts(answer)
            check = check_answer(
                answer, list(q.supporting_passages), q.question_language, view, documents
            )
            asks.append(
                AskResult(
                    q.id,
                    group_of[q.id],
                    bool(answer.found),
                    total,
                    supported,
                    latency_ms,
                    check,
                    is_broad(q),
                )  # fmt: skip
            )
            if progress:
                progress("ask", i, len(answerable))
    citations = {group: citation_metrics(asks, group) for group in GROUPS} if ask else {}
    answer_figures = {group: answer_metrics(asks, group) for group in GROUPS} if ask else {}
    ask_latency = (
        {
            "p50": percentile([a.latency_ms for a in asks], 50),
            "p95": percentile([a.latency_ms for a in asks], 95),
        }
        if ask
        else {}
    )
    splits = {q.split for q in questions}
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
        answers=answer_figures,
        ask_latency_ms=ask_latency,
        generator=str(getattr(getattr(service, "generator", None), "name", "")) if ask else "",
        fallbacks=fallbacks,
        warnings=warnings,
        seconds=time.perf_counter() - started,
        split=splits.pop() if len(splits) == 1 else None,
    )
