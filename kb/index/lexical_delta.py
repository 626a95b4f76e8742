"""A generation's lexical index as a delta over a full one, so a small write writes
only what it changed.

The lexical index (BM25 counts, texts, metadata, the float32 vectors of exact filtered
search) is 229 MB at 100,000 chunks; writing it whole, and before that loading the
published one, took most of a one-document write. Now a full index is written only
by full rebuilds and compactions (and when a delta grows past ``MAX_DELTA_SHARE`` of
it); every other write stores a ``LexicalDelta``: the documents changed since that
full index and their current chunks (cumulative, so a delta is applied to the full
index alone, never to another delta). Every generation stores a delta; a full one
stores an empty delta over itself, so a writer reads only the published delta
(small) and never the full index. Readers apply the delta to the full index, which
they keep between generations (``kb.index.factory``).
"""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import numpy as np

from kb.index.lexical import LEXICAL_VERSION, LexicalIndex
from kb.index.store import paged_get

# A delta past this share of the full index's rows (or MIN_DELTA_ROWS) is written as a
# new full index instead: readers apply a delta at every switch, so it stays small.
MAX_DELTA_SHARE = 0.1
MIN_DELTA_ROWS = 1000
_INCLUDE = ["metadatas", "documents", "embeddings"]


@dataclass
class LexicalDelta:
    base: str  # the generation whose full lexical index this applies to
    base_rows: int  # that index's chunks
    changed: set[str] = field(default_factory=set)  # documents whose base rows are dropped
    ids: list[str] = field(default_factory=list)  # the current chunks of those documents
    texts: list[str] = field(default_factory=list)
    metadatas: list[dict[str, Any]] = field(default_factory=list)
    vectors: np.ndarray | None = None
    calibration: Any = None
    version: int = LEXICAL_VERSION

    @classmethod
    def full(cls, generation: str, index: LexicalIndex) -> LexicalDelta:
        """The empty delta of a generation that stores its full index."""
        return cls(generation, len(index), calibration=getattr(index, "calibration", None))

    def __len__(self) -> int:
        return len(self.ids)

    def fits(self) -> bool:
        return len(self) <= max(MAX_DELTA_SHARE * self.base_rows, MIN_DELTA_ROWS)

    def apply(self, full: LexicalIndex, generation: str) -> LexicalIndex:
        """The generation's lexical index: ``full`` (the base's) with the delta applied
        (``full`` itself is not changed)."""
        index = full.updated(
            self.changed, self.ids, self.texts, self.metadatas, generation, self.vectors
        )
        index.calibration = self.calibration
        return index

    def next(self, store: Any, touched: set[str]) -> LexicalDelta:
        """This delta after a write that rewrote (or removed) the chunks of the
        ``touched`` documents in ``store``: only their chunks are read."""
        keep = [j for j, md in enumerate(self.metadatas) if md["doc_id"] not in touched]
        got = (
            paged_get(store.chunks, _INCLUDE, where={"doc_id": {"$in": sorted(touched)}})
            if touched
            else {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
        )
        parts = [self.vectors[keep]] if keep and self.vectors is not None else []
        if got["ids"]:
            parts.append(np.asarray(got["embeddings"], dtype=np.float32))
        return LexicalDelta(
            self.base,
            self.base_rows,
            self.changed | touched,
            [self.ids[j] for j in keep] + list(got["ids"]),
            [self.texts[j] for j in keep] + list(got["documents"]),
            [self.metadatas[j] for j in keep] + list(got["metadatas"]),
            np.concatenate(parts) if parts else None,  # None exactly when there are no rows
            self.calibration,
        )


# Pickles name their classes' modules; these modules moved into packages (issue 13),
# so indexes written before still open as they are instead of being rebuilt.
_MOVED_MODULES = {
    "kb.lexical": "kb.index.lexical",
    "kb.calibration": "kb.index.calibration",
    "kb.types": "kb.core.types",
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        return super().find_class(_MOVED_MODULES.get(module, module), name)


def unpickle(data: bytes | BinaryIO) -> Any:
    """A lexical index written by other code (a class it names is gone or moved) is
    treated as missing; the reader rebuilds it from the chunks."""
    try:
        return _Unpickler(io.BytesIO(data) if isinstance(data, bytes) else data).load()
    except (AttributeError, ImportError, pickle.UnpicklingError, EOFError, TypeError):
        return None
