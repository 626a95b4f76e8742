"""Generations as stacks of segments: a write adds what it changed and copies nothing else.

Real Chroma (embedded, or a server with PESKB_TEST_STORE=server), fake embedder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from ingest.pipeline import run_ingest
from kb.core.settings import Settings, load_settings
from kb.index.factory import KnowledgeBase, build_knowledge_base
from kb.index.segments import StackedStore
from tests.chroma_server import MODE, store_settings

TOPICS = ["mentoring", "apprenticeships", "digital portals", "wage subsidies", "outreach"]


def settings_for(tmp: Path, **store: object) -> Settings:
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "catalogue.yaml").write_text("documents: {}\n")
    return load_settings(
        embedder={"provider": "fake"},
        chunking={"window_sentences": 3},  # off by default; on here so windows stack too
        store={**store_settings(tmp / "index"), **store},
        ingest={"corpus_dir": corpus},
    )


def write_doc(corpus: Path, name: str, n: int) -> None:
    """An illustrative document with a few paragraphs (several chunks)."""
    paragraphs = [
        f"Paragraph {p} of {name}: the employment service offers {TOPICS[(n + p) % 5]} "
        f"to jobseekers in region {n}, with {p + n} counsellors and a yearly review."
        for p in range(40)
    ]
    (corpus / f"{name}.md").write_text(f"# {name}\n\n" + "\n\n".join(paragraphs) + "\n")


def descriptor(kb: KnowledgeBase):
    published = kb.published()
    assert published is not None
    desc = kb.generations.descriptor(published.generation)
    assert desc is not None
    return desc


def raw_chunk_ids(kb: KnowledgeBase, segment: str) -> set[str]:
    store = kb.generations._segment(segment, kb.embedder_info)
    try:
        return set(store.all_chunks([])["ids"])
    finally:
        if MODE != "server":
            store.client.close()


def stored_segments(kb: KnowledgeBase) -> set[str]:
    gens = kb.generations
    if MODE == "server":
        return set(gens._segments())
    return {p.name for p in gens.segments.iterdir()}


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Settings, KnowledgeBase]:
    # a small corpus: each write tombstones a large share; compaction is tested on its own
    settings = settings_for(tmp_path / "a", max_dead_share=0.9)
    for n in range(6):
        write_doc(settings.ingest.corpus_dir, f"doc{n}", n)
    kb = build_knowledge_base(settings)
    report = run_ingest(kb, settings.ingest.corpus_dir)
    assert report.exit_code == 0, report.render()
    return settings, kb


def test_a_one_document_write_adds_one_segment_with_only_that_document(seeded):
    settings, kb = seeded
    before = descriptor(kb)
    base_ids = raw_chunk_ids(kb, before.segments[-1].segment)
    old_doc2 = set(kb.snapshot().store.chunks.get(where={"doc_id": "doc2"}, include=[])["ids"])
    write_doc(settings.ingest.corpus_dir, "doc2", 99)  # doc2 changes
    report = run_ingest(kb, settings.ingest.corpus_dir)
    assert [f.doc_id for f in report.files if f.action == "changed"] == ["doc2"]

    after = descriptor(kb)
    assert after.segment_ids()[:-1] == before.segment_ids()  # shared, not copied
    assert raw_chunk_ids(kb, before.segments[-1].segment) == base_ids  # untouched
    new_ids = raw_chunk_ids(kb, after.segments[-1].segment)
    store = kb.snapshot().store
    doc2 = set(store.chunks.get(where={"doc_id": "doc2"}, include=[])["ids"])
    assert new_ids == doc2 and len(new_ids) == store.chunk_count("doc2") > 0
    # the old version of doc2 is tombstoned in the base segment, nothing else is
    assert after.segments[-2].dead["chunks"] == old_doc2 and old_doc2 <= base_ids
    dead = old_doc2
    assert store.chunk_count() == len(base_ids) - len(dead) + len(new_ids)
    if MODE != "server":  # the index folder holds one segment per write, no copies
        assert stored_segments(kb) == set(after.segment_ids())


def _state(kb: KnowledgeBase) -> dict:
    store = kb.snapshot().store
    docs = {d: (r.status, r.chunk_count, r.file_hash) for d, r in store.documents().items()}
    win_ids = sorted(i for page in store.iter_chunks([], collection="windows") for i in page["ids"])
    return {
        "docs": docs,
        "fingerprint": store.fingerprint(),
        "count": store.chunk_count(),
        "windows": win_ids,
        "lexical": sorted(kb.snapshot().lexical.ids),
        "failures": sorted(store.failures()),
    }


def _top_k(kb: KnowledgeBase, vectors: np.ndarray, k: int = 8) -> list[list[str]]:
    store = kb.snapshot().store
    got = store.chunks.query(query_embeddings=vectors.tolist(), n_results=k, include=[])
    ranked = [list(ids) for ids in got["ids"]]
    if store.windows is None:  # passage windows are off by default
        return ranked
    windows = store.windows.query(query_embeddings=vectors.tolist(), n_results=k, include=[])
    return ranked + [list(ids) for ids in windows["ids"]]


def test_a_stacked_generation_reads_as_a_full_rebuild(seeded, tmp_path):
    settings, kb = seeded
    corpus = settings.ingest.corpus_dir
    write_doc(corpus, "doc1", 41)  # replaced
    run_ingest(kb, corpus)
    (corpus / "doc3.md").unlink()  # removed
    run_ingest(kb, corpus)
    write_doc(corpus, "doc7", 7)  # added
    write_doc(corpus, "doc1", 42)  # replaced again
    run_ingest(kb, corpus)
    assert len(descriptor(kb).segments) == 3  # the removal's segment is empty: left out
    assert isinstance(kb.snapshot().store, StackedStore)

    fresh_settings = settings_for(tmp_path / "b")
    shutil.rmtree(fresh_settings.ingest.corpus_dir)
    shutil.copytree(corpus, fresh_settings.ingest.corpus_dir)
    fresh = build_knowledge_base(fresh_settings)
    run_ingest(fresh, fresh_settings.ingest.corpus_dir, full=True)
    assert len(descriptor(fresh).segments) == 1

    stacked, rebuilt = _state(kb), _state(fresh)
    assert stacked["docs"] == rebuilt["docs"] and "doc3" not in stacked["docs"]
    assert stacked == rebuilt
    vectors = np.random.default_rng(7).normal(size=(12, settings.embedder.fake_dim))
    assert _top_k(kb, vectors) == _top_k(fresh, vectors)


def test_a_removed_document_is_tombstoned_and_invisible(seeded):
    settings, kb = seeded
    store = kb.snapshot().store
    gone = set(store.chunks.get(where={"doc_id": "doc4"}, include=[])["ids"])
    vector = store.chunks.get(ids=[sorted(gone)[0]], include=["embeddings"])["embeddings"][0]
    (settings.ingest.corpus_dir / "doc4.md").unlink()
    run_ingest(kb, settings.ingest.corpus_dir)
    desc = descriptor(kb)
    assert desc.segments[0].dead["chunks"] == gone
    assert desc.segments[0].dead["manifest"] == {"doc4"}
    store = kb.snapshot().store
    assert "doc4" not in store.documents()
    assert store.chunks.get(where={"doc_id": "doc4"}, include=[])["ids"] == []
    assert store.chunk_count("doc4") == 0
    hits = store.chunks.query(query_embeddings=[list(vector)], n_results=5, include=[])
    assert not set(hits["ids"][0]) & gone
    assert store.chunk_count() == sum(r.chunk_count for r in store.documents().values())


def test_past_max_segments_a_write_compacts_into_one_segment(tmp_path):
    settings = settings_for(tmp_path, max_segments=3, keep_generations=1)
    corpus = settings.ingest.corpus_dir
    kb = build_knowledge_base(settings)
    for n in range(4):
        write_doc(corpus, f"doc{n}", n)
        run_ingest(kb, corpus)
    # the empty first generation plus three writes reached the bound: the fourth compacted
    sizes = []
    for n in range(4, 7):
        write_doc(corpus, f"doc{n}", n)
        run_ingest(kb, corpus)
        sizes.append(len(descriptor(kb).segments))
    assert sizes == [2, 3, 1]
    assert set(kb.snapshot().store.documents()) == {f"doc{n}" for n in range(7)}
    assert stored_segments(kb) == set(descriptor(kb).segment_ids())  # the rest collected


def test_collect_keeps_segments_that_kept_generations_share(seeded):
    settings, kb = seeded  # keep_generations = 2
    corpus = settings.ingest.corpus_dir
    for n in range(3):
        write_doc(corpus, f"extra{n}", n)
        run_ingest(kb, corpus)
    published = kb.published().generation
    previous = kb.generations.descriptor(f"{int(published) - 1:06d}")
    current = descriptor(kb)
    assert set(previous.segment_ids()) < set(current.segment_ids())
    assert stored_segments(kb) == set(current.segment_ids())
    assert set(kb.snapshot().store.documents()) >= {"doc0", "extra0", "extra2"}


def test_a_writer_killed_mid_write_leaves_the_published_generation_whole(seeded):
    settings, kb = seeded
    before = _state(kb)
    published = kb.published().generation
    with kb.writing():
        draft = kb.generations.begin(published, kb.embedder_info)
        draft.store.delete_chunks("doc0")  # a write half done, then the writer dies
        draft.store.delete_record("doc0")
    leftover = draft.store.refs[-1].segment
    assert leftover in stored_segments(kb)
    reader = build_knowledge_base(settings)
    assert reader.published().generation == published
    assert _state(reader) == before
    report = run_ingest(kb, settings.ingest.corpus_dir)  # the next writer cleans up
    assert report.generation == ""
    assert leftover not in stored_segments(kb)
    assert _state(build_knowledge_base(settings)) == before


def test_a_generation_written_by_older_code_opens_and_is_compacted_on_write(seeded):
    settings, kb = seeded
    gens = kb.generations
    published = kb.published().generation
    before = _state(kb)
    (segment,) = descriptor(kb).segment_ids()
    if MODE == "server":  # the old layout: collections <name>-g<N>, -manifest, -windows
        from kb.index.generations import copy_store
        from kb.index.store import KnowledgeStore

        old_store = KnowledgeStore(gens.client, gens._prefix(published), kb.embedder_info)
        copy_store(kb.snapshot().store, old_store)
        gens.client.delete_collection(f"{gens._prefix(published)}-segments")
        gens._delete_segment(segment)
    else:  # the old layout: the generation's folder is its one Chroma store
        folder = gens.root / published
        (folder / "segments.json").unlink()
        for item in (gens.segments / segment).iterdir():
            shutil.move(str(item), folder / item.name)
        shutil.rmtree(gens.segments / segment)
    old = build_knowledge_base(settings)
    assert gens.descriptor(published) is None
    assert _state(old) == before
    write_doc(settings.ingest.corpus_dir, "doc9", 9)
    run_ingest(old, settings.ingest.corpus_dir)
    assert len(descriptor(old).segments) == 1
    assert set(old.snapshot().store.documents()) == set(before["docs"]) | {"doc9"}


def test_a_small_write_keeps_the_calibration_and_a_full_run_measures_it_again(tmp_path):
    settings = settings_for(tmp_path, recalibrate_share=0.4)
    corpus = settings.ingest.corpus_dir
    for n in range(6):
        write_doc(corpus, f"doc{n}", n)
    kb = build_knowledge_base(settings)
    run_ingest(kb, corpus)
    before = kb.snapshot().calibration
    assert before is not None and len(before.null)
    questions: list[str] = []
    embed_query = kb.embedder.embed_query
    object.__setattr__(kb.embedder, "embed_query", lambda t: questions.append(t) or embed_query(t))
    write_doc(corpus, "doc1", 31)  # one document of six: under the share
    run_ingest(kb, corpus)
    assert questions == []
    assert np.array_equal(kb.snapshot().calibration.null, before.null)
    for n in range(6, 11):  # five more documents at once: over the share
        write_doc(corpus, f"doc{n}", n)
    run_ingest(kb, corpus)
    assert len(questions) > 20
    questions.clear()
    run_ingest(kb, corpus, full=True)
    assert len(questions) > 20
