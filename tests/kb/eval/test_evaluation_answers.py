"""Answer-level evaluation: support, boilerplate, cut sentences, language, breadth.

The documents are illustrative texts written for these tests."""

from __future__ import annotations

import json

import pytest

from kb.answer.generators.evidence import CorpusView
from kb.core.types import Answer, Citation
from kb.eval import EvalQuestion, SupportingPassage, render_eval, run_eval
from kb.eval.answers import DocumentText, check_answer
from kb.eval.metrics import AskResult, answer_metrics
from tests.kb.eval.test_evaluation import FakeKB, FakeService, FakeStore

DISCLAIMER = "Illustrative text written for this test suite; it is not an official record."
BODY = (
    "Older jobseekers in the {doc} region received weekly coaching from a named counsellor. "
    "Each participant meets the coach every week, and the employer joins the last meetings."
)


def _corpus() -> tuple[list[str], list[dict]]:
    texts, metadatas = [], []
    for doc in ("alpha", "beta", "gamma"):
        opening = f"{doc.title()} employment office - case note, 2024\n\n{DISCLAIMER}"
        body = BODY.format(doc=doc)
        for index, (text, start) in enumerate(((opening, 0), (body, 300))):
            texts.append(text)
            metadatas.append({
                "doc_id": doc, "chunk_index": index, "char_start": start,
                "char_end": start + len(text), "title": f"{doc.title()} pilot",
                "heading_path": doc.title() + (" > Results" if index else ""),
            })  # fmt: skip
    return texts, metadatas


TEXTS, METADATAS = _corpus()
VIEW = CorpusView.build(TEXTS, METADATAS)
DOCUMENTS = DocumentText(TEXTS, METADATAS)


def cite(n: int, doc: str, passage: str, quote: str, country: str = "AT") -> Citation:
    return Citation(n, doc, f"{doc.title()} pilot", 1, passage, quote, 1.0, "p", "l", country)


def extractive(sentence: str, passage: str, doc: str = "alpha") -> Answer:
    text = (
        "1 document from AT; quoted in English.\n\nAlpha pilot (AT, 2024, English)\n"
        f"- {sentence} [1]"
    )
    return Answer("q", text, [cite(1, doc, passage, sentence)], mode="extractive")


def test_a_clean_answer_citing_the_supporting_passage() -> None:
    sentence = BODY.format(doc="alpha").split(". ")[0] + "."
    support = [SupportingPassage("alpha", "received weekly coaching from a named counsellor")]
    check = check_answer(extractive(sentence, TEXTS[1]), support, "en", VIEW, DOCUMENTS)
    assert check.supported is True and check.found_in is True and check.language_ok is True
    assert check.boilerplate == [] and check.cut == []
    wrong = [SupportingPassage("beta", "received weekly coaching from a named counsellor")]
    assert (
        check_answer(extractive(sentence, TEXTS[1]), wrong, "en", VIEW, DOCUMENTS).supported
        is False
    )
    assert check_answer(extractive(sentence, TEXTS[1]), [], "en", VIEW, DOCUMENTS).supported is None
    assert (
        check_answer(extractive(sentence, TEXTS[1]), support, "de", VIEW, DOCUMENTS).found_in
        is False
    )


@pytest.mark.parametrize(
    "view", [VIEW, None], ids=["with the generator's rule", "plain check only"]
)
def test_quoted_disclaimers_and_title_blocks_count_as_boilerplate(view) -> None:
    # Without the generator's own rule the plain check still sees them: the disclaimer
    # occurs in three documents, the byline opens its document.
    for quoted in (DISCLAIMER, "Alpha employment office - case note, 2024"):
        check = check_answer(extractive(quoted, TEXTS[0]), [], "en", view, DOCUMENTS)
        assert check.boilerplate == [quoted]


def test_a_sentence_cut_after_an_ordinal_counts_as_cut() -> None:
    text = "The contract ends on 30. April and the first day without work is the 1. May."
    md = {"doc_id": "delta", "chunk_index": 0, "char_start": 0, "char_end": len(text)}
    documents = DocumentText([text], [md])
    cut = "The contract ends on 30."
    answer = extractive(cut, text, doc="delta")
    assert check_answer(answer, [], "en", VIEW, documents).cut == [cut]


def test_a_sentence_cut_where_the_document_goes_on_counts_as_cut() -> None:
    cut = "Each participant meets the coach every week, and the employer"
    check = check_answer(extractive(cut, TEXTS[1]), [], "en", VIEW, DOCUMENTS)
    assert check.cut == [cut]
    whole = "Each participant meets the coach every week, and the employer joins the last meetings."
    assert check_answer(extractive(whole, TEXTS[1]), [], "en", VIEW, DOCUMENTS).cut == []


def test_a_generated_answer_is_checked_for_its_language() -> None:
    quote = BODY.format(doc="alpha").split(". ")[0] + "."
    english = Answer(
        "q", "Older jobseekers there are coached every week by a counsellor of their own [1].",
        [cite(1, "alpha", TEXTS[1], quote)], mode="provider",
    )  # fmt: skip
    german = Answer(
        "q", "Ältere Arbeitsuchende werden dort jede Woche von einer festen Beraterin betreut [1].",
        [cite(1, "alpha", TEXTS[1], quote)], mode="provider",
    )  # fmt: skip
    assert check_answer(english, [], "en", VIEW, DOCUMENTS).language_ok is True
    assert check_answer(german, [], "en", VIEW, DOCUMENTS).language_ok is False
    assert check_answer(english, [], "en", VIEW, DOCUMENTS).found_in is None


def test_answer_metrics_and_broad_questions() -> None:
    good = check_answer(
        extractive(BODY.format(doc="alpha").split(". ")[0] + ".", TEXTS[1]),
        [],
        "en",
        VIEW,
        DOCUMENTS,
    )
    bad = check_answer(extractive(DISCLAIMER, TEXTS[0]), [], "en", VIEW, DOCUMENTS)
    good.documents, good.countries = 3, 2
    asks = [
        AskResult("a", "same-language", True, 3, 3, 1.0, good, broad=True),
        AskResult("b", "same-language", True, 1, 1, 1.0, bad, broad=True),
        AskResult("c", "same-language", False, 0, 0, 1.0, None),
    ]
    m = answer_metrics(asks, "all")
    assert m.answers == 2 and m.boilerplate == 0.5 and m.cut == 0.0
    assert m.citations_per_answer == 2.0 and m.language == 1.0
    assert (m.broad, m.broad_ok, m.broad_documents) == (2, 0.5, 2.0)


def test_run_eval_reports_answer_figures_in_text_and_json() -> None:
    sentence = BODY.format(doc="alpha").split(". ")[0] + "."
    support = [SupportingPassage("alpha", "received weekly coaching from a named counsellor")]
    questions = [
        EvalQuestion("en-a", "How do other PES coach older jobseekers?", "en", True, support,
                     cross_lingual=False),
    ]  # fmt: skip
    service = FakeService(
        ranks={"hybrid": {}},
        refuse={"hybrid": set()},
        answers={"How do other PES coach older jobseekers?": extractive(sentence, TEXTS[1])},
        kb=FakeKB(FakeStore({"alpha": "en"})),
    )
    report = run_eval(service, questions, modes=("hybrid",), warmup=False)
    figures = report.answers["all"]
    assert figures.answers == 1 and figures.with_support == 1.0 and figures.broad == 1
    assert figures.broad_ok == 0.0  # one document from one country
    text = render_eval(report)
    assert "cite a supporting passage" in text and "quote boilerplate" in text
    assert "broad questions (1)" in text
    data = json.loads(json.dumps(report.to_dict()))
    assert data["ask"]["answers"]["all"]["with_support"] == 1.0
    assert data["answers"][0]["check"]["found_in"] is True
