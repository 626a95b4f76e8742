"""When writes compact a generation's stack of segments (kb.index.compaction).

A curator's write never compacts below the hard bound (it only adds its segment and
publishes); the scheduled run compacts past the soft bounds; `python -m ingest compact`
collapses the stack into one segment that reads exactly as the stack did. Real Chroma
(embedded, or a server with PESKB_TEST_STORE=server), fake embedder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.pipeline import run_ingest
from kb.app import curation
from kb.app.ingestion import compact_index
from kb.core.settings import PROJECT_ROOT
from kb.index.compaction import StackBounds, must_compact
from kb.index.factory import build_knowledge_base
from kb.index.segments import SegmentRef
from tests.chroma_server import MODE, store_env
from tests.kb.index.test_segments import (
    _state,
    _top_k,
    descriptor,
    settings_for,
    stored_segments,
    write_doc,
)

ENTRY = {
    "title": "Illustrative programme for long-term jobseekers",
    "country": "at",
    "year": 2024,
    "topics": ["youth-guarantee"],
    "practice_type": "case-study",
}


def stacked(tmp_path: Path, writes: int, **store: object):
    """An index whose published generation stacks ``writes`` small writes (deferred
    compaction): one segment each (the first, empty generation's is left out)."""
    settings = settings_for(tmp_path, keep_generations=1, **store)
    corpus = settings.ingest.corpus_dir
    kb = build_knowledge_base(settings)
    for n in range(writes):
        write_doc(corpus, f"doc{n}", n)
        run_ingest(kb, corpus, compact="defer")
    return settings, kb


def test_a_curation_write_over_a_stack_past_the_soft_bound_adds_its_segment(tmp_path):
    settings, kb = stacked(tmp_path, 3, max_segments=3, max_segments_hard=8)
    assert len(descriptor(kb).segments) == 3
    upload = "# Illustrative upload\n\n" + "Mentoring for young jobseekers. " * 40
    _, report = curation.add_document(
        kb, settings.ingest.corpus_dir, "upload.md", upload.encode(), ENTRY
    )
    assert report.exit_code == 0 and report.generation
    assert kb.published().generation == report.generation
    # not compacted (the scheduled run would have: 4 > 3): the upload's segment is on top
    assert len(descriptor(kb).segments) == 4
    assert set(kb.snapshot().store.documents()) == {"doc0", "doc1", "doc2", "uploads/upload"}


def test_the_hard_bound_makes_the_write_that_would_pass_it_compact(tmp_path):
    settings, kb = stacked(tmp_path, 2, max_segments=2, max_segments_hard=4)
    corpus = settings.ingest.corpus_dir
    sizes = []
    for n in range(2, 5):
        write_doc(corpus, f"doc{n}", n)
        run_ingest(kb, corpus, compact="defer")
        sizes.append(len(descriptor(kb).segments))
    # two writes, two segments; then 3, 4 (the hard bound), and the write that would
    # make 5 publishes one fresh segment
    assert sizes == [3, 4, 1]
    assert set(kb.snapshot().store.documents()) == {f"doc{n}" for n in range(5)}
    assert stored_segments(kb) == set(descriptor(kb).segment_ids())


def test_the_scheduled_run_compacts_past_the_soft_bound(tmp_path):
    settings, kb = stacked(tmp_path, 3, max_segments=3, max_segments_hard=8)
    write_doc(settings.ingest.corpus_dir, "doc3", 3)
    run_ingest(kb, settings.ingest.corpus_dir)  # compact="auto", as `python -m ingest run`
    assert len(descriptor(kb).segments) == 1


def test_compact_collapses_the_stack_and_reads_identically(tmp_path):
    settings, kb = stacked(tmp_path, 4, max_segments=2, max_segments_hard=8)
    corpus = settings.ingest.corpus_dir
    write_doc(corpus, "doc1", 41)  # replaced: tombstones in an older segment
    run_ingest(kb, corpus, compact="defer")
    before_generation = kb.published().generation
    assert len(descriptor(kb).segments) == 5
    assert descriptor(kb).dead_count() > 0
    vectors = np.random.default_rng(3).normal(size=(6, kb.embedder_info.dim))
    before, ranked = _state(kb), _top_k(kb, vectors)
    calibration = kb.snapshot().calibration
    lexical = kb.snapshot().lexical
    tokens = ["counsellor", "review", "mentor"]
    bm25 = lexical.search("terms", tokens, lexical.mask(None), 10)
    bm25_ids = [lexical.ids[i] for i, _ in bm25]

    data = compact_index(settings)
    assert data["compacted"] and data["generation_before"] == before_generation
    assert data["segments_before"] == 5 and data["segments"] == 1
    reader = build_knowledge_base(settings)  # a reader in another process would see this
    assert reader.published().generation == data["generation"] != before_generation
    desc = descriptor(reader)
    assert len(desc.segments) == 1 and desc.dead_count() == 0
    assert _state(reader) == before
    assert _top_k(reader, vectors) == ranked
    lexical = reader.snapshot().lexical
    after = lexical.search("terms", tokens, lexical.mask(None), 10)
    assert [lexical.ids[i] for i, _ in after] == bm25_ids
    assert reader.snapshot().calibration.summary() == calibration.summary()
    assert stored_segments(reader) == set(desc.segment_ids())  # the stack was collected

    again = compact_index(settings)  # one segment, no tombstones: nothing to do
    assert not again["compacted"] and again["generation"] == data["generation"]
    assert reader.published().generation == data["generation"]


def test_compact_on_an_empty_place_does_nothing(tmp_path):
    settings = settings_for(tmp_path)
    data = compact_index(settings)
    assert not data["compacted"]
    assert data["segments"] == 1  # the empty first generation


@pytest.mark.skipif(MODE == "server", reason="the CLI is the same in both modes")
def test_the_cli_compacts_and_status_shows_the_segments(tmp_path):
    settings, kb = stacked(tmp_path, 3, max_segments=8)
    index, corpus = settings.store.index_dir, settings.ingest.corpus_dir
    env = {
        **os.environ,
        "PESKB_PROFILE": "test",
        "PESKB_EMBEDDER__PROVIDER": "fake",
        "PESKB_CHUNKING__WINDOW_SENTENCES": "3",
        **store_env(index),
    }

    def cli(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "ingest", "--corpus", str(corpus), "--index", str(index)]
        return subprocess.run(
            [*command, *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
        )

    status = cli("status", "--json")
    assert json.loads(status.stdout)["segments"] == 3, status.stderr
    done = cli("compact")
    assert done.returncode == 0, done.stderr
    assert "Compacted generation" in done.stdout and "(1)" in done.stdout
    assert json.loads(cli("status", "--json").stdout)["segments"] == 1
    assert "Nothing to compact" in cli("compact").stdout


def test_the_policy_by_mode():
    bounds = StackBounds(max_segments=3, max_dead_share=0.2, max_segments_hard=5)
    refs = [SegmentRef(f"s{n}", stored={"chunks": 100}) for n in range(3)]
    layers = [None] * 3  # the sizes are recorded: no segment is opened
    assert must_compact("auto", refs, layers, bounds)  # a fourth would pass 3
    assert not must_compact("defer", refs, layers, bounds)
    assert must_compact("defer", refs + refs[:2], layers + layers[:2], bounds)  # 6 > 5
    one = [SegmentRef("s", stored={"chunks": 100})]
    assert not must_compact("force", one, [None], bounds)
    one[0].dead["chunks"] = {"a"}
    assert must_compact("force", one, [None], bounds)
    one[0].dead["chunks"] = {str(n) for n in range(30)}  # 30% of the records tombstoned
    assert must_compact("auto", one, [None], bounds)
    assert not must_compact("defer", one, [None], bounds)
    with pytest.raises(ValueError, match="unknown compaction mode"):
        must_compact("sometimes", one, [None], bounds)  # type: ignore[arg-type]
