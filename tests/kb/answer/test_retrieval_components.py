"""Each retrieval component alone: question analysis, fusion, diversity, the decision."""

from __future__ import annotations

import numpy as np
import pytest

from kb.answer.retrieval import Retriever, UnknownModeError, analyse
from kb.answer.retrieval.decision import decide
from kb.answer.retrieval.fusion import diversify, fuse
from kb.core.settings import RetrievalSettings
from kb.core.types import Passage
from kb.index.calibration import Calibration
from kb.index.factory import Snapshot
from kb.index.lexical import LexicalIndex

POLICY = RetrievalSettings()
CONTENT = "A paragraph with enough words to count as content rather than a title block. " * 3


def passage(chunk_id: str, doc_id: str, country: str = "AT", support: float = 0.0) -> Passage:
    md = {"doc_id": doc_id, "chunk_index": 2, "country": country, "title": doc_id}
    return Passage(chunk_id, doc_id, CONTENT, md, support=support)


def test_a_question_is_analysed_once_with_its_countries_names_and_intent():
    q = analyse("Wie unterstützt der VDAB in Belgien ältere Arbeitsuchende?")
    assert q.language == "de" and q.countries == ("BE",)
    assert "vdab" in q.name_anchors and q.names == ("VDAB",)
    assert not q.comparison and not q.follow_up
    both = analyse("How do France and Germany activate long-term unemployed people?")
    assert set(both.countries) == {"FR", "DE"} and both.comparison


@pytest.mark.parametrize(
    "question",
    [
        "Wie funktioniert die Jugendgarantie in anderen Ländern?",
        "How do other PES activate long-term unemployed people over 50?",
        "Comment les autres SPE accompagnent-ils les jeunes ?",
        "¿Cómo ayudan otros servicios públicos de empleo a los jóvenes?",
        "Hoe helpen andere landen jongeren aan werk?",
        "Jak inne kraje wspierają młodych bezrobotnych?",
    ],
)
def test_questions_across_countries_are_comparisons_whatever_the_inflection(question):
    assert analyse(question).comparison


def test_other_followed_by_a_common_noun_is_not_a_comparison():
    assert not analyse(
        "What other matters does the Danish jobcentre discuss with employers?"
    ).comparison


def test_a_short_follow_up_is_searched_with_the_previous_question():
    history = [("How does Spain implement the youth guarantee?", "It offers traineeships [1].")]
    q = analyse("And in Austria?", history)
    assert q.follow_up and "youth guarantee" in q.text and q.countries == ("AT",)
    assert q.language == "en"
    alone = analyse("And in Austria?")
    assert not alone.follow_up and alone.text == "And in Austria?"


def test_fusion_ranks_what_several_lists_agree_on_and_demotes_opening_blocks():
    a, b, truth = passage("a", "d1"), passage("b", "d2"), passage("t", "d3")
    fused = fuse([(1.0, [a, truth]), (1.0, [b, passage("t", "d3")])], POLICY)
    assert fused[0].chunk_id == "t"
    opening = Passage("o", "d4", "Title page", {"doc_id": "d4", "chunk_index": 0})
    fused = fuse([(1.0, [opening, passage("c", "d5")])], POLICY)
    assert [p.chunk_id for p in fused] == ["c", "o"]


def test_fusion_gives_named_documents_and_countries_a_vote():
    first, named = passage("x", "d1", "FR"), passage("y", "d2", "AT")
    fused = fuse([(1.0, [first, named])], POLICY, boosted_docs={"d2"})
    assert fused[0].chunk_id == "y"
    first, asked = passage("x", "d1", "FR"), passage("y", "d2", "AT")
    fused = fuse([(1.0, [first, asked])], POLICY, boosted_countries=("AT",))
    assert fused[0].chunk_id == "y"


def test_diversity_caps_passages_per_document_then_fills_up():
    ranked = [passage(f"a{i}", "A") for i in range(4)] + [passage("b0", "B")]
    assert [p.chunk_id for p in diversify(ranked, 3, cap=1)] == ["a0", "b0", "a1"]
    assert [p.chunk_id for p in diversify(ranked, 3, cap=2)] == ["a0", "a1", "b0"]


def _snapshot(texts: dict[str, str]) -> Snapshot:
    ids = list(texts)
    metas = [{"doc_id": i, "title": i, "language": "en", "country": "AT"} for i in ids]
    lexical = LexicalIndex.build(ids, list(texts.values()), metas, "000001")
    lexical.calibration = Calibration("t", np.linspace(0.7, 0.9, 100), np.full(10, 0.9))
    return Snapshot("000001", store=None, lexical=lexical)  # type: ignore[arg-type]


def test_the_decision_answers_only_with_a_supported_passage():
    snap = _snapshot({"d1": CONTENT})
    q = analyse("How do counsellors plan the first interview with a jobseeker?")
    assert decide(snap, q, [passage("c", "d1", support=0.95)], POLICY).found
    weak = decide(snap, q, [passage("c", "d1", support=POLICY.min_support / 3)], POLICY)
    assert not weak.found and "no passage supports" in weak.reason
    assert not decide(snap, q, [], POLICY).found


def test_the_decision_refuses_a_country_the_corpus_has_nothing_on():
    snap = _snapshot({"d1": CONTENT})
    q = analyse("How does the Estonian employment service plan first interviews?")
    refused = decide(snap, q, [passage("c", "d1", "AT", support=0.99)], POLICY)
    assert not refused.found and "EE" in refused.reason


def test_a_name_the_corpus_never_mentions_needs_a_passage_far_above_a_miss():
    snap = _snapshot({"d1": CONTENT + " The AMS runs it."})
    unknown = analyse("What did the QWERTZ initiative achieve for young people?")
    assert not decide(snap, unknown, [passage("c", "d1", support=0.95)], POLICY).found
    assert "QWERTZ" in decide(snap, unknown, [passage("c", "d1", support=0.95)], POLICY).reason
    assert decide(snap, unknown, [passage("c", "d1", support=1.0)], POLICY).found
    known = analyse("What did the AMS initiative achieve for young people?")
    assert decide(snap, known, [passage("c", "d1", support=0.95)], POLICY).found


def test_an_unknown_retrieval_mode_is_an_error_not_a_silent_dense_run():
    retriever = Retriever.__new__(Retriever)
    with pytest.raises(UnknownModeError, match="hybird"):
        retriever.search("question", mode="hybird")


def test_a_figure_the_corpus_never_mentions_counts_like_an_unknown_name():
    snap = _snapshot({"d1": CONTENT + " The pilot started in 2019 with 40 counsellors."})
    missing = analyse("How many counsellors did the pilot have in 2031?")
    assert missing.names == ("2031",)
    refused = decide(snap, missing, [passage("c", "d1", support=0.95)], POLICY)
    assert not refused.found and "2031" in refused.reason
    present = analyse("How many counsellors did the pilot have in 2019?")
    assert decide(snap, present, [passage("c", "d1", support=0.95)], POLICY).found
    # Short numbers ('40', '50 years') change form between languages: never a name.
    assert analyse("Do people over 50 get 40 hours?").names == ()


def test_a_table_of_contents_ranks_and_supports_below_the_prose_it_lists_the_words_of():
    contents = Passage(
        "toc",
        "leaflet",
        "Online arbeitslos melden 4\nArbeitslosengeld online beantragen 7\n" * 6,
        {"doc_id": "leaflet", "chunk_index": 2, "country": "DE", "title": "leaflet"},
    )
    prose = passage("p", "leaflet", "DE")
    # The contents come first in both lists, as its topic words make them do.
    fused = fuse([(1.0, [contents, prose]), (1.0, [contents, prose])], POLICY)
    assert [p.chunk_id for p in fused] == ["p", "toc"]
    assert fused[0].score > 1.5 * fused[1].score
