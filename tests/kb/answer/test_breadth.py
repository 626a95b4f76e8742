"""Broad questions: the decision from the question's analysis, the choice of passages
from several documents and countries, and a broad question on the sample corpus."""

from __future__ import annotations

import pytest

from kb.answer.retrieval import analyse
from kb.answer.retrieval.breadth import broad_question, select_broad, specific_names
from kb.app.service import KnowledgeService
from kb.core.types import Passage

CONTENT = "A paragraph with enough words to count as content rather than a title block. "


def passage(chunk_id: str, doc_id: str, country: str, support: float, language: str = "fr"):
    md = {"doc_id": doc_id, "chunk_index": 2, "country": country, "language": language}
    return Passage(chunk_id, doc_id, CONTENT, md, support=support)


@pytest.mark.parametrize(
    "question",
    [
        "Comment les SPE aident-ils les chômeurs de longue durée ?",
        "How do PES help long-term unemployed people?",
        "Wie unterstützen Arbeitsverwaltungen ältere Arbeitslose bei der Stellensuche?",
        "Jaką rolę odgrywają prywatni usługodawcy w publicznych usługach zatrudnienia?",
        "Which countries offer vouchers for vocational courses?",  # a comparison
        "What do the Danish and German employer services do for employers?",  # two countries
    ],
)
def test_questions_that_name_nothing_in_particular_or_compare_are_broad(question):
    # 'PES'/'SPE' name nothing in particular where most of the index's documents use them.
    assert broad_question(analyse(question), frozenset({"pes", "spe"}))


@pytest.mark.parametrize(
    "question",
    [
        "How does the Austrian employment service guarantee training places?",  # a country
        "How does the AMS profiling tool predict a jobseeker's chances?",  # an acronym
        "Why did Intreo drop questions from its questionnaire?",  # a name
        "Quel est le montant de l'aide versée en 2024 ?",  # a year
        "Comment le Forem oriente-t-il les demandeurs d'emploi ?",
        "Wie viele Teilnehmende hat das Programm Aktiv60 gefördert?",  # letters with digits
    ],
)
def test_questions_naming_a_country_body_programme_or_figure_are_not_broad(question):
    assert not broad_question(analyse(question), frozenset({"pes", "spe"}))


def test_an_acronym_is_specific_unless_most_documents_use_it():
    query = analyse("How many PES allow jobseekers to register online?")
    assert specific_names(query) == {"pes"}
    assert not broad_question(query)
    assert broad_question(query, frozenset({"pes"}))


def test_german_nouns_are_not_names_but_acronyms_are():
    assert broad_question(analyse("Wie helfen Arbeitsagenturen jungen Menschen in Ausbildung?"))
    assert not broad_question(analyse("Wie hilft die BA jungen Menschen in Ausbildung?"))


def test_a_broad_answer_hears_other_documents_and_countries_above_the_bar():
    # One French document fills the top ranks (its lexical evidence lifted it); better
    # supported passages of other documents and countries rank below k.
    ranked = [
        passage("fr1", "fr_a", "FR", 0.7),
        passage("fr2", "fr_a", "FR", 0.6),
        passage("fr3", "fr_a", "FR", 0.55),
        passage("fr4", "fr_a", "FR", 0.5),
        passage("fr5", "fr_a", "FR", 0.5),
        passage("de1", "de_b", "DE", 0.9, "de"),
        passage("at1", "at_c", "AT", 0.8, "de"),
        passage("fr6", "fr_d", "FR", 0.2),  # below the bar: never taken for breadth
    ]
    chosen = select_broad(ranked, k=5, bar=0.45, documents=3, countries=2)
    ids = [p.chunk_id for p in chosen]
    assert len(ids) == 5 and ids[0] == "fr1"
    assert {"de1", "at1"} <= set(ids) and "fr6" not in ids
    assert ids == sorted(ids, key=[p.chunk_id for p in ranked].index)  # rank order
    assert len({p.doc_id for p in chosen}) >= 3
    assert len({p.metadata["country"] for p in chosen}) >= 2


def test_the_best_supported_passage_of_a_new_country_wins_its_place():
    ranked = [
        passage("fr1", "fr_a", "FR", 0.7),
        passage("de1", "de_b", "DE", 0.5, "de"),  # ranked higher, supported less
        passage("at1", "at_c", "AT", 0.9, "de"),
    ]
    chosen = select_broad(ranked, k=2, bar=0.3, documents=3, countries=2)
    assert [p.chunk_id for p in chosen] == ["fr1", "at1"]


def test_no_breadth_is_forced_when_no_other_document_reaches_the_bar():
    ranked = [
        passage("fr1", "fr_a", "FR", 0.8),
        passage("fr2", "fr_a", "FR", 0.7),
        passage("de1", "de_b", "DE", 0.3, "de"),
    ]
    chosen = select_broad(ranked, k=5, bar=0.4, documents=3, countries=2)
    assert [p.chunk_id for p in chosen] == ["fr1", "fr2"]
    assert select_broad(ranked, k=5, bar=0.95, documents=3, countries=2) == []


def test_documents_without_a_country_count_as_documents_not_countries():
    ranked = [
        passage("a1", "a", "FR", 0.8),
        passage("b1", "b", "", 0.9),
        passage("c1", "c", "FR", 0.7),
        passage("d1", "d", "SE", 0.5, "sv"),
    ]
    chosen = select_broad(ranked, k=3, bar=0.4, documents=3, countries=2)
    assert [p.chunk_id for p in chosen] == ["a1", "b1", "d1"]


# --- on the sample corpus (real e5, built once per session) ------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Comment les SPE aident-ils les chômeurs de longue durée ?",
        "How do PES help young people into work or training?",
    ],
)
def test_a_broad_question_is_answered_from_three_documents_of_two_countries(sample_kb, question):
    # Retrieval hands the generator passages of several documents, some of which share no
    # word with the question: each is quoted by its sentence closest in meaning.
    answer = KnowledgeService(sample_kb).ask(question)
    assert answer.found
    documents = {c.doc_id for c in answer.citations}
    countries = {c.country for c in answer.citations if c.country}
    assert len(documents) >= 3 and len(countries) >= 2, (documents, countries)
