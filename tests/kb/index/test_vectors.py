"""Exact filtered vector search: the same neighbours as brute force, for every filter."""

from __future__ import annotations

import random

import numpy as np
import pytest

import kb.index.vectors
from kb.core.types import Filters
from kb.index.filtering import Columns, compile_filters
from kb.index.vectors import VectorIndex
from tests.kb.index.test_filtering import _filters, _metadatas


@pytest.mark.parametrize("block", [64, 16_384])  # many small blocks, and a single one
def test_filtered_search_finds_the_brute_force_neighbours(monkeypatch, block):
    monkeypatch.setattr(kb.index.vectors, "BLOCK", block)
    rng = random.Random(3)
    metadatas = _metadatas(3000, rng)
    gen = np.random.default_rng(5)
    vectors = gen.standard_normal((len(metadatas), 24)).astype(np.float32)
    vectors[::7] *= 3.0  # not unit length: ranked by cosine, not by dot product
    columns = Columns(metadatas)
    index = VectorIndex(list(vectors), columns)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    searched = 0
    for _ in range(60):
        q = gen.standard_normal(24).astype(np.float32)
        mask = compile_filters(_filters(rng)).mask(columns)
        got = index.search(q, mask, 10)
        kept = np.flatnonzero(mask)
        truth = kept[np.argsort(-(unit[kept] @ q))][:10]
        assert [pos for pos, _ in got] == [int(t) for t in truth]  # same neighbours, in order
        assert all(mask[pos] for pos, _ in got)
        for pos, dot in got:
            assert dot == pytest.approx(float(vectors[pos] @ q), rel=1e-4, abs=1e-4)
        searched += len(got) == 10
    assert searched > 30


def test_a_filter_keeping_nothing_finds_nothing():
    metadatas = _metadatas(50, random.Random(1))
    columns = Columns(metadatas)
    index = VectorIndex(np.ones((50, 4), dtype=np.float32), columns)
    mask = compile_filters(Filters(countries=["XX"])).mask(columns)
    assert index.search(np.ones(4, dtype=np.float32), mask, 10) == []


def test_vectors_must_match_the_chunks():
    with pytest.raises(ValueError, match="3 vectors for 2 chunks"):
        VectorIndex(np.ones((3, 4)), Columns([{"doc_id": "a"}, {"doc_id": "b"}]))


def test_an_updated_index_finds_the_brute_force_neighbours_of_its_rows():
    """A write drops some rows and appends others without regrouping: still exact."""
    rng = random.Random(4)
    metadatas = _metadatas(2000, rng)
    gen = np.random.default_rng(6)
    vectors = gen.standard_normal((len(metadatas), 16)).astype(np.float32)
    index = VectorIndex(list(vectors), Columns(metadatas))
    keep = np.array(sorted(rng.sample(range(len(metadatas)), 1500)))
    added = _metadatas(120, rng)
    new = gen.standard_normal((len(added), 16)).astype(np.float32)
    updated = index.updated(keep, new)
    metas = [metadatas[i] for i in keep] + added
    matrix = np.concatenate([vectors[keep], new])
    assert len(updated) == len(metas)
    assert np.array_equal(updated.in_order(), matrix)
    columns = Columns(metas)
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    for _ in range(30):
        q = gen.standard_normal(16).astype(np.float32)
        mask = compile_filters(_filters(rng)).mask(columns)
        kept = np.flatnonzero(mask)
        truth = kept[np.argsort(-(unit[kept] @ q))][:10]
        assert [pos for pos, _ in updated.search(q, mask, 10)] == [int(t) for t in truth]
    assert len(index.updated(np.arange(0), new[:0])) == 0
