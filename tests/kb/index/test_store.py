import pytest

from kb.index.embeddings import EmbedderInfo
from kb.index.generations_server import http_client
from kb.index.store import COMPLETE, DocRecord, EmbedderMismatchError, KnowledgeStore, open_client
from tests.chroma_server import MODE, collection_for, server_url


def _client(path):
    return http_client(server_url()) if MODE == "server" else open_client(path)


def _name(path) -> str:
    return collection_for(path) if MODE == "server" else "test-chunks"


def _store(path, name="e5:multilingual-e5-small", dim=3):
    return KnowledgeStore(_client(path), _name(path), EmbedderInfo(name, dim))


def test_index_records_its_embedder_and_refuses_another(tmp_path):
    _store(tmp_path)
    with pytest.raises(EmbedderMismatchError, match="ingest run --full"):
        _store(tmp_path, name="openai:text-embedding-3-small", dim=3)
    with pytest.raises(EmbedderMismatchError, match="dim 3"):
        _store(tmp_path, dim=768)
    assert KnowledgeStore.built_with(_client(tmp_path), _name(tmp_path)) == EmbedderInfo(
        "e5:multilingual-e5-small", 3
    )


def test_collection_uses_cosine_space(tmp_path):
    store = _store(tmp_path)
    assert store.chunks.metadata["hnsw:space"] == "cosine"


def test_add_chunks_splits_batches_at_the_store_limit(tmp_path):
    store = _store(tmp_path)
    store.max_batch = 7
    calls = []
    real_add = store.chunks.add

    class Spy:
        def __getattr__(self, name):
            return getattr(store_chunks, name)

        def add(self, **kwargs):
            calls.append(len(kwargs["ids"]))
            return real_add(**kwargs)

    store_chunks = store.chunks
    store.chunks = Spy()
    n = 30
    store.add_chunks(
        [f"c{i}" for i in range(n)],
        [f"text {i}" for i in range(n)],
        [[1.0, float(i), 0.0] for i in range(n)],
        [{"doc_id": "d", "text_hash": str(i), "embed_hash": str(i)} for i in range(n)],
    )
    assert calls == [7, 7, 7, 7, 2]
    assert store.chunk_count("d") == n


def test_put_record_replaces_metadata_instead_of_merging(tmp_path):
    store = _store(tmp_path)
    rec = DocRecord(
        "a", "a.pdf", "h1", "m1", "p1", COMPLETE, 3, "t", {"title": "Old", "country": "AT"}
    )
    store.put_record(rec)
    rec.metadata = {"title": "New"}
    store.put_record(rec)
    stored = store.documents()["a"]
    assert stored.metadata == {"title": "New"}
    assert stored.chunk_count == 3


def test_metadata_that_chroma_rejects_is_dropped_not_invented(tmp_path):
    store = _store(tmp_path)
    store.add_chunks(
        ["x"],
        ["t"],
        [[1.0, 0.0, 0.0]],
        [
            {
                "doc_id": "d",
                "year": None,
                "topics": [],
                "target_groups": ("a",),
                "text_hash": "1",
                "embed_hash": "1",
            }
        ],
    )
    md = store.chunks.get(ids=["x"])["metadatas"][0]
    assert "year" not in md and "topics" not in md
    assert md["target_groups"] == ["a"]


def test_all_chunks_pages_through_large_collections(tmp_path):
    store = _store(tmp_path)
    n = 23
    store.add_chunks(
        [f"c{i:02d}" for i in range(n)],
        [f"t{i}" for i in range(n)],
        [[1.0, float(i), 0.0] for i in range(n)],
        [{"doc_id": "d", "text_hash": str(i), "embed_hash": str(i)} for i in range(n)],
    )
    got = store.all_chunks(["metadatas", "documents"], page=5)
    assert sorted(got["ids"]) == [f"c{i:02d}" for i in range(n)]
    assert len(got["metadatas"]) == len(got["documents"]) == n
    assert len(store.fingerprint()) == n


def test_manifest_and_filtered_reads_come_in_pages(tmp_path, monkeypatch):
    import kb.index.store

    store = _store(tmp_path)
    for n in range(23):
        store.put_record(DocRecord(f"d{n:02d}", f"d{n:02d}.md", "f", "m", "p", COMPLETE))
    store.put_failure("bad.pdf", {"path": "bad.pdf", "error": "broken"})
    store.add_chunks(
        [f"c{n}" for n in range(11)],
        ["text"] * 11,
        [[1.0, 0.0, float(n)] for n in range(11)],
        [{"doc_id": "d01" if n % 2 else "d02", "embed_hash": f"h{n}"} for n in range(11)],
    )
    whole = store.documents()
    sizes = []
    real_get = kb.index.store.iter_pages

    def small_pages(collection, include, page=5000, where=None):
        for got in real_get(collection, include, 4, where):
            sizes.append(len(got["ids"]))
            yield got

    monkeypatch.setattr(kb.index.store, "iter_pages", small_pages)
    assert store.documents() == whole and len(whole) == 23
    assert sizes and max(sizes) == 4 and sum(sizes) == 24  # 23 records and one failure
    assert set(store.failures()) == {"bad.pdf"}
    assert store.chunk_count("d01") == 5
    assert len(store.embeddings_by_hash(["d02"])) == 6
