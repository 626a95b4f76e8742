"""A generation as a stack of immutable segments plus tombstones.

A segment is one Chroma store (chunks, windows, manifest) holding what one write added.
A write opens the published generation's segments read-only, adds one new segment on
top for the documents it changes, and hides the records it replaces or removes in
the older segments with tombstones (their ids), so nothing that did not change is
copied. ``StackedCollection`` gives the read and write calls of a Chroma collection
that ``KnowledgeStore`` uses (get, query, count, add, delete) over the stack: a
record is visible when its segment does not tombstone its id. Writes go to the top
segment; a delete also tombstones the matching records of the older segments.

A generation's descriptor (``Descriptor``) lists its segments, oldest first, with
each one's tombstones; ``kb.index.generations`` stores it and publishes it atomically.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from kb.index.embeddings import EmbedderInfo
from kb.index.store import KnowledgeStore, iter_pages

KINDS = ("chunks", "windows", "manifest")
_LISTS = ("ids", "embeddings", "documents", "uris", "data", "metadatas", "distances")


@dataclass
class SegmentRef:
    """One segment as a generation sees it: its id and the ids it hides, per collection."""

    segment: str
    dead: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    # records in the segment per collection, tombstoned or not (None: not counted yet)
    stored: dict[str, int] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"segment": self.segment}
        out["dead"] = {k: sorted(v) for k, v in self.dead.items()}
        if self.stored is not None:
            out["stored"] = self.stored
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SegmentRef:
        dead = {k: set(data.get("dead", {}).get(k, [])) for k in KINDS}
        stored = data.get("stored")
        counts = {k: int(stored.get(k, 0)) for k in KINDS} if isinstance(stored, dict) else None
        return cls(str(data["segment"]), dead, counts)

    def copy(self) -> SegmentRef:
        stored = dict(self.stored) if self.stored is not None else None
        return SegmentRef(self.segment, {k: set(v) for k, v in self.dead.items()}, stored)


@dataclass
class Descriptor:
    """What a generation is: its segments, oldest first."""

    segments: list[SegmentRef]
    # the generation whose full lexical index this one's delta applies to (None: its
    # own full index, written by older code; kb.index.lexical_delta)
    lexical_base: str | None = None

    def dumps(self) -> bytes:
        data: dict[str, Any] = {"format": 1, "segments": [s.to_json() for s in self.segments]}
        if self.lexical_base is not None:
            data["lexical_base"] = self.lexical_base
        return json.dumps(data).encode()

    @classmethod
    def loads(cls, data: bytes) -> Descriptor:
        got = json.loads(data)
        return cls([SegmentRef.from_json(s) for s in got["segments"]], got.get("lexical_base"))

    def segment_ids(self) -> list[str]:
        return [s.segment for s in self.segments]

    def dead_count(self) -> int:
        return sum(len(ids) for s in self.segments for ids in s.dead.values())


class StackedCollection:
    """The collection ``kind`` of several segments seen as one (``layers`` oldest first,
    ``None`` where a segment lacks it); ``dead`` holds each layer's tombstoned ids and
    is updated in place by deletes. Only the top layer is written to."""

    is_stacked = True

    def __init__(self, layers: list[Any | None], dead: list[set[str]], writable: bool) -> None:
        self.layers = layers
        self.dead = dead
        self.writable = writable

    def _live(self) -> Iterator[tuple[Any, set[str]]]:
        for col, dead in zip(self.layers, self.dead, strict=True):
            if col is not None:
                yield col, dead

    @property
    def top(self) -> Any:
        if not self.writable or self.layers[-1] is None:
            raise RuntimeError("a published generation is read-only")
        return self.layers[-1]

    @property
    def metadata(self) -> dict[str, Any] | None:
        return next((col.metadata for col, _ in self._live()), None)

    @property
    def name(self) -> str:
        return next((col.name for col, _ in reversed(list(self._live()))), "")

    def count(self) -> int:
        return sum(col.count() - len(dead) for col, dead in self._live())

    # --- reads ----------------------------------------------------------
    def get(
        self,
        ids: Sequence[str] | None = None,
        where: dict[str, Any] | None = None,
        limit: int | None = None,
        offset: int | None = None,
        where_document: dict[str, Any] | None = None,
        include: list[str] | None = None,
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"where": where, "where_document": where_document}
        if include is not None:
            kwargs["include"] = include
        parts = []
        for col, dead in self._live():
            if ids is not None:
                wanted = [i for i in ids if i not in dead]
                if not wanted:
                    continue
                parts.append(_drop(col.get(ids=wanted, **kwargs), dead))
            else:
                parts.extend(_drop(got, dead) for got in _pages(col, kwargs))
        merged = _merge(parts)
        if limit is not None or offset:
            start = offset or 0
            end = None if limit is None else start + limit
            merged = {k: v[start:end] if isinstance(v, list) else v for k, v in merged.items()}
        return merged

    def pages(
        self, include: list[str], page: int, where: dict[str, Any] | None
    ) -> Iterator[dict[str, list[Any]]]:
        """``kb.index.store.iter_pages`` over the stack: each segment in pages."""
        for col, dead in self._live():
            for got in iter_pages(col, include, page, where):
                got = _drop(got, dead)
                if got["ids"]:
                    yield {key: list(got[key]) for key in ["ids", *include]}

    def query(
        self,
        query_embeddings: Sequence[Sequence[float]],
        n_results: int = 10,
        where: dict[str, Any] | None = None,
        include: list[str] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Nearest records in each segment (asking for more where tombstones may hide
        some), merged by distance."""
        wanted = list(include if include is not None else ["metadatas", "documents", "distances"])
        ask = sorted(set(wanted) | {"distances"})
        out: dict[str, Any] = {k: [] for k in ["ids", *wanted]}
        for q in query_embeddings:
            hits: list[tuple[float, dict[str, Any]]] = []
            for col, dead in self._live():
                hits.extend(_query_layer(col, dead, list(q), n_results, where, ask, kwargs))
            hits.sort(key=lambda h: h[0])
            best = [row for _, row in hits[:n_results]]
            for key in out:
                out[key].append([row[key] for row in best])
        return out

    # --- writes -----------------------------------------------------------
    def add(self, **kwargs: Any) -> None:
        self.top.add(**kwargs)

    def upsert(self, **kwargs: Any) -> None:
        self.top.upsert(**kwargs)

    def delete(self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None) -> None:
        """Delete from the top segment; tombstone what matches in the older ones."""
        if not self.writable:
            raise RuntimeError("a published generation is read-only")
        top = self.layers[-1]  # None: the draft has written no windows yet
        for col, dead in zip(self.layers[:-1], self.dead[:-1], strict=True):
            if col is None:
                continue
            if ids is not None:
                found = col.get(ids=list(ids), where=where, include=[])["ids"]
            else:
                found = [i for page in iter_pages(col, [], 5000, where) for i in page["ids"]]
            dead.update(found)
        if top is None or (ids is not None and not ids):
            return
        top.delete(ids=list(ids) if ids is not None else None, where=where)


def _pages(col: Any, kwargs: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A whole ``get`` of one segment, in pages (SQLite limits variables per query)."""
    offset, page = 0, 5000
    while True:
        got = col.get(limit=page, offset=offset, **kwargs)
        yield got
        if len(got["ids"]) < page:
            return
        offset += page


def _query_layer(
    col: Any,
    dead: set[str],
    q: list[float],
    n: int,
    where: dict[str, Any] | None,
    include: list[str],
    kwargs: dict[str, Any],
) -> list[tuple[float, dict[str, Any]]]:
    size = col.count()
    if not size or n <= 0:
        return []
    k = min(size, n + min(len(dead), n))
    while True:
        got = col.query(query_embeddings=[q], n_results=k, where=where, include=include, **kwargs)
        rows = [
            {key: _at(got, key, j) for key in ["ids", *include]} for j in range(len(got["ids"][0]))
        ]
        kept = [r for r in rows if r["ids"] not in dead]
        if len(kept) >= n or len(rows) < k or k >= size:
            return [(float(r["distances"]), r) for r in kept[:n]]
        k = min(size, max(2 * k, n + len(dead)))


def _at(got: dict[str, Any], key: str, j: int) -> Any:
    values = got.get(key)
    return None if values is None else values[0][j]


def _drop(got: dict[str, Any], dead: set[str]) -> dict[str, Any]:
    """``got`` without the tombstoned ids."""
    if not dead:
        return got
    keep = [j for j, i in enumerate(got["ids"]) if i not in dead]
    return {k: [v[j] for j in keep] if k in _LISTS and v is not None else v for k, v in got.items()}


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"ids": []}
    for got in parts:
        for key in _LISTS:
            values = got.get(key)
            if values is not None:
                out.setdefault(key, []).extend(list(values))
        out.setdefault("included", got.get("included"))
    for key in ("embeddings", "documents", "metadatas"):
        out.setdefault(key, None if parts else [])
    return out


class StackedStore(KnowledgeStore):
    """A generation's segments as one ``KnowledgeStore``. With ``writable``, the top
    segment is the draft's own (new, empty at first) and takes every write."""

    def __init__(
        self,
        layers: list[KnowledgeStore],
        refs: list[SegmentRef],
        embedder: EmbedderInfo,
        writable: bool = False,
    ) -> None:
        self.layers = layers
        self.refs = refs
        self.client = layers[-1].client
        self.name = layers[-1].name
        self.embedder = embedder
        self.max_batch = min(layer.max_batch for layer in layers)
        self.touched: set[str] = set()
        self.writable = writable
        self.chunks = self._stack("chunks")
        self.manifest = self._stack("manifest")
        has_windows = any(layer.windows is not None for layer in layers)
        self.windows = self._stack("windows") if has_windows else None

    def _stack(self, kind: str) -> StackedCollection:
        cols = [getattr(layer, kind) for layer in self.layers]
        return StackedCollection(cols, [ref.dead[kind] for ref in self.refs], self.writable)

    def add_windows(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        top = self.layers[-1]
        if top.windows is None:  # the top segment's windows, created on first use
            top.add_windows([], [], [], [])
            self.windows = self._stack("windows")
        assert self.windows is not None
        self._add(self.windows, ids, texts, embeddings, metadatas)

    def descriptor(self) -> Descriptor:
        return Descriptor(list(self.refs))

    def close(self) -> None:
        for layer in self.layers:
            layer.client.close()
