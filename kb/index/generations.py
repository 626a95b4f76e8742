"""Published generations of the index: readers see whole runs, never half of one.

A writer (an ingestion run, a curation action) never changes the generation that
readers use. Holding the writer lock, it starts a draft over the published generation,
writes the chunks, builds the lexical index, and publishes the draft in one atomic
step. Readers check the published generation before each question and switch to a new
one when it appears. A writer killed at any point leaves the published generation
untouched; the next writer deletes what it left.

A generation is a stack of immutable segments plus tombstones (``kb.index.segments``):
a draft shares the published generation's segments and writes only the documents it
changes into one new segment, so a write costs what it changes. A full rebuild, a
base written by older code (one Chroma store per generation) and a compaction start one
fresh segment instead (the visible records are copied once); when a write may compact
is the caller's choice (``kb.index.compaction``): curation writes never do below a hard
bound, the scheduled run and ``python -m ingest compact`` do.

Two places to keep generations, chosen by ``store.url``:

- ``LocalGenerations`` (embedded, the default): one Chroma directory per segment under
  ``index_dir/segments/``; a generation is a folder ``index_dir/generations/<N>/``
  holding its descriptor (``segments.json``) and lexical index, and the atomically
  replaced ``index_dir/CURRENT`` file names the published one. Segments are never
  written after publication, so readers in other processes can share their files.
- ``ServerGenerations`` (``kb.index.generations_server``): a Chroma server shared by app
  replicas and ingestion jobs on other machines. A segment is a set of collections
  ``<name>-s<id>``, ``...-manifest``, ``...-windows``; a generation is
  ``<name>-g<N>-segments`` and ``...-lexical``; the published one is recorded in
  ``<name>-control``; the writer lock is a lease in the server.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings

from kb.core.files import fsync_dir, write_atomic
from kb.core.settings import StoreSettings
from kb.index.compaction import Compaction, StackBounds, copy_store, must_compact, stored_records
from kb.index.embeddings import EmbedderInfo
from kb.index.lexical import LexicalIndex
from kb.index.lexical_delta import LexicalDelta, unpickle
from kb.index.locks import FileWriterLock, WriterLock
from kb.index.segments import Descriptor, SegmentRef, StackedStore
from kb.index.store import KnowledgeStore

LEXICAL_FILE = "lexical.pkl"
DELTA_FILE = "lexical-delta.pkl"
SEGMENTS_FILE = "segments.json"


@dataclass(frozen=True)
class Published:
    generation: str
    published_at: float


@dataclass
class Draft:
    generation: str
    store: StackedStore
    location: str = ""  # embedded: the draft's folder
    compacted: bool = True  # one fresh segment (full rebuild or compaction), not a delta
    lexical_base: str | None = None  # whose full lexical index its delta applies to


def _new_segment_id(generation: str) -> str:
    return f"{generation}x{uuid.uuid4().hex[:8]}"


def _gen_id(number: int) -> str:
    return f"{number:06d}"


class Generations(ABC):
    lock: WriterLock
    bounds: StackBounds = StackBounds()

    @abstractmethod
    def current(self) -> Published | None:
        """The published generation, read from the shared place every time (cheap)."""

    @abstractmethod
    def open_store(self, generation: str, embedder: EmbedderInfo) -> KnowledgeStore: ...

    def close_store(self, store: KnowledgeStore) -> None:  # noqa: B027 - optional hook
        """Release what a store holds (embedded mode: the Chroma system for its path)."""

    @abstractmethod
    def load_lexical(self, generation: str) -> LexicalIndex | None: ...

    @abstractmethod
    def descriptor(self, generation: str) -> Descriptor | None:
        """The generation's segments; None for a generation written by older code."""

    def segment_count(self, generation: str) -> int:
        desc = self.descriptor(generation)
        return len(desc.segments) if desc is not None else 1

    @abstractmethod
    def begin(
        self, base: str | None, embedder: EmbedderInfo, compact: Compaction = "defer"
    ) -> Draft:
        """A new unpublished generation: ``base``'s segments plus a new empty one on
        top (or one fresh segment holding a copy of ``base``'s records when ``compact``
        says so, ``kb.index.compaction``), or one empty segment when ``base`` is None."""

    @abstractmethod
    def save_lexical(self, draft: Draft, index: LexicalIndex) -> None:
        """The draft's full lexical index."""

    @abstractmethod
    def load_delta(self, generation: str) -> LexicalDelta | None:
        """The generation's lexical delta; None when written by older code."""

    @abstractmethod
    def save_delta(self, draft: Draft, delta: LexicalDelta) -> None:
        """The draft's lexical delta (every generation has one); sets the draft's
        ``lexical_base``."""

    def kept_for_lexical(self, kept: set[str]) -> set[str]:
        """The generations whose full lexical index the ``kept`` ones need."""
        bases = set()
        for generation in kept:
            desc = self.descriptor(generation)
            if desc is not None and desc.lexical_base is not None:
                bases.add(desc.lexical_base)
        return bases

    @abstractmethod
    def publish(self, draft: Draft) -> Published: ...

    @abstractmethod
    def discard(self, draft: Draft) -> None: ...

    @abstractmethod
    def collect(self, keep: int) -> list[str]:
        """Delete drafts and all but the ``keep`` newest published generations."""

    def _stack(
        self,
        base: Descriptor | None,
        top: KnowledgeStore,
        segment: str,
        embedder: EmbedderInfo,
        compact: Compaction = "defer",
    ) -> tuple[StackedStore, bool]:
        """The draft's store: ``base``'s segments (opened with ``_segment``) under ``top``,
        or ``top`` alone holding a copy of them when they must be compacted.
        Returns the store and whether it is one fresh segment."""
        if base is None:
            return StackedStore([top], [SegmentRef(segment)], embedder, writable=True), True
        refs = [r.copy() for r in base.segments]
        layers = [self._segment(r.segment, embedder) for r in refs]
        # An empty segment (the first, empty generation's) is left out of the stack.
        stacked = [(r, x) for r, x in zip(refs, layers, strict=True) if stored_records(r, x)]
        self._release([x for x in layers if all(x is not y for _, y in stacked)])
        refs, layers = [r for r, _ in stacked], [x for _, x in stacked]
        if not must_compact(compact, refs, layers, self.bounds):
            store = StackedStore([*layers, top], [*refs, SegmentRef(segment)], embedder, True)
            return store, False
        source = StackedStore(layers, refs, embedder)
        store = StackedStore([top], [SegmentRef(segment)], embedder, writable=True)
        try:
            copy_store(source, store)
        finally:
            self._release(source.layers)
        return store, True

    def _segment(self, segment: str, embedder: EmbedderInfo) -> KnowledgeStore:
        """One published segment's store."""
        raise NotImplementedError

    def _release(self, layers: list[KnowledgeStore]) -> None:  # noqa: B027 - optional hook
        """Release the segments' clients (embedded mode)."""


def open_generations(settings: StoreSettings) -> Generations:
    gens: Generations
    if settings.url:
        from kb.index.generations_server import ServerGenerations

        gens = ServerGenerations(settings.url, settings.collection, settings.auth_token)
    else:
        gens = LocalGenerations(settings.index_dir, settings.collection)
    gens.bounds = StackBounds(
        settings.max_segments, settings.max_dead_share, settings.max_segments_hard
    )
    return gens


def local_client(path: Path) -> chromadb.ClientAPI:
    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )


class LocalGenerations(Generations):
    def __init__(self, index_dir: Path, name: str) -> None:
        self.index_dir = index_dir
        self.name = name
        self.root = index_dir / "generations"
        self.segments = index_dir / "segments"
        self.pointer = index_dir / "CURRENT"
        self.lock = FileWriterLock(index_dir)

    def _dir(self, generation: str) -> Path:
        return self.root / generation

    def current(self) -> Published | None:
        try:
            data = json.loads(self.pointer.read_text())
        except FileNotFoundError:
            return None
        return Published(data["generation"], float(data["published_at"]))

    def descriptor(self, generation: str) -> Descriptor | None:
        """The generation's segments; None for a generation written by older code (its
        folder is one Chroma store)."""
        path = self._dir(generation) / SEGMENTS_FILE
        return Descriptor.loads(path.read_bytes()) if path.exists() else None

    def _segment(self, segment: str, embedder: EmbedderInfo) -> KnowledgeStore:
        return KnowledgeStore(local_client(self.segments / segment), self.name, embedder)

    def built_with(self, generation: str) -> EmbedderInfo | None:
        """The embedder a published generation records (its newest segment's)."""
        desc = self.descriptor(generation)
        path = self.segments / desc.segments[-1].segment if desc else self._dir(generation)
        client = local_client(path)
        try:
            return KnowledgeStore.built_with(client, self.name)
        finally:
            client.close()

    def open_store(self, generation: str, embedder: EmbedderInfo) -> KnowledgeStore:
        desc = self.descriptor(generation)
        if desc is None:
            return KnowledgeStore(local_client(self._dir(generation)), self.name, embedder)
        layers = [self._segment(ref.segment, embedder) for ref in desc.segments]
        return StackedStore(layers, desc.segments, embedder)

    def close_store(self, store: KnowledgeStore) -> None:
        if isinstance(store, StackedStore):
            self._release(store.layers)
        else:
            store.client.close()

    def _release(self, layers: list[KnowledgeStore]) -> None:
        for layer in layers:
            layer.client.close()

    def load_lexical(self, generation: str) -> LexicalIndex | None:
        try:
            with (self._dir(generation) / LEXICAL_FILE).open("rb") as fh:
                return unpickle(fh)
        except FileNotFoundError:
            return None

    def _numbers(self) -> list[int]:
        if not self.root.exists():
            return []
        return [int(p.name.split(".")[0]) for p in self.root.iterdir() if p.name[:6].isdigit()]

    def begin(
        self, base: str | None, embedder: EmbedderInfo, compact: Compaction = "defer"
    ) -> Draft:
        generation = _gen_id(max(self._numbers(), default=0) + 1)
        # Unique folder names: Chroma caches one client per path for the whole process,
        # so a path must never be reused for different files.
        path = self.root / f"{generation}.draft-{uuid.uuid4().hex[:8]}"
        self.root.mkdir(parents=True, exist_ok=True)
        self.segments.mkdir(parents=True, exist_ok=True)
        path.mkdir()
        segment = _new_segment_id(generation)
        desc = self.descriptor(base) if base is not None else None
        if base is not None and desc is None:
            # Written by older code: its folder becomes the draft's one fresh segment. The
            # base is published, so nothing writes to it: a plain copy is consistent.
            shutil.copytree(
                self._dir(base),
                self.segments / segment,
                ignore=shutil.ignore_patterns(LEXICAL_FILE),
            )
        top = self._segment(segment, embedder)
        try:
            store, compacted = self._stack(desc, top, segment, embedder, compact)
        except BaseException:
            top.client.close()
            shutil.rmtree(self.segments / segment, ignore_errors=True)
            shutil.rmtree(path, ignore_errors=True)
            raise
        return Draft(generation, store, str(path), compacted)

    def save_lexical(self, draft: Draft, index: LexicalIndex) -> None:
        with (Path(draft.location) / LEXICAL_FILE).open("wb") as fh:
            # streamed: no second in-memory copy of a few hundred MB at 100k chunks
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)

    def load_delta(self, generation: str) -> LexicalDelta | None:
        try:
            with (self._dir(generation) / DELTA_FILE).open("rb") as fh:
                delta = unpickle(fh)
        except FileNotFoundError:
            return None
        return delta if isinstance(delta, LexicalDelta) else None

    def save_delta(self, draft: Draft, delta: LexicalDelta) -> None:
        with (Path(draft.location) / DELTA_FILE).open("wb") as fh:
            pickle.dump(delta, fh, protocol=pickle.HIGHEST_PROTOCOL)
        draft.lexical_base = delta.base

    def publish(self, draft: Draft) -> Published:
        store = draft.store
        stored_records(store.refs[-1], store.layers[-1])
        self._release(store.layers)
        path = Path(draft.location)
        desc = store.descriptor()
        desc.lexical_base = draft.lexical_base
        (path / SEGMENTS_FILE).write_bytes(desc.dumps())
        # Only the draft's own files are new: its folder and its top segment.
        for folder in (path, self.segments / store.refs[-1].segment):
            for file in folder.rglob("*"):
                if file.is_file():
                    with file.open("rb+") as fh:
                        os.fsync(fh.fileno())
        fsync_dir(self.segments)
        final = self._dir(draft.generation)
        os.rename(path, final)
        fsync_dir(self.root)
        published = Published(draft.generation, time.time())
        payload = {"generation": published.generation, "published_at": published.published_at}
        write_atomic(self.pointer, json.dumps(payload).encode())
        return published

    def discard(self, draft: Draft) -> None:
        try:
            self._release(draft.store.layers)
        finally:
            shutil.rmtree(draft.location, ignore_errors=True)
            shutil.rmtree(self.segments / draft.store.refs[-1].segment, ignore_errors=True)

    def collect(self, keep: int) -> list[str]:
        """Also deletes the segments no kept generation uses (a dead writer's too), and
        the temp file of a writer killed while replacing ``CURRENT``."""
        for tmp in self.index_dir.glob(f".{self.pointer.name}.*.tmp"):
            tmp.unlink(missing_ok=True)  # only writers write CURRENT; we hold the lock
        current = self.current()
        if current is None or not self.root.exists():
            return []
        published = sorted(
            (p for p in self.root.iterdir() if p.name.isdigit() and p.name <= current.generation),
            key=lambda p: p.name,
        )
        kept = {p.name for p in published[-keep:]} | {current.generation}
        used: set[str] = set()
        for generation in kept:
            desc = self.descriptor(generation)
            used.update(desc.segment_ids() if desc else [])
        lexical = self.kept_for_lexical(kept)  # their folders only, not their segments
        removed = []
        for path in self.root.iterdir():
            if path.name not in kept and path.name not in lexical:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
        if self.segments.exists():
            for path in self.segments.iterdir():
                if path.name not in used:
                    shutil.rmtree(path, ignore_errors=True)
        return removed
