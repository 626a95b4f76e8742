"""The evaluation harness: metrics, citations and the report, on a fake service."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from kb.core.types import Answer, Citation, Passage
from kb.eval import (
    EvalError,
    EvalQuestion,
    SupportingPassage,
    citation_counts,
    percentile,
    render_eval,
    run_eval,
)

# --- metrics on a fake service ---------------------------------------------------


@dataclass
class FakeRetrieval:
    query: str
    language: str
    passages: list[Passage]
    found: bool
    reason: str = ""


@dataclass
class FakeRecord:
    metadata: dict


class FakeStore:
    def __init__(self, languages: dict[str, str]) -> None:
        self.languages = languages

    def documents(self) -> dict[str, FakeRecord]:
        return {d: FakeRecord({"language": lang}) for d, lang in self.languages.items()}


@dataclass
class FakeKB:
    store: FakeStore
    lexical: None = None  # no text view: answer checks fall back to the passages

    def snapshot(self) -> FakeKB:
        return self


@dataclass
class FakeService:
    """Returns a fixed ranking per (mode, question): a hit at ``rank`` or none."""

    ranks: dict[str, dict[str, int | None]]  # mode -> question -> rank of the hit
    refuse: dict[str, set[str]]  # mode -> questions answered with found=False
    answers: dict[str, Answer] = field(default_factory=dict)
    kb: FakeKB | None = None
    calls: list[tuple] = field(default_factory=list)

    def retrieve(self, question, filters=None, k=None, history=None, mode="hybrid"):
        self.calls.append(("retrieve", question, k, mode))
        rank = self.ranks[mode].get(question)
        passages = [Passage(f"f{i}", "filler/doc", "nothing relevant here", {}) for i in range(k)]
        if rank is not None:
            passages[rank - 1] = Passage("hit", DOCS[question], EXCERPTS[question], {})
        language = "de" if question.startswith("de") else "en"
        return FakeRetrieval(question, language, passages, question not in self.refuse[mode])

    def ask(self, question, filters=None, history=None):
        self.calls.append(("ask", question))
        return self.answers.get(question) or Answer(question, "", found=False)


DOCS = {"en-a": "docs/en1", "en-b": "docs/en2", "en-x": "docs/de1", "de-x": "docs/en1"}
EXCERPTS = {q: f"excerpt words for {q} go here" for q in DOCS}
LANGS = {"docs/en1": "en", "docs/en2": "en", "docs/de1": "de"}


def question(qid: str, answerable: bool = True, **kw) -> EvalQuestion:
    language = "de" if qid.startswith("de") else "en"
    support = [SupportingPassage(DOCS[qid], EXCERPTS[qid])] if answerable else []
    return EvalQuestion(qid, qid, language, answerable, support, **kw)


QUESTIONS = [
    question("en-a"),  # same-language
    question("en-b"),  # same-language
    question("en-x"),  # cross-lingual: English question, German document
    question("de-x"),  # cross-lingual: German question, English document
    question("en-none", answerable=False),
    question("de-none", answerable=False),
]


def cite(n: int, supported: bool = True) -> Citation:
    return Citation(n, "docs/en1", "T", 1, f"passage {n}", f"quote {n}", 1.0, "p", "l",
                    supported=supported)  # fmt: skip


def make_service() -> FakeService:
    flagged = cite(3, supported=False)
    return FakeService(
        ranks={
            "hybrid": {"en-a": 1, "en-b": 3, "en-x": 2, "de-x": None},
            "bm25": {"en-a": 2, "en-b": 7, "en-x": None, "de-x": None},
        },
        refuse={"hybrid": {"de-x", "en-none"}, "bm25": {"en-x", "de-x"}},
        answers={
            # flagged citation listed both in citations and in unsupported: counted once
            "en-a": Answer(
                "en-a", "x", citations=[cite(1), cite(2), flagged], unsupported=[flagged]
            ),  # fmt: skip
            # flagged citation moved out of citations into unsupported
            "en-x": Answer("en-x", "x", citations=[cite(1)], unsupported=[cite(2, False)]),
            "en-b": Answer("en-b", "x", citations=[cite(1)]),
        },
        kb=FakeKB(FakeStore(LANGS)),
    )


def test_retrieval_metrics_per_mode_and_group() -> None:
    service = make_service()
    report = run_eval(service, QUESTIONS, k=5, warmup=False)
    hy, bm = report.groups["hybrid"], report.groups["bm25"]

    # hybrid ranks 1, 3, 2, none over 4 answerable questions
    assert hy["all"].hits == {1: 0.25, 5: 0.75, 10: 0.75}
    assert hy["all"].mrr == pytest.approx((1 + 1 / 3 + 1 / 2) / 4)
    assert hy["same-language"].hits[1] == 0.5 and hy["same-language"].hits[5] == 1.0
    assert hy["same-language"].mrr == pytest.approx((1 + 1 / 3) / 2)
    assert hy["cross-lingual"].hits[5] == 0.5
    assert hy["cross-lingual"].mrr == pytest.approx(0.25)
    # bm25 ranks 2, 7, none, none
    assert bm["all"].hits == {1: 0.0, 5: 0.25, 10: 0.5}
    assert bm["all"].mrr == pytest.approx((1 / 2 + 1 / 7) / 4)
    assert bm["cross-lingual"].hits[10] == 0.0

    # refusals: hybrid refuses de-x (answerable) and en-none (unanswerable)
    assert hy["all"].false_refusal_rate == 0.25
    assert hy["all"].refusal_accuracy == 0.5
    assert hy["same-language"].false_refusal_rate == 0.0
    assert hy["cross-lingual"].false_refusal_rate == 0.5
    assert hy["same-language"].refusal_accuracy is None  # no unanswerables there
    assert bm["all"].false_refusal_rate == 0.5 and bm["all"].refusal_accuracy == 0.0
    assert hy["all"].questions == 6 and hy["cross-lingual"].questions == 2
    assert report.misses("hybrid") == ["de-x"]
    assert report.misses("bm25") == ["en-b", "en-x", "de-x"]


def test_requests_max_10_k_passages_and_headline_cutoff() -> None:
    service = make_service()
    report = run_eval(service, QUESTIONS, k=3, modes=("hybrid",), ask=False, warmup=False)
    assert {c[2] for c in service.calls} == {10}
    assert report.cutoffs == [1, 3, 5, 10] and report.groups["hybrid"]["all"].hits[3] == 0.75

    service = make_service()
    service.ranks["hybrid"]["de-x"] = 12
    report = run_eval(service, QUESTIONS, k=15, modes=("hybrid",), ask=False, warmup=False)
    assert {c[2] for c in service.calls} == {15}
    assert report.groups["hybrid"]["all"].hits[15] == 1.0
    assert report.groups["hybrid"]["all"].hits[10] == 0.75
    # MRR stays @10: rank 12 adds nothing
    assert report.groups["hybrid"]["all"].mrr == pytest.approx((1 + 1 / 3 + 1 / 2) / 4)


def test_citation_support_counts_each_citation_once() -> None:
    service = make_service()
    report = run_eval(service, QUESTIONS, warmup=False)
    asked = [c[1] for c in service.calls if c[0] == "ask"]
    assert asked == ["en-a", "en-b", "en-x", "de-x"]  # answerable questions only, once each
    c = report.citations
    # en-a: 2 of 3; en-b: 1 of 1; en-x: 1 of 2; de-x refused, no citations
    assert (c["all"].supported, c["all"].citations) == (4, 6)
    assert c["all"].support_rate == pytest.approx(4 / 6)
    assert (c["same-language"].supported, c["same-language"].citations) == (3, 4)
    assert (c["cross-lingual"].supported, c["cross-lingual"].citations) == (1, 2)
    assert c["all"].refusals == 1 and c["cross-lingual"].refusals == 1
    assert report.ask_latency_ms["p50"] is not None


def test_citation_counts_alone() -> None:
    flagged = cite(2, supported=False)
    answer = Answer("q", "t", citations=[cite(1), flagged], unsupported=[flagged])
    assert citation_counts(answer) == (1, 2)
    # flagged by listing alone, even if the flag on the object was not set
    answer = Answer("q", "t", citations=[cite(1), cite(2)], unsupported=[cite(2)])
    assert citation_counts(answer) == (1, 2)
    assert citation_counts(Answer("q", "t", found=False)) == (0, 0)


def test_cross_lingual_is_derived_from_the_manifest_and_explicit_wins() -> None:
    service = make_service()
    explicit = [
        question("en-a", cross_lingual=True),  # disagrees with the documents: warned
        question("en-x"),
    ]
    report = run_eval(service, explicit, modes=("hybrid",), ask=False, warmup=False)
    groups = {r.id: r.group for r in report.results["hybrid"]}
    assert groups == {"en-a": "cross-lingual", "en-x": "cross-lingual"}
    assert any("en-a" in w and "cross_lingual is true" in w for w in report.warnings)


def test_missing_document_cannot_be_derived() -> None:
    service = make_service()
    service.kb = FakeKB(FakeStore({"docs/en1": "en"}))
    with pytest.raises(EvalError, match=r"en-x .*'docs/de1' is not in the index"):
        run_eval(service, [question("en-x")], ask=False, warmup=False)
    report = run_eval(
        service, [question("en-x", cross_lingual=True)], modes=("hybrid",), ask=False,
        warmup=False,
    )  # fmt: skip
    assert any("can never be hit" in w for w in report.warnings)


def test_language_detection_and_latency_are_reported() -> None:
    report = run_eval(make_service(), QUESTIONS, ask=False)
    assert report.groups["hybrid"]["all"].language_accuracy == 1.0
    for mode in ("hybrid", "bm25"):
        assert report.latency_ms[mode]["p50"] is not None
        assert report.latency_ms[mode]["p95"] >= report.latency_ms[mode]["p50"]


def test_render_and_json() -> None:
    report = run_eval(make_service(), QUESTIONS, warmup=False)
    text = render_eval(report)
    assert "hybrid - bm25" in text  # read against the baseline of the same run
    assert "cross-lingual (2 answerable)" in text
    assert "citation support, all:" in text
    assert "missed at hit@5 (hybrid): de-x" in text
    hit5 = next(line for line in text.splitlines() if line.strip().startswith("hit@5"))
    assert hit5.split()[-3:] == ["0.750", "0.250", "+0.500"]
    data = json.loads(json.dumps(report.to_dict()))
    assert data["metrics"]["hybrid"]["all"]["hit@5"] == 0.75
    assert data["metrics"]["bm25"]["all"]["mrr@10"] == pytest.approx((1 / 2 + 1 / 7) / 4)
    assert data["ask"]["citations"]["all"]["support_rate"] == pytest.approx(4 / 6)
    assert data["baseline"] == "bm25" and data["passages_requested"] == 10


def test_percentile() -> None:
    assert percentile([], 50) is None
    assert percentile([3.0], 95) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile(list(map(float, range(101))), 95) == 95.0
