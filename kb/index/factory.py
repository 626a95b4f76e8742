"""The one place that builds the knowledge base's dependencies from settings."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from langchain_core.embeddings import Embeddings

from kb.core.settings import Settings
from kb.index.calibration import Calibration, calibrate
from kb.index.compaction import Compaction, visible_chunks
from kb.index.embeddings import EmbedderInfo, build_embedder
from kb.index.generations import Draft, Generations, Published, open_generations
from kb.index.lexical import (
    LEXICAL_VERSION,
    LexicalIndex,
    build_lexical_index,
    update_lexical_index,
)
from kb.index.lexical_delta import LexicalDelta
from kb.index.locks import IndexBusyError, OnWait
from kb.index.second import SecondVectors, build_second_vectors
from kb.index.store import IndexMissingError, KnowledgeStore
from kb.index.vectors import VectorIndex


@dataclass
class Snapshot:
    """One published generation: the chunks and the lexical index built from them."""

    generation: str
    store: KnowledgeStore
    lexical: LexicalIndex | None
    second_model: str = "none"  # the second embedder configured (kb.index.second)
    _counts: dict[str, int] = field(default_factory=dict, repr=False)
    _vectors_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def calibration(self) -> Calibration | None:
        return getattr(self.lexical, "calibration", None)

    def vectors(self) -> VectorIndex | None:
        """The float32 copy of the chunk vectors in the lexical index's order, for exact
        filtered search; read from the store once when the generation was published
        without one (built by older code). None when there is no lexical index."""
        lexical = self.lexical
        if lexical is None or not len(lexical):
            return None
        with self._vectors_lock:
            if getattr(lexical, "vectors", None) is None:
                by_id: dict[str, Any] = {}
                for page in self.store.iter_chunks(["embeddings"]):
                    by_id.update(zip(page["ids"], page["embeddings"], strict=True))
                rows = [by_id[i] for i in lexical.ids]
                lexical.vectors = VectorIndex(rows, lexical.filter_columns())
            return lexical.vectors

    def second_vectors(self) -> SecondVectors | None:
        """The second embedder's chunk vectors in the lexical index's order; built here
        once (in memory) when the generation was published without them. None when no
        second embedder is configured or it cannot be loaded."""
        lexical = self.lexical
        if self.second_model == "none" or lexical is None or not len(lexical):
            return None
        with self._vectors_lock:
            if getattr(lexical, "second", None) is None:
                lexical.second = build_second_vectors(lexical.texts, lexical.metadatas)
            return lexical.second

    def count(self, collection: str) -> int:
        """Records in ``chunks`` or ``windows``; a published generation never changes,
        so each is counted once."""
        if collection not in self._counts:
            col = self.store.chunks if collection == "chunks" else self.store.windows
            self._counts[collection] = col.count() if col is not None else 0
        return self._counts[collection]


@dataclass
class KnowledgeBase:
    """Readers take a ``snapshot()`` per question; writers hold ``writing()`` and
    publish a new generation with ``new_generation()``. Safe to share between threads."""

    settings: Settings
    embedder: Embeddings
    embedder_info: EmbedderInfo
    generations: Generations
    _current: Snapshot | None = field(default=None, repr=False)
    _previous: Snapshot | None = field(default=None, repr=False)
    _switch: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # the full lexical index the published generation's delta applies to, with its name
    _full: tuple[str, LexicalIndex] | None = field(default=None, repr=False)

    def published(self) -> Published | None:
        return self.generations.current()

    def snapshot(self) -> Snapshot:
        """The latest published generation, opened once and reused until a newer one appears.

        Raises IndexMissingError when nothing is published yet, and EmbedderMismatchError
        when the index was built with another embedder.
        """
        published = self.generations.current()
        if published is None:
            raise IndexMissingError("there is no index yet: run `python -m ingest run`")
        snap = self._current
        if snap is not None and snap.generation == published.generation:
            return snap
        with self._switch:
            if self._current is not None and self._current.generation == published.generation:
                return self._current
            store = self.generations.open_store(published.generation, self.embedder_info)
            lexical = self._load_lexical(published.generation)
            if lexical is None or lexical.version != LEXICAL_VERSION:
                # built by older code: the calibration depends on the chunks only, keep it
                kept = getattr(lexical, "calibration", None)
                lexical = self.index_statistics(store, published.generation, calibration=kept)
            fresh = Snapshot(published.generation, store, lexical, self.settings.embedder.second)
            # Questions still running use the previous snapshot; the one before it is done.
            if self._previous is not None:
                self.generations.close_store(self._previous.store)
            self._previous, self._current = self._current, fresh
            return fresh

    def _load_lexical(self, generation: str) -> LexicalIndex | None:
        """A published generation's lexical index: its delta applied to the full index
        it names (``kb.index.lexical_delta``), which is kept between generations."""
        gens = self.generations
        delta = gens.load_delta(generation)
        if delta is None or delta.base == generation:
            index = gens.load_lexical(generation)
            if delta is not None and index is not None:
                self._full = (generation, index)
            return index
        full = self._full
        if full is None or full[0] != delta.base:
            loaded = gens.load_lexical(delta.base)
            if loaded is None:
                return None
            full = self._full = (delta.base, loaded)
        if full[1].version != LEXICAL_VERSION or delta.version != LEXICAL_VERSION:
            return None  # built by older code: rebuilt from the chunks
        return delta.apply(full[1], generation)

    @contextmanager
    def published_store(self) -> Iterator[KnowledgeStore]:
        """The published generation's store, without its lexical index (a writer's plan
        reads only the manifest); the open snapshot's when it is that generation's."""
        published = self.generations.current()
        if published is None:
            raise IndexMissingError("there is no index yet: run `python -m ingest run`")
        snap = self._current
        if snap is not None and snap.generation == published.generation:
            yield snap.store
            return
        store = self.generations.open_store(published.generation, self.embedder_info)
        try:
            yield store
        finally:
            self.generations.close_store(store)

    def index_statistics(
        self,
        store: KnowledgeStore,
        generation: str,
        base: LexicalIndex | None = None,
        changed: set[str] | None = None,
        calibration: Calibration | None = None,
        recalibrate: bool = True,
    ) -> LexicalIndex:
        """The BM25 index of a generation's chunks, with the dense calibration measured
        on the same chunks (unless given). With the ``base`` generation's index and the
        documents whose chunks ``changed`` since, only those are read and tokenised, and
        unless ``recalibrate``, the base's calibration is kept when the changed chunks are
        at most ``store.recalibrate_share`` of the index."""
        if base is not None and changed is not None and base.version == LEXICAL_VERSION:
            index = update_lexical_index(base, store, changed, generation)
            if calibration is None and not recalibrate:
                calibration = _kept_calibration(
                    base, index, changed, self.settings.store.recalibrate_share
                )
        else:
            index = build_lexical_index(store, generation)
        index.calibration = calibration or calibrate(
            store, self.embedder.embed_query, self.embedder_info.name
        )
        if self.settings.embedder.second != "none":
            # unchanged chunks keep the rows of the generation this one was copied from
            previous = getattr(base, "second", None)
            index.second = build_second_vectors(index.texts, index.metadatas, previous)
        return index

    @contextmanager
    def writing(self, wait_s: float | None = None, on_wait: OnWait | None = None) -> Iterator[None]:
        """Hold the single-writer lock (re-entrant); IndexBusyError if not free in time."""
        wait = self.settings.store.writer_wait_s if wait_s is None else wait_s
        with self.generations.lock.hold(wait, on_wait):
            yield

    def busy(self) -> str | None:
        """Who is updating the index right now, or None."""
        return self.generations.lock.busy()

    def _lexical_of(self, generation: str) -> LexicalIndex | None:
        """The lexical index of a published generation, the open snapshot's if it is that
        generation's."""
        snap = self._current
        if snap is not None and snap.generation == generation:
            return snap.lexical
        return self._load_lexical(generation)

    @contextmanager
    def new_generation(
        self, *, fresh: bool = False, compact: Compaction = "defer"
    ) -> Iterator[Draft]:
        """A draft over the published generation (empty when ``fresh``); on success
        its lexical index is built and it is published, on any error it is discarded.
        ``compact``: when the draft may collapse the stack of segments into one
        (``kb.index.compaction``). The caller must hold ``writing()``."""
        gens = self.generations
        base = None if fresh else gens.current()
        base_delta = gens.load_delta(base.generation) if base else None
        draft = gens.begin(base.generation if base else None, self.embedder_info, compact)
        draft.store.touched.clear()  # copying the base changed nothing
        dead = _dead_chunks(draft)
        try:
            yield draft
            delta = self._delta(draft, base_delta, dead)
            if delta is None:
                statistics = self.index_statistics(
                    draft.store,
                    draft.generation,
                    self._lexical_of(base.generation) if base else None,
                    draft.store.touched,
                    # a compaction that changed nothing holds the same chunks
                    recalibrate=draft.compacted and (base is None or bool(draft.store.touched)),
                )
                gens.save_lexical(draft, statistics)
                delta = LexicalDelta.full(draft.generation, statistics)
            gens.save_delta(draft, delta)
            gens.publish(draft)
        except BaseException:
            gens.discard(draft)
            raise
        gens.collect(self.settings.store.keep_generations)

    def _delta(self, draft: Draft, base: LexicalDelta | None, dead: int) -> LexicalDelta | None:
        """The draft's lexical delta over the base's full index, or None when it must
        write a full one: a fresh segment, a delta grown too large, a base written by
        older code, a second embedder (its vectors live in the full index)."""
        if (
            base is None
            or draft.compacted
            or base.version != LEXICAL_VERSION
            or self.settings.embedder.second != "none"
        ):
            return None
        touched = draft.store.touched
        delta = base.next(draft.store, touched)
        if not delta.fits():
            return None
        # chunks this write hid or rewrote, and the ones it wrote
        moved = _dead_chunks(draft) - dead
        moved += sum(md["doc_id"] in touched for md in delta.metadatas)
        size = visible_chunks(draft.store.refs, draft.store.layers)
        if moved > self.settings.store.recalibrate_share * max(size, 1):
            delta.calibration = calibrate(
                draft.store, self.embedder.embed_query, self.embedder_info.name
            )
        return delta

    def compact(self) -> str | None:
        """Collapse the published generation's segments into one: a new generation with
        the same content, published; its name, or None when the published generation is
        one segment without tombstones already. The caller must hold ``writing()``."""
        if self.generations.current() is None:
            return None
        try:
            with self.new_generation(compact="force") as draft:
                if not draft.compacted:
                    raise _NothingToCompact  # discarded: nothing to publish
        except _NothingToCompact:
            return None
        return draft.generation


class _NothingToCompact(Exception):
    pass


def _dead_chunks(draft: Draft) -> int:
    return sum(len(ref.dead["chunks"]) for ref in draft.store.refs)


def _kept_calibration(
    base: LexicalIndex, index: LexicalIndex, changed: set[str], share: float
) -> Calibration | None:
    """``base``'s calibration when the chunks of the ``changed`` documents (before and
    after) are at most ``share`` of the index, else None (measure again)."""
    kept = getattr(base, "calibration", None)
    if kept is None or not changed:
        return kept
    moved = sum(md["doc_id"] in changed for md in base.metadatas)
    moved += sum(md["doc_id"] in changed for md in index.metadatas)
    return kept if moved <= share * max(len(base), len(index), 1) else None


def build_knowledge_base(settings: Settings, *, create: bool = True) -> KnowledgeBase:
    """The knowledge base named by the settings, with the configured embedder.

    Opening is lazy: the published generation is opened by the first ``snapshot()``.
    With ``create``, a place that has no index yet gets an empty one, so readers can
    start before the first ingestion.
    """
    embedder, info = build_embedder(settings.embedder)
    kb = KnowledgeBase(settings, embedder, info, open_generations(settings.store))
    if create and kb.published() is None:
        try:
            with kb.writing(wait_s=0):
                if kb.published() is None:
                    with kb.new_generation(fresh=True):
                        pass
        except IndexBusyError:
            pass  # a writer is building it right now
    return kb
