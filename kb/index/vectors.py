"""Exact nearest-neighbour search over an in-memory float32 copy of a generation's chunk
vectors, for filtered questions.

Chroma's filtered search is linear in the whole collection and approximate (0.5-3.8 s
of CPU per question at 1M chunks, recall 0.85-0.97; benchmarks/README.md, "Scale").
A dot product over only the rows a filter keeps is exact and costs ~0.25 us per kept
row when the rows are contiguous. The rows are therefore stored grouped by country,
then year, then document: a country filter is one slice, a year range one slice per
country. The matrix is scanned in blocks: a block mostly kept is multiplied whole and
then masked, a block sparsely kept is gathered first.

Unfiltered questions keep using Chroma's HNSW index (3-4 ms at 1M).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from kb.index.filtering import Columns

BLOCK = 16_384  # rows per block of the scan
DENSE_SHARE = 0.25  # a block with at least this share kept is multiplied whole


class VectorIndex:
    """Rows of ``vectors`` given in the order of ``columns`` (the lexical index's chunk
    order); ``search`` answers with positions in that order."""

    def __init__(self, vectors: np.ndarray | Sequence[Any], columns: Columns) -> None:
        matrix = np.asarray(vectors, dtype=np.float32)
        if matrix.ndim != 2:
            matrix = matrix.reshape(len(columns), -1)
        if len(matrix) != len(columns):
            raise ValueError(f"{len(matrix)} vectors for {len(columns)} chunks")
        _, country = columns.codes("country")
        _, doc = columns.codes("doc_id")
        # np.lexsort sorts by the last key first
        self.order = np.lexsort((doc, columns.years(), country)).astype(np.int64)
        self.vectors = np.ascontiguousarray(matrix[self.order])
        norms = np.linalg.norm(self.vectors, axis=1)
        self.norms = np.where(norms > 0, norms, 1.0).astype(np.float32)

    def __len__(self) -> int:
        return len(self.order)

    def updated(self, keep: np.ndarray, new: np.ndarray) -> VectorIndex:
        """This index for the columns' rows ``keep`` (ascending positions) followed by the
        rows of ``new``: kept rows stay in their groups, the new rows (one write's
        documents) are appended as a group of their own. No sort and no reading of
        the catalogue fields, so a write costs one copy of the matrix; a full build
        regroups everything."""
        new = np.asarray(new, dtype=np.float32).reshape(len(new), self.vectors.shape[1])
        remap = np.full(len(self.order), -1, dtype=np.int64)
        remap[keep] = np.arange(len(keep))
        moved = remap[self.order]
        survive = moved >= 0
        out = VectorIndex.__new__(VectorIndex)
        out.order = np.concatenate([moved[survive], len(keep) + np.arange(len(new))])
        kept = int(np.count_nonzero(survive))
        out.vectors = np.empty((kept + len(new), self.vectors.shape[1]), dtype=np.float32)
        np.compress(survive, self.vectors, axis=0, out=out.vectors[:kept])  # one copy
        out.vectors[kept:] = new
        norms = np.linalg.norm(new, axis=1)
        out.norms = np.concatenate(
            [self.norms[survive], np.where(norms > 0, norms, 1.0).astype(np.float32)]
        )
        return out

    def in_order(self) -> np.ndarray:
        """The vectors in the columns' order (as given)."""
        back = np.empty_like(self.order)
        back[self.order] = np.arange(len(self.order))
        return self.vectors[back]

    def search(self, q: np.ndarray, mask: np.ndarray, n: int) -> list[tuple[int, float]]:
        """The ``n`` kept chunks of highest cosine similarity to ``q``, best first, as
        (position in the columns' order, dot product with ``q``)."""
        q = np.asarray(q, dtype=np.float32)
        kept = mask[self.order]
        rows_parts: list[np.ndarray] = []
        dot_parts: list[np.ndarray] = []
        for start in range(0, len(kept), BLOCK):
            block = kept[start : start + BLOCK]
            count = int(np.count_nonzero(block))
            if not count:
                continue
            end = start + len(block)
            if count == len(block):
                rows = np.arange(start, end)
                dots = self.vectors[start:end] @ q
            elif count >= DENSE_SHARE * len(block):
                rows = start + np.flatnonzero(block)
                dots = (self.vectors[start:end] @ q)[block]
            else:
                rows = start + np.flatnonzero(block)
                dots = self.vectors[rows] @ q
            rows_parts.append(rows)
            dot_parts.append(dots)
        if not rows_parts or n <= 0:
            return []
        rows = np.concatenate(rows_parts)
        dots = np.concatenate(dot_parts)
        cosine = dots / self.norms[rows]
        k = min(n, len(rows))
        top = np.argpartition(-cosine, k - 1)[:k] if k < len(rows) else np.arange(len(rows))
        top = top[np.argsort(-cosine[top], kind="stable")]
        return [(int(self.order[rows[i]]), float(dots[i])) for i in top]
