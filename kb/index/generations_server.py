"""Generations kept in a Chroma server (``store.url``), shared by app replicas and
ingestion jobs on other machines (see ``kb.index.generations``).

A segment is the collections ``<name>-s<id>`` (chunks), ``...-manifest`` and
``...-windows``; generation N is ``<name>-g<N>-segments`` (its descriptor) and
``<name>-g<N>-lexical``; the published generation is recorded in ``<name>-control``;
the writer lock is a lease in the server. A generation written by older code is the
collections ``<name>-g<N>``, ``...-manifest``, ``...-windows``: it opens as one segment.
"""

from __future__ import annotations

import base64
import functools
import pickle
import time
import zlib
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from kb.index.compaction import Compaction, copy_store, stored_records
from kb.index.embeddings import EmbedderInfo
from kb.index.generations import (
    Draft,
    Generations,
    Published,
    _gen_id,
    _new_segment_id,
)
from kb.index.lexical import LexicalIndex
from kb.index.lexical_delta import LexicalDelta, unpickle
from kb.index.locks import LeaseWriterLock
from kb.index.segments import Descriptor, StackedStore
from kb.index.store import KnowledgeStore, paged_get

_BLOB_PART = 4_000_000  # characters per metadata string holding a piece of a blob

_HTTP_CLIENTS: dict[tuple[str, str], chromadb.ClientAPI] = {}


def http_client(url: str, token: str = "") -> chromadb.ClientAPI:
    """One HTTP client per server and process (it is thread-safe and holds a pool)."""
    key = (url, token)
    if key not in _HTTP_CLIENTS:
        parsed = urlparse(url)
        ssl = parsed.scheme == "https"
        _HTTP_CLIENTS[key] = chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or (443 if ssl else 8000),
            ssl=ssl,
            headers={"Authorization": f"Bearer {token}"} if token else None,
            settings=ChromaSettings(anonymized_telemetry=False),
        )
    return _HTTP_CLIENTS[key]


class ServerGenerations(Generations):
    def __init__(self, url: str, name: str, token: str = "") -> None:
        self.client = http_client(url, token)
        self.name = name
        self.lock = LeaseWriterLock(self.client, name)

    def _prefix(self, generation: str) -> str:
        return f"{self.name}-g{generation}"

    def _segment_prefix(self, segment: str) -> str:
        return f"{self.name}-s{segment}"

    @functools.cached_property
    def _control(self) -> Any:
        # Read before every question: fetch the collection handle once, not per read.
        return self.client.get_or_create_collection(f"{self.name}-control", embedding_function=None)

    def current(self) -> Published | None:
        got = self._control.get(ids=["current"], include=["metadatas"])
        if not got["ids"]:
            return None
        md = got["metadatas"][0]
        return Published(str(md["generation"]), float(md["published_at"]))

    # --- blobs: a descriptor or a pickled lexical index in a collection's metadata ----
    def _save_blob(self, collection: str, data: bytes) -> None:
        text = base64.b64encode(zlib.compress(data, 1)).decode("ascii")
        parts = [text[i : i + _BLOB_PART] for i in range(0, len(text), _BLOB_PART)] or [""]
        col = self.client.create_collection(collection, embedding_function=None)
        for n, part in enumerate(parts):
            col.add(ids=[f"{n:06d}"], embeddings=[[0.0]], metadatas=[{"data": part}])

    def _load_blob(self, collection: str) -> bytes | None:
        try:
            col = self.client.get_collection(collection, embedding_function=None)
        except Exception:  # noqa: BLE001 - no such blob in this generation
            return None
        got = paged_get(col, ["metadatas"], page=8)  # each record holds up to 4 MB
        parts = sorted(zip(got["ids"], got["metadatas"], strict=True))
        return zlib.decompress(base64.b64decode("".join(md["data"] for _, md in parts)))

    def descriptor(self, generation: str) -> Descriptor | None:
        """The generation's segments; None for a generation written by older code."""
        data = self._load_blob(f"{self._prefix(generation)}-segments")
        return Descriptor.loads(data) if data is not None else None

    def _segment(self, segment: str, embedder: EmbedderInfo) -> KnowledgeStore:
        return KnowledgeStore(self.client, self._segment_prefix(segment), embedder)

    def open_store(self, generation: str, embedder: EmbedderInfo) -> KnowledgeStore:
        desc = self.descriptor(generation)
        if desc is None:
            return KnowledgeStore(self.client, self._prefix(generation), embedder)
        layers = [self._segment(ref.segment, embedder) for ref in desc.segments]
        return StackedStore(layers, desc.segments, embedder)

    def load_lexical(self, generation: str) -> LexicalIndex | None:
        data = self._load_blob(f"{self._prefix(generation)}-lexical")
        return unpickle(data) if data is not None else None

    def _names(self) -> list[str]:
        return [c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()]

    def _generations(self) -> dict[str, list[str]]:
        """Collections by generation number, drafts included."""
        out: dict[str, list[str]] = {}
        prefix = f"{self.name}-g"
        for name in self._names():
            rest = name[len(prefix) :] if name.startswith(prefix) else ""
            if rest[:6].isdigit():
                out.setdefault(rest[:6], []).append(name)
        return out

    def _segments(self) -> dict[str, list[str]]:
        """Collections by segment id."""
        out: dict[str, list[str]] = {}
        prefix = f"{self.name}-s"
        for name in self._names():
            if name.startswith(prefix):
                out.setdefault(name[len(prefix) :].split("-")[0], []).append(name)
        return out

    def begin(
        self, base: str | None, embedder: EmbedderInfo, compact: Compaction = "defer"
    ) -> Draft:
        numbers = [int(g) for g in self._generations()]
        generation = _gen_id(max(numbers, default=0) + 1)
        segment = _new_segment_id(generation)
        top = self._segment(segment, embedder)
        desc = self.descriptor(base) if base is not None else None
        try:
            if base is not None and desc is None:
                # Written by older code: copied once into the draft's fresh segment.
                store, _ = self._stack(None, top, segment, embedder)
                legacy = KnowledgeStore(self.client, self._prefix(base), embedder)
                copy_store(legacy, store)
                return Draft(generation, store, compacted=True)
            store, compacted = self._stack(desc, top, segment, embedder, compact)
        except BaseException:
            self._delete_segment(segment)
            raise
        return Draft(generation, store, compacted=compacted)

    def save_lexical(self, draft: Draft, index: LexicalIndex) -> None:
        data = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
        self._save_blob(f"{self._prefix(draft.generation)}-lexical", data)

    def load_delta(self, generation: str) -> LexicalDelta | None:
        data = self._load_blob(f"{self._prefix(generation)}-lexdelta")
        delta = unpickle(data) if data is not None else None
        return delta if isinstance(delta, LexicalDelta) else None

    def save_delta(self, draft: Draft, delta: LexicalDelta) -> None:
        data = pickle.dumps(delta, protocol=pickle.HIGHEST_PROTOCOL)
        self._save_blob(f"{self._prefix(draft.generation)}-lexdelta", data)
        draft.lexical_base = delta.base

    def publish(self, draft: Draft) -> Published:
        stored_records(draft.store.refs[-1], draft.store.layers[-1])
        desc = draft.store.descriptor()
        desc.lexical_base = draft.lexical_base
        self._save_blob(f"{self._prefix(draft.generation)}-segments", desc.dumps())
        published = Published(draft.generation, time.time())
        meta = {"generation": draft.generation, "published_at": published.published_at}
        control = self._control
        # "published-N" tells published generations from drafts a dead writer left behind.
        control.upsert(ids=[f"published-{draft.generation}"], embeddings=[[0.0]], metadatas=[meta])
        control.upsert(ids=["current"], embeddings=[[0.0]], metadatas=[meta])
        return published

    def _delete_segment(self, segment: str) -> None:
        for name in self._segments().get(segment, []):
            self.client.delete_collection(name)

    def discard(self, draft: Draft) -> None:
        for name in self._generations().get(draft.generation, []):
            self.client.delete_collection(name)
        self._delete_segment(draft.store.refs[-1].segment)

    def collect(self, keep: int) -> list[str]:
        """Also deletes the segments no kept generation uses (a dead writer's too)."""
        current = self.current()
        if current is None:
            return []
        control = self._control
        marks = paged_get(control, [], where={"generation": {"$ne": ""}})["ids"]
        published = sorted(m.removeprefix("published-") for m in marks if m != "current")
        kept = set(published[-keep:]) | {current.generation}
        used: set[str] = set()
        for generation in kept:
            desc = self.descriptor(generation)
            used.update(desc.segment_ids() if desc else [])
        lexical = self.kept_for_lexical(kept)  # their collections only, not their segments
        removed = []
        for generation, names in self._generations().items():
            if generation not in kept and generation not in lexical:
                for name in names:
                    self.client.delete_collection(name)
                removed.append(generation)
        for segment, names in self._segments().items():
            if segment not in used:
                for name in names:
                    self.client.delete_collection(name)
        stale = [f"published-{g}" for g in published if g not in kept]
        if stale:
            control.delete(ids=stale)
        return removed
