"""Retrieval on a small crafted corpus with the real multilingual embedder and a real Chroma."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import run_ingest
from kb.answer.retrieval import Retriever, analyse, is_follow_up, names_country, where_clause
from kb.answer.retrieval.candidates import carrying_anchors, named_documents
from kb.answer.retrieval.fusion import fuse, substance
from kb.app.service import KnowledgeService
from kb.core.settings import RetrievalSettings
from kb.core.types import Filters, Passage
from kb.index.factory import build_knowledge_base
from tests.conftest import make_settings

DOCS = {
    "at_youth.md": (
        "AT",
        2022,
        "youth-guarantee",
        "en",
        "# Training guarantee for young people in Austria\n\n"
        "The Austrian employment service guarantees every young person under 25 "
        "a training place. Counsellors meet school leavers within four weeks of "
        "registration and arrange an apprenticeship or a supra-company training "
        "workshop when no company place is available.",
    ),
    "es_youth.md": (
        "ES",
        2023,
        "youth-guarantee",
        "es",
        "# Garantía Juvenil en Andalucía\n\n"
        "El servicio público de empleo ofrece a los jóvenes menores de 30 años "
        "prácticas en empresas con mentoría durante seis meses y una beca mensual.",
    ),
    "ie_profiling.md": (
        "IE",
        2021,
        "profiling",
        "en",
        "# Statistical profiling in Ireland\n\n"
        "Intreo estimates each jobseeker's probability of leaving the live "
        "register within twelve months. Those with a low probability are "
        "referred to intensive case management with a dedicated adviser.",
    ),
    "de_ltu.md": (
        "DE",
        2020,
        "long-term-unemployment",
        "de",
        "# Langzeitarbeitslose über 50\n\n"
        "Das Jobcenter betreut ältere Langzeitarbeitslose mit einem Coaching, das "
        "Gesundheit, Schulden und familiäre Probleme einbezieht, bevor eine "
        "Vermittlung versucht wird.",
    ),
    "fr_employers.md": (
        "FR",
        2023,
        "employer-services",
        "fr",
        "# Services aux employeurs\n\n"
        "Les conseillers entreprises visitent les petites entreprises pour "
        "analyser leurs besoins de recrutement et présélectionner des candidats.",
    ),
    "nl_kx.md": (
        "NL",
        2022,
        "skills-and-training",
        "en",
        "# Regional labour market funds\n\n"
        "The region finances short vocational courses with a grant of 1,000 euros "
        "that advisers can award to registered jobseekers.",
    ),
    "be_skills.md": (
        "BE",
        2022,
        "skills-and-training",
        "en",
        "# Regional skills vouchers in Flanders\n\n"
        "Jobseekers receive a training voucher worth 500 euros for a short "
        "vocational course chosen together with their job coach.",
    ),
    "fi_voucher.md": (
        "FI",
        2022,
        "skills-and-training",
        "en",
        "# Who can get a training voucher\n\n"
        "Every unemployed jobseeker can get a training voucher; people aged over "
        "50 and people with disabilities can get a second voucher.",
    ),
    "nl_mentors.md": (
        "NL",
        2023,
        "activation",
        "en",
        "# Neighbourhood teams\n\n"
        "In Lindemaas the municipality pairs jobseekers with volunteer mentors "
        "from local firms; the pilot started in 2023.",
    ),
    "fi_older.md": (
        "FI",
        2023,
        "activation",
        "en",
        "# Pilots for older jobseekers\n\n"
        "Pilots for older jobseekers work best when older jobseekers get mentors, "
        "and when the pilot gives older jobseekers time to rebuild confidence.",
    ),
    "dk_employers.md": (
        "DK",
        2022,
        "employer-services",
        "en",
        "# Employer services in the jobcentre\n\n"
        "The jobcentre's business team visits local companies, maps their "
        "recruitment needs, screens candidates, organises job fairs and "
        "follows up every placement after three months. Account managers "
        "are organised by sector, so a construction firm always talks to the "
        "same person, and the team publishes a quarterly newsletter on "
        "regional labour shortages. Small firms hiring their first employee "
        "may apply for KX-17, and the team also advises on working hours, "
        "apprenticeships and wage subsidies for people with disabilities.",
    ),
    "dk_skills.md": (
        "DK",
        2021,
        "skills-and-training",
        "en",
        "# Vocational course vouchers in Denmark\n\n"
        "Unemployed people may take a six-week vocational course funded by the "
        "jobcentre, chosen with their caseworker from a regional list.",
    ),
}


def _catalogue() -> str:
    lines = ["documents:"]
    for name, (country, year, topic, lang, _) in DOCS.items():
        lines.append(
            f"  {name}: {{country: {country}, year: {year}, topics: [{topic}], "
            f"language: {lang}, practice_type: case-study}}"
        )
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeService:
    tmp: Path = tmp_path_factory.mktemp("retrieval")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name, (*_, text) in DOCS.items():
        (corpus / name).write_text(text + "\n", encoding="utf-8")
    (corpus / "catalogue.yaml").write_text(_catalogue(), encoding="utf-8")
    settings = make_settings(tmp, provider="e5")
    kb = build_knowledge_base(settings)
    assert run_ingest(kb, corpus).exit_code == 0
    return KnowledgeService(kb)


def top_docs(retrieval, n=1):
    return [p.doc_id for p in retrieval.passages[:n]]


def test_cross_lingual_french_question_finds_english_passage(service):
    r = service.retrieve(
        "Comment l'Irlande repère-t-elle les demandeurs d'emploi à risque "
        "de chômage de longue durée ?"
    )
    assert r.language == "fr"
    assert top_docs(r) == ["ie_profiling"]
    assert r.found


def test_filters_restrict_every_retriever(service):
    question = "How are young people helped into training?"
    assert "at_youth" in top_docs(service.retrieve(question), 2)
    only_es = service.retrieve(question, Filters(countries=["ES"]))
    assert {p.metadata["country"] for p in only_es.passages} == {"ES"}
    recent = service.retrieve(question, Filters(year_from=2023))
    assert all(p.metadata["year"] >= 2023 for p in recent.passages)
    by_topic = service.retrieve(question, Filters(topics=["skills-and-training"]))
    assert {p.doc_id for p in by_topic.passages} <= {
        "nl_kx",
        "be_skills",
        "dk_skills",
        "fi_voucher",
    }
    by_lang = service.retrieve(question, Filters(languages=["de"]), mode="bm25")
    assert {p.doc_id for p in by_lang.passages} <= {"de_ltu"}


def test_where_clause_shapes():
    assert where_clause(Filters()) is None
    assert where_clause(Filters(countries=["AT"])) == {"country": {"$in": ["AT"]}}
    both = where_clause(Filters(topics=["a", "b"], year_from=2020))
    assert both == {
        "$and": [
            {"$or": [{"topics": {"$contains": "a"}}, {"topics": {"$contains": "b"}}]},
            {"year": {"$gte": 2020}},
        ]
    }


def test_fusion_puts_the_passage_both_retrievers_like_first():
    def ranked(*ids):
        return [Passage(i, i, "x" * 400, {"doc_id": i, "chunk_index": 1}) for i in ids]

    # Each retriever alone puts a different wrong passage first; both rank "truth" second.
    fused = fuse(
        [(1.0, ranked("dense-noise", "truth", "x")), (1.0, ranked("lexical-noise", "truth", "y"))],
        RetrievalSettings(),
    )
    assert fused[0].chunk_id == "truth"


def test_hybrid_keeps_what_each_retriever_gets_right(service):
    cases = [
        # A code buried in a long passage about something else: lexical evidence.
        ("Who may apply for the KX-17 grant?", "dk_employers"),
        # A paraphrase in another language: dense evidence; BM25 cannot match it.
        ("Wie hilft Österreich Schulabgängern zu einem Ausbildungsplatz?", "at_youth"),
    ]
    hits = {
        mode: [top_docs(service.retrieve(q, mode=mode)) == [doc] for q, doc in cases]
        for mode in ("hybrid", "dense", "bm25")
    }
    assert hits["hybrid"] == [True, True]
    assert hits["bm25"][1] is False


def test_follow_up_uses_the_conversation(service):
    history = [
        (
            "How do employment services implement the youth guarantee in Spain?",
            "Spain offers traineeships with mentoring [1].",
        )
    ]
    r = service.retrieve("And in Austria?", history=history)
    assert "youth guarantee" in r.query and r.countries == ["AT"]
    assert top_docs(r) == ["at_youth"]
    assert is_follow_up("Und in Österreich?", "de")
    assert not is_follow_up("How does Ireland profile jobseekers at registration?", "en")


def test_unanswerable_questions_are_refused(service):
    estonia = service.ask("How does the Estonian PES support people with disabilities?")
    assert not estonia.found and estonia.citations == []
    assert "does not contain" in estonia.text
    off_topic = service.ask("What is the boiling point of mercury?")
    assert not off_topic.found


def test_comparison_questions_spread_over_documents(service):
    r = service.retrieve("Which countries offer vouchers for vocational courses?", k=3)
    assert len({p.doc_id for p in r.passages}) == 3


# --- on the sample corpus (real e5, built once per session) ------------------------


def _rank(kb, question: str, needle: str, **settings) -> int | None:
    retrieval = Retriever(kb, kb.settings.retrieval.model_copy(update=settings))
    for rank, p in enumerate(retrieval.search(question, k=10).passages, start=1):
        if needle in p.text:
            return rank
    return None


def test_an_organisation_the_question_names_brings_its_documents(sample_kb):
    question = (
        "Comment le VDAB explique-t-il aux demandeurs d'emploi pourquoi une offre leur est "
        "proposée ?"
    )
    snap = sample_kb.snapshot()
    assert named_documents(snap, analyse(question), None) == {
        "samples/be_vdab_skills_matching_2024"
    }
    # 'Servicio' names three of the nineteen documents: too common to name one.
    assert named_documents(snap, analyse("Servicio de Empleo"), None) == set()
    rank = _rank(sample_kb, question, "short explanation")
    assert rank is not None and rank <= 5


def test_a_question_about_several_countries_gets_passages_from_each(sample_kb):
    r = Retriever(sample_kb).search(
        "What employment results did the intensive programmes for long-term unemployed "
        "people over 50 achieve in France and Germany?",
        k=5,
    )
    assert sorted(r.countries) == ["DE", "FR"]
    assert {"DE", "FR"} <= {p.metadata.get("country") for p in r.passages}
    # Whether it is answered is the refusal decision's business, tested with margins; its
    # support here sits on the threshold and flips between machines.


def test_an_acronym_the_corpus_never_mentions_needs_strong_support(sample_kb):
    retriever = Retriever(sample_kb)
    alma = retriever.search(
        "Quels résultats l'initiative européenne ALMA a-t-elle obtenus pour les jeunes NEET ?"
    )
    assert not alma.found and "ALMA" in alma.reason and "NEET" not in alma.reason
    assert retriever.search("How does the AMS profiling tool predict a jobseeker's chances?").found


def test_opening_blocks_rank_lower_than_short_paragraphs_with_content():
    def passage(text: str, index: int) -> Passage:
        return Passage("c", "d", text, {"chunk_index": index})

    short_paragraph = "Schedule a follow-up contact within 10 working days. " * 4
    policy = RetrievalSettings()
    assert substance(passage(short_paragraph, 6), policy) == 1.0
    assert substance(passage(short_paragraph, 0), policy) < 1.0  # a title page or byline
    assert substance(passage("Annex", 6), policy) < 1.0  # a stray heading


def test_anchors_that_carry_across_languages_leave_out_common_ones_and_short_numbers():
    question = "Did the AMS reach 50 PES offices by 2023 with 2150 Chancenkompass coaches?"
    got = carrying_anchors(analyse(question), frozenset({"pes", "2023"}))
    assert got == {"ams", "2150", "chancenkompass"}


def test_a_document_title_naming_the_country_counts_like_its_text():
    md = {"chunk_index": 3, "title": "Jobsplus (Malta) - counsellor toolkit"}
    toolkit = Passage("c", "d", "Schedule a follow-up contact within ten working days.", md)
    assert names_country(toolkit, ["MT"])
    untitled = Passage("c", "d", toolkit.text, {"chunk_index": 3, "title": "Toolkit"})
    assert not names_country(untitled, ["MT"])
