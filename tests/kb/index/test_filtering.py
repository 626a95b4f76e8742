"""The one filter compiler: Chroma's ``where`` and the in-memory mask select the same chunks."""

from __future__ import annotations

import random

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings

from kb.core.types import Filters
from kb.index.filtering import Columns, compile_filters
from kb.index.store import _clean

COUNTRIES = ["AT", "BE", "DE", "ES"]
TOPICS = ["youth", "skills", "digital", "long-term"]
GROUPS = ["young people", "older workers", "migrants"]


def _metadatas(n: int, rng: random.Random) -> list[dict]:
    out = []
    for i in range(n):
        md = {
            "doc_id": f"doc-{i % 17}",
            "country": rng.choice(COUNTRIES),
            "language": rng.choice(["de", "en", "fr"]),
            # the chunk's own language differs from the document's now and then
            "chunk_language": rng.choice(["de", "en", "fr"]),
            "practice_type": rng.choice(["programme", "report", None]),
            "year": rng.choice([2019, 2020, 2021, 2022, 2023, None]),
            "topics": rng.sample(TOPICS, rng.randint(0, 2)),
            "target_groups": rng.sample(GROUPS, rng.randint(0, 2)),
        }
        out.append(_clean(md))  # as stored: no None, no empty lists
    return out


def _filters(rng: random.Random) -> Filters:
    f = Filters()
    if rng.random() < 0.5:
        f.countries = rng.sample(COUNTRIES, rng.randint(1, 2))
    if rng.random() < 0.3:
        f.languages = rng.sample(["de", "en", "fr"], 1)
    if rng.random() < 0.3:
        f.topics = rng.sample(TOPICS, rng.randint(1, 2))
    if rng.random() < 0.3:
        f.target_groups = rng.sample(GROUPS, 1)
    if rng.random() < 0.2:
        f.practice_types = ["programme"]
    if rng.random() < 0.2:
        f.doc_ids = [f"doc-{rng.randrange(17)}", "doc-missing"]
    if rng.random() < 0.3:
        f.year_from = rng.choice([2020, 2022])
    if rng.random() < 0.3:
        f.year_to = rng.choice([2021, 2023])
    return f


@pytest.fixture(scope="module")
def chunks(tmp_path_factory):
    rng = random.Random(7)
    metadatas = _metadatas(300, rng)
    client = chromadb.PersistentClient(
        path=str(tmp_path_factory.mktemp("filters")),
        settings=ChromaSettings(anonymized_telemetry=False),
    )
    col = client.create_collection("chunks", embedding_function=None)
    ids = [f"c{i:04d}" for i in range(len(metadatas))]
    col.add(ids=ids, embeddings=[[float(i), 1.0] for i in range(len(ids))], metadatas=metadatas)
    return col, ids, metadatas


def test_where_and_mask_select_the_same_chunks(chunks):
    col, ids, metadatas = chunks
    columns = Columns(metadatas)
    rng = random.Random(11)
    checked = selective = 0
    for _ in range(120):
        compiled = compile_filters(_filters(rng))
        by_mask = {ids[i] for i in np.flatnonzero(compiled.mask(columns))}
        where = compiled.where
        by_chroma = set(col.get(where=where, include=[])["ids"]) if where else set(ids)
        assert by_mask == by_chroma, where
        checked += 1
        selective += 0 < len(by_mask) < len(ids)
    assert checked == 120 and selective > 40  # most filters keep some chunks, not all


def test_a_year_range_excludes_chunks_without_a_year(chunks):
    _, _, metadatas = chunks
    columns = Columns(metadatas)
    kept = compile_filters(Filters(year_to=2100)).mask(columns)
    assert kept.sum() == sum("year" in md for md in metadatas) < len(metadatas)


def test_unknown_values_match_nothing_and_no_filter_matches_everything(chunks):
    _, ids, metadatas = chunks
    columns = Columns(metadatas)
    assert not compile_filters(Filters(countries=["XX"])).mask(columns).any()
    assert compile_filters(None).mask(columns).all()
    assert compile_filters(Filters()).where is None and compile_filters(Filters()).empty
