"""Library rows, search and coverage over hand-made manifest records."""

import pytest

from kb.app.library import (
    COUNTRY_NAMES,
    NONE,
    ROW_KEYS,
    catalogue_rows,
    country_label,
    coverage,
    search_rows,
)
from kb.core.types import Filters
from kb.core.vocabulary import DEFAULT_VOCABULARY
from kb.index.store import COMPLETE, PENDING, DocRecord


def _record(doc_id, status=COMPLETE, chunks=10, **metadata):
    metadata.setdefault("path", f"{doc_id}.pdf")
    return DocRecord(
        doc_id=doc_id,
        path=metadata["path"],
        file_hash="f",
        meta_hash="m",
        pipeline_hash="p",
        status=status,
        chunk_count=chunks,
        ingested_at="2026-11-20T10:00:00+00:00" if status == COMPLETE else "",
        metadata=metadata,
    )


@pytest.fixture
def records():
    recs = [
        _record(
            "at-ams-youth",
            title="Ausbildungsgarantie in Österreich",
            country="AT",
            year=2022,
            language="de",
            topics=["youth-guarantee", "skills-and-training"],
            target_groups=["young-people"],
            practice_type="case-study",
            organisation="Arbeitsmarktservice (AMS)",
            page_count=12,
        ),
        _record(
            "fr-profiling",
            title="Le profilage des demandeurs d'emploi",
            country="fr",
            year=2023,
            language="fr",
            topics=["profiling", "digital-services"],
            target_groups=["jobseekers", "long-term-unemployed"],
            practice_type="report",
            organisation="France Travail",
            page_count=30,
        ),
        _record(
            "eu-ltu",
            title="Long-term unemployment across the EU",
            country="EU",
            year=2019,
            language="en",
            topics="long-term-unemployment, activation",  # string form is accepted too
            target_groups=["long-term-unemployed"],
            practice_type="policy-paper",
            organisation="European Commission",
        ),
        _record("notes", chunks=0, status=PENDING, title=None, path="misc/notes.txt"),
    ]
    return {r.doc_id: r for r in recs}


@pytest.fixture
def rows(records):
    return catalogue_rows(records)


def test_catalogue_rows_have_every_column(rows):
    assert [r["doc_id"] for r in rows] == ["at-ams-youth", "fr-profiling", "eu-ltu", "notes"]
    for row in rows:
        assert tuple(row) == ROW_KEYS
    at = rows[0]
    assert at["title"] == "Ausbildungsgarantie in Österreich"
    assert at["country"] == "AT"
    assert at["year"] == 2022
    assert at["language"] == "de"
    assert at["topics"] == ["youth-guarantee", "skills-and-training"]
    assert at["target_groups"] == ["young-people"]
    assert at["practice_type"] == "case-study"
    assert at["organisation"] == "Arbeitsmarktservice (AMS)"
    assert at["chunks"] == 10
    assert at["page_count"] == 12
    assert at["ingested_at"] == "2026-11-20T10:00:00+00:00"
    assert at["path"] == "at-ams-youth.pdf"
    assert at["status"] == COMPLETE


def test_catalogue_rows_normalise_and_fill_gaps(rows):
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["fr-profiling"]["country"] == "FR"
    assert by_id["eu-ltu"]["topics"] == ["long-term-unemployment", "activation"]
    notes = by_id["notes"]
    assert notes["title"] == "notes"  # falls back to the doc id
    assert notes["country"] is None and notes["year"] is None and notes["topics"] == []
    assert notes["status"] == PENDING and notes["ingested_at"] is None and notes["chunks"] == 0
    assert notes["path"] == "misc/notes.txt"
    assert catalogue_rows({}) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["at-ams-youth", "fr-profiling", "eu-ltu", "notes"]),
        ("osterreich", ["at-ams-youth"]),  # diacritics-insensitive
        ("ÖSTERREICH", ["at-ams-youth"]),
        ("PROFILAGE", ["fr-profiling"]),  # case-insensitive
        ("france travail", ["fr-profiling"]),  # organisation, all words
        ("ams", ["at-ams-youth"]),  # doc id and organisation
        ("youth guarantee", ["at-ams-youth"]),  # topic with the hyphen typed as a space
        ("youth-guarantee", ["at-ams-youth"]),
        ("digital", ["fr-profiling"]),  # topic
        ("commission unemployment", ["eu-ltu"]),
        ("notes", ["notes"]),
        ("travail österreich", []),  # every word must match
        ("jobseekers", []),  # target groups are filters, not text
    ],
)
def test_search_text(rows, text, expected):
    assert [r["doc_id"] for r in search_rows(rows, text, Filters())] == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(countries=["AT", "EU"]), ["at-ams-youth", "eu-ltu"]),
        (Filters(countries=["fr"]), ["fr-profiling"]),
        (Filters(languages=["DE"]), ["at-ams-youth"]),
        (Filters(topics=["profiling", "activation"]), ["fr-profiling", "eu-ltu"]),
        (Filters(target_groups=["long-term-unemployed"]), ["fr-profiling", "eu-ltu"]),
        (Filters(practice_types=["report"]), ["fr-profiling"]),
        (Filters(doc_ids=["notes"]), ["notes"]),
        (Filters(year_from=2022), ["at-ams-youth", "fr-profiling"]),
        (Filters(year_to=2022), ["at-ams-youth", "eu-ltu"]),
        (Filters(year_from=2020, year_to=2022), ["at-ams-youth"]),
        (Filters(countries=["AT"], topics=["profiling"]), []),
    ],
)
def test_search_filters(rows, filters, expected):
    assert [r["doc_id"] for r in search_rows(rows, "", filters)] == expected


def test_search_combines_text_and_filters(rows):
    found = search_rows(rows, "unemployment", Filters(countries=["EU"], year_to=2020))
    assert [r["doc_id"] for r in found] == ["eu-ltu"]
    assert search_rows(rows, "unemployment", Filters(countries=["FR"])) == []
    assert search_rows(rows, "") == rows  # filters are optional


def test_coverage_counts_documents(rows):
    cov = coverage(rows)
    assert set(cov) >= {"country", "year", "topic", "language"}
    assert cov["country"] == {"AT": 1, "EU": 1, "FR": 1, NONE: 1}
    assert cov["year"] == {"2019": 1, "2022": 1, "2023": 1, NONE: 1}
    assert list(cov["year"]) == ["2019", "2022", "2023", NONE]
    assert cov["language"] == {"de": 1, "en": 1, "fr": 1, NONE: 1}
    assert cov["topic"] == {
        "activation": 1,
        "digital-services": 1,
        "long-term-unemployment": 1,
        "profiling": 1,
        "skills-and-training": 1,
        "youth-guarantee": 1,
        NONE: 1,
    }
    assert cov["target_group"] == {
        "jobseekers": 1,
        "long-term-unemployed": 2,
        "young-people": 1,
        NONE: 1,
    }
    assert cov["practice_type"]["report"] == 1
    for key in ("country", "year", "language", "practice_type"):
        assert sum(cov[key].values()) == len(rows)


def test_coverage_with_vocabulary_shows_unused_terms(rows):
    cov = coverage(rows, vocabulary=DEFAULT_VOCABULARY)
    assert set(DEFAULT_VOCABULARY["topics"]) <= set(cov["topic"])
    assert cov["topic"]["outreach"] == 0
    assert cov["topic"]["profiling"] == 1
    assert cov["target_group"]["migrants"] == 0
    assert cov["practice_type"]["toolkit"] == 0


def test_coverage_of_nothing():
    assert coverage([]) == {
        "country": {},
        "year": {},
        "topic": {},
        "language": {},
        "target_group": {},
        "practice_type": {},
    }


def test_country_labels():
    assert country_label("FR") == "France"
    assert country_label("at") == "Austria"
    assert country_label("CZ") == "Czechia"
    assert country_label("MD") == "Moldova"  # the common name, not 'Moldova, Republic of'
    assert country_label("EU") == "European Union"
    assert country_label("INT") == "International"
    assert country_label("ZZ") == "ZZ"
    assert country_label(None) == NONE
    assert COUNTRY_NAMES["DE"] == "Germany"
    assert len(COUNTRY_NAMES) > 240
