"""A chunk without a prose sentence (a leaflet's table of contents, its index, a list of
links) is navigation: it must not take the places of the passages that answer.
Real e5, real Chroma in a temporary directory; the leaflet is written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import run_ingest
from kb.app.service import KnowledgeService
from kb.core.prose import is_navigation
from kb.index.factory import build_knowledge_base
from tests.conftest import make_settings

# An illustrative benefits leaflet: a foreword, its contents, two sections of prose and an
# index, whose entries list the very words a question about the first section uses.
CONTENTS = (
    "Online arbeitslos melden 4\nArbeitslos melden ohne Besuch der Agentur 5\n"
    "Online-Antrag auf Arbeitslosengeld 6\nArbeitslosengeld online beantragen 7\n"
    "Meldung per App 8\nMeldung mit dem Online-Ausweis 9"
)
INDEX = (
    "Arbeitslos melden, online 4, 5\nArbeitslosengeld, Antrag online 6, 7\n"
    "Agentur, Besuch nicht nötig 5\nOnline-Meldung 4\nApp, Meldung 8\nOnline-Ausweis 9\n"
    "Arbeitsuchend melden, online 10\nBesuch der Agentur, ohne 5\nInternet, Meldung 4, 6\n"
    "Meldung, persönliche 6\nMeldung, telefonische 9\nPortal der Agentur 6, 7\n"
    "Personalausweis, elektronischer 9\nZugangsdaten 8\nNebenbeschäftigung 11\n"
    "Ortsabwesenheit 12\nDatenschutz 13"
)
REGISTER = (
    "Sie können sich online arbeitslos melden, ohne in die Agentur für Arbeit zu kommen. "
    "Dafür brauchen Sie den elektronischen Personalausweis und die App der Arbeitsagentur. "
    "Den Antrag auf Arbeitslosengeld stellen Sie danach ebenfalls online im Portal."
)
SIDE_JOB = (
    "Eine Nebenbeschäftigung von weniger als fünfzehn Stunden in der Woche ist erlaubt. "
    "Das Einkommen daraus wird teilweise auf das Arbeitslosengeld angerechnet."
)
LEAFLET = (
    "# Merkblatt für Arbeitslose\n\n## Vorwort\n\nDieses Merkblatt erklärt Ihre Rechte und "
    "Pflichten, wenn Sie arbeitslos werden. Bitte lesen Sie es sorgfältig.\n\n"
    f"## Inhalt\n\n{CONTENTS}\n\n"
    f"## Arbeitslos melden\n\n{REGISTER}\n\n## Nebenbeschäftigung\n\n{SIDE_JOB}\n\n"
    f"## Stichwortverzeichnis\n\n{INDEX}\n"
)
OTHER = (
    "# Vocational courses in Denmark\n\n## Vouchers\n\n"
    "Unemployed people may take a six-week vocational course funded by the jobcentre. "
    "They choose it with their caseworker from a regional list of approved providers.\n"
)


def test_contents_index_links_and_headings_are_navigation_and_enumerations_are_content():
    assert is_navigation(CONTENTS) and is_navigation(INDEX)
    assert is_navigation("Weitere Merkblätter\n» www.arbeitsagentur.de/merkblaetter")
    assert is_navigation("7.1 Entscheidung und Rechtsbehelf 26 7.2 Auskunft 26")
    assert not is_navigation(REGISTER) and not is_navigation(f"{CONTENTS}\n\n{SIDE_JOB}")
    # A law's enumeration and a list of competences are content; a page of headings is not.
    assert not is_navigation("Die Vereinbarung muss vorsehen, dass\n1. die Leistung geprüft wird,")
    assert not is_navigation("d) Maßnahmen der Personalentwicklung administrativ bearbeiten")
    assert is_navigation("Grundsicherung für Arbeitsuchende\n\nIhre Rechte – Ihre Pflichten")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeService:
    tmp: Path = tmp_path_factory.mktemp("navigation")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "de_leaflet.md").write_text(LEAFLET, encoding="utf-8")
    (corpus / "dk_courses.md").write_text(OTHER, encoding="utf-8")
    (corpus / "catalogue.yaml").write_text(
        "documents:\n"
        "  de_leaflet.md: {country: DE, year: 2024, language: de, topics: [digital-services]}\n"
        "  dk_courses.md: {country: DK, year: 2021, language: en, topics: [skills-and-training]}\n",
        encoding="utf-8",
    )
    kb = build_knowledge_base(make_settings(tmp, provider="e5"))
    assert run_ingest(kb, corpus).exit_code == 0
    return KnowledgeService(kb)


@pytest.mark.parametrize(
    "question",
    [
        "Como é que as pessoas se inscrevem como desempregadas pela internet, sem ir ao balcão?",
        "How do people register as unemployed online without going to the office?",
        "Wie kann ich mich online arbeitslos melden, ohne in die Agentur zu gehen?",
    ],
)
def test_the_answering_section_ranks_above_the_contents_and_index_that_list_its_words(
    service, question
):
    passages = service.retrieve(question, k=5).passages
    texts = [p.text for p in passages]
    prose = next(i for i, t in enumerate(texts) if "online arbeitslos melden" in t)
    navigation = [i for i, t in enumerate(texts) if is_navigation(t)]
    assert navigation, "the contents or the index should still be retrieved"
    assert all(prose < i for i in navigation)
    answer = service.ask(question)
    assert answer.found and "online arbeitslos melden" in answer.text
