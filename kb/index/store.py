"""The Chroma-backed index: chunks, their passage windows, and a document manifest.

Each chunk's runs of a few sentences ("windows", ``kb.core.text.passage_windows``) are
embedded into a third collection; a window's id is ``<chunk id>-w<n>`` and the chunk
records how many it has, so retrieval can fetch them by id.

The manifest holds one record per document with its hashes and a status.
A document's chunks are only trusted when its record says ``complete``; the
ingestion marks a record ``pending`` before touching the document's chunks, so
a document whose write failed is redone by the next run. One store is one index
generation (``kb.index.generations``): writers only ever write to an unpublished draft.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings

from kb.index.embeddings import EmbedderInfo

SCHEMA_VERSION = 1
PENDING = "pending"
COMPLETE = "complete"
# Chroma needs a vector for every record; manifest records are looked up by id only.
_MANIFEST_VECTOR = [1.0]
# Remembered failures share the manifest; a document id (a relative path) never starts so.
FAILURE_PREFIX = "/failed/"


class EmbedderMismatchError(RuntimeError):
    """The index was built with another embedder than the one the settings select."""


class IndexMissingError(RuntimeError):
    """There is no index at the configured place yet."""


@dataclass
class DocRecord:
    doc_id: str
    path: str
    file_hash: str
    meta_hash: str
    pipeline_hash: str
    status: str = PENDING
    chunk_count: int = 0
    ingested_at: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_chroma(self) -> dict[str, Any]:
        own = {
            "doc_id": self.doc_id,
            "path": self.path,
            "file_hash": self.file_hash,
            "meta_hash": self.meta_hash,
            "pipeline_hash": self.pipeline_hash,
            "status": self.status,
            "chunk_count": self.chunk_count,
            "ingested_at": self.ingested_at,
        }
        return {**self.metadata, **own}

    @classmethod
    def from_chroma(cls, md: dict[str, Any]) -> DocRecord:
        md = dict(md)
        own = {k: md.pop(k) for k in list(md) if k in cls.__dataclass_fields__}
        return cls(**own, metadata=md)


def open_client(index_dir: Path) -> chromadb.ClientAPI:
    index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(
        path=str(index_dir), settings=ChromaSettings(anonymized_telemetry=False)
    )


class KnowledgeStore:
    """Chunks plus manifest in one Chroma database, tied to one embedder."""

    def __init__(self, client: chromadb.ClientAPI, name: str, embedder: EmbedderInfo) -> None:
        self.client = client
        self.name = name
        self.embedder = embedder
        self.max_batch = client.get_max_batch_size()
        # Documents whose chunks this handle deleted or added: what the lexical index of a
        # draft must update (kb.lexical.update_lexical_index).
        self.touched: set[str] = set()
        existing = {c.name for c in client.list_collections()}
        self.chunks = self._open(name, {"hnsw:space": "cosine"}, existing)
        self.manifest = self._open(f"{name}-manifest", {"hnsw:space": "l2"}, existing)
        # Readers never create it: a generation built before windows simply has none.
        self.windows: Any | None = None
        if self.windows_name in existing:
            self.windows = self._open(self.windows_name, {"hnsw:space": "cosine"}, existing)

    @property
    def windows_name(self) -> str:
        return f"{self.name}-windows"

    def _open(self, name: str, space: dict[str, str], existing: set[str]) -> Any:
        if name in existing:
            col = self.client.get_collection(name, embedding_function=None)
            self._check_embedder(col.metadata or {})
            return col
        metadata = {
            **space,
            "embedder": self.embedder.name,
            "dim": self.embedder.dim,
            "schema": SCHEMA_VERSION,
        }
        return self.client.create_collection(name, metadata=metadata, embedding_function=None)

    def _check_embedder(self, metadata: dict[str, Any]) -> None:
        built_with = (metadata.get("embedder"), metadata.get("dim"))
        if built_with != (self.embedder.name, self.embedder.dim):
            raise EmbedderMismatchError(
                f"the index was built with embedder {built_with[0]!r} (dim {built_with[1]}), "
                f"but the settings select {self.embedder.name!r} (dim {self.embedder.dim}). "
                "Select the same embedder, or rebuild the index with `python -m ingest run --full`."
            )

    @staticmethod
    def built_with(client: chromadb.ClientAPI, name: str) -> EmbedderInfo | None:
        """The embedder an existing index records, or None if there is no index."""
        if name not in {c.name for c in client.list_collections()}:
            return None
        md = client.get_collection(name, embedding_function=None).metadata or {}
        return EmbedderInfo(str(md.get("embedder")), int(md.get("dim", 0)))

    # --- manifest -------------------------------------------------------
    def documents(self) -> dict[str, DocRecord]:
        got = paged_get(self.manifest, ["metadatas"])
        return {
            i: DocRecord.from_chroma(md)
            for i, md in zip(got["ids"], got["metadatas"], strict=True)
            if not i.startswith(FAILURE_PREFIX)
        }

    def failures(self) -> dict[str, dict[str, Any]]:
        """Remembered per-document failures (doc id -> path, file_hash, limits_hash,
        error, failed_at): documents not retried until their file or the limits change."""
        got = paged_get(self.manifest, ["metadatas"])
        return {
            i.removeprefix(FAILURE_PREFIX): dict(md)
            for i, md in zip(got["ids"], got["metadatas"], strict=True)
            if i.startswith(FAILURE_PREFIX)
        }

    def put_failure(self, doc_id: str, failure: dict[str, Any]) -> None:
        key = FAILURE_PREFIX + doc_id
        self.manifest.delete(ids=[key])
        self.manifest.add(
            ids=[key],
            embeddings=[_MANIFEST_VECTOR],
            documents=[str(failure.get("path", ""))],
            metadatas=[_clean({**failure, "doc_id": doc_id})],
        )

    def delete_failure(self, doc_id: str) -> None:
        self.manifest.delete(ids=[FAILURE_PREFIX + doc_id])

    def put_record(self, record: DocRecord) -> None:
        # delete + add, not upsert: upsert merges old metadata keys into the new record.
        self.manifest.delete(ids=[record.doc_id])
        self.manifest.add(
            ids=[record.doc_id],
            embeddings=[_MANIFEST_VECTOR],
            documents=[record.metadata.get("title", "")],
            metadatas=[_clean(record.to_chroma())],
        )

    def delete_record(self, doc_id: str) -> None:
        self.manifest.delete(ids=[doc_id])

    # --- chunks ---------------------------------------------------------
    def delete_chunks(self, doc_id: str) -> None:
        """A document's chunks and their windows."""
        self.touched.add(doc_id)
        self.chunks.delete(where={"doc_id": doc_id})
        if self.windows is not None:
            self.windows.delete(where={"doc_id": doc_id})

    def add_chunks(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        self.touched.update(md["doc_id"] for md in metadatas)
        self._add(self.chunks, ids, texts, embeddings, metadatas)

    def add_windows(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        if self.windows is None:
            existing = {c.name for c in self.client.list_collections()}
            self.windows = self._open(self.windows_name, {"hnsw:space": "cosine"}, existing)
        self._add(self.windows, ids, texts, embeddings, metadatas)

    def _add(
        self,
        collection: Any,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        for start in range(0, len(ids), self.max_batch):
            end = start + self.max_batch
            collection.add(
                ids=list(ids[start:end]),
                documents=list(texts[start:end]),
                embeddings=[list(e) for e in embeddings[start:end]],
                metadatas=[_clean(m) for m in metadatas[start:end]],
            )

    def embeddings_by_hash(
        self, doc_ids: Iterable[str], collection: str = "chunks"
    ) -> dict[str, list[float]]:
        """Existing vectors (of ``chunks`` or ``windows``) keyed by the hash of the text
        that was embedded.

        Lets a changed document (or one whose catalogue entry changed) keep the
        vectors of the chunks whose embedded text did not change.
        """
        ids = list(doc_ids)
        col = self.chunks if collection == "chunks" else self.windows
        if not ids or col is None:
            return {}
        got = paged_get(col, ["metadatas", "embeddings"], where={"doc_id": {"$in": ids}})
        return {
            md["embed_hash"]: [float(x) for x in emb]
            for md, emb in zip(got["metadatas"], got["embeddings"], strict=True)
        }

    def chunk_count(self, doc_id: str | None = None) -> int:
        if doc_id is None:
            return self.chunks.count()
        return len(paged_get(self.chunks, [], where={"doc_id": doc_id})["ids"])

    def iter_chunks(
        self, include: list[str], page: int = 5000, collection: str = "chunks"
    ) -> Iterator[dict[str, list]]:
        """Every chunk (or window), in pages: one ``get()`` of ~100k chunks exceeds
        SQLite's limit on query variables ("too many SQL variables")."""
        col = self.chunks if collection == "chunks" else self.windows
        if col is not None:
            yield from iter_pages(col, include, page)

    def all_chunks(self, include: list[str], page: int = 5000) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {"ids": [], **{key: [] for key in include}}
        for got in self.iter_chunks(include, page):
            for key in out:
                out[key].extend(got[key])
        return out

    def fingerprint(self) -> dict[str, tuple[str, str]]:
        """Every chunk id with its text and embedding hashes: equal means equal indexes."""
        got = self.all_chunks(["metadatas"])
        return {
            i: (md["text_hash"], md["embed_hash"])
            for i, md in zip(got["ids"], got["metadatas"], strict=True)
        }


def iter_pages(
    collection: Any, include: list[str], page: int = 5000, where: dict[str, Any] | None = None
) -> Iterator[dict[str, list[Any]]]:
    """A whole collection (or what ``where`` selects), one ``get()`` per ``page`` records:
    one ``get()`` of ~100k records exceeds SQLite's limit on query variables and holds
    every record twice in memory."""
    if getattr(collection, "is_stacked", False):  # a generation's segments (kb.index.segments)
        yield from collection.pages(include, page, where)
        return
    offset = 0
    while True:
        got = collection.get(where=where, include=include, limit=page, offset=offset)
        yield {key: list(got[key]) for key in ["ids", *include]}
        if len(got["ids"]) < page:
            return
        offset += page


def paged_get(
    collection: Any, include: list[str], page: int = 5000, where: dict[str, Any] | None = None
) -> dict[str, list[Any]]:
    """``collection.get(where=where, include=include)`` read in pages."""
    out: dict[str, list[Any]] = {"ids": [], **{key: [] for key in include}}
    for got in iter_pages(collection, include, page, where):
        for key in out:
            out[key].extend(got[key])
    return out


def _clean(metadata: dict[str, Any]) -> dict[str, Any]:
    """Chroma rejects None, dicts and empty lists: drop them rather than invent values."""
    out: dict[str, Any] = {}
    for key, value in metadata.items():
        if value is None or value == [] or isinstance(value, dict):
            continue
        out[key] = list(value) if isinstance(value, tuple) else value
    return out
