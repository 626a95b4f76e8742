"""One filter compiler for every retriever: catalogue filters compiled once into Chroma's
``where`` and into a boolean mask over chunks held in memory (the lexical index, the
exact vector search).

Both forms read the same metadata fields with the same rules, so a chunk passes the
mask exactly when Chroma's ``where`` returns it:

- ``country``, ``practice_type``, ``doc_id``, ``language`` (the document's language):
  any of the wanted values;
- ``topics``, ``target_groups`` (lists): share at least one wanted value;
- ``year``: inside the range; a chunk without a year fails any year condition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kb.core.types import Filters

SCALAR_KEYS = ("country", "practice_type", "doc_id", "language")
LIST_KEYS = ("topics", "target_groups")
_NO_YEAR = np.iinfo(np.int64).min


@dataclass(frozen=True)
class CompiledFilter:
    """Conditions that all hold: ``any_of`` (key, values) and an inclusive year range."""

    any_of: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    @property
    def empty(self) -> bool:
        return not self.any_of and self.year_from is None and self.year_to is None

    @property
    def where(self) -> dict[str, Any] | None:
        """As a Chroma ``where`` (None when nothing is filtered)."""
        parts: list[dict[str, Any]] = []
        for key, values in self.any_of:
            if key in LIST_KEYS:
                each = [{key: {"$contains": v}} for v in values]
                parts.append(each[0] if len(each) == 1 else {"$or": each})
            else:
                parts.append({key: {"$in": list(values)}})
        if self.year_from is not None:
            parts.append({"year": {"$gte": self.year_from}})
        if self.year_to is not None:
            parts.append({"year": {"$lte": self.year_to}})
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"$and": parts}

    def mask(self, columns: Columns) -> np.ndarray:
        """Which rows of ``columns`` pass."""
        keep = np.ones(len(columns), dtype=bool)
        for key, values in self.any_of:
            keep &= columns.any_of(key, values)
        if self.year_from is not None or self.year_to is not None:
            years = columns.years()
            keep &= years != _NO_YEAR
            if self.year_from is not None:
                keep &= years >= self.year_from
            if self.year_to is not None:
                keep &= years <= self.year_to
        return keep


def compile_filters(filters: Filters | None) -> CompiledFilter:
    if filters is None:
        return CompiledFilter()
    wanted = (
        ("country", filters.countries),
        ("practice_type", filters.practice_types),
        ("doc_id", filters.doc_ids),
        ("language", filters.languages),
        ("topics", filters.topics),
        ("target_groups", filters.target_groups),
    )
    return CompiledFilter(
        tuple((key, tuple(values)) for key, values in wanted if values),
        filters.year_from,
        filters.year_to,
    )


class Columns:
    """Catalogue fields of chunks as arrays, built on first use: scalar fields as codes
    (a filter is an integer ``isin``), list fields as one boolean row set per value."""

    def __init__(self, metadatas: Sequence[dict[str, Any]]) -> None:
        self.metadatas = metadatas
        self._codes: dict[str, tuple[dict[Any, int], np.ndarray]] = {}
        self._members: dict[tuple[str, Any], np.ndarray] = {}
        self._years: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.metadatas)

    def codes(self, key: str) -> tuple[dict[Any, int], np.ndarray]:
        if key not in self._codes:
            vocab: dict[Any, int] = {}
            values = (md.get(key) for md in self.metadatas)
            codes = np.fromiter(
                (vocab.setdefault(v, len(vocab)) if isinstance(v, str | int) else -1
                 for v in values),
                dtype=np.int32,
                count=len(self.metadatas),
            )  # fmt: skip
            self._codes[key] = (vocab, codes)
        return self._codes[key]

    def any_of(self, key: str, values: Sequence[Any]) -> np.ndarray:
        if key in LIST_KEYS:
            keep = np.zeros(len(self), dtype=bool)
            for value in values:
                keep |= self._member(key, value)
            return keep
        vocab, codes = self.codes(key)
        wanted = [vocab[v] for v in values if v in vocab]
        return np.isin(codes, wanted) if wanted else np.zeros(len(self), dtype=bool)

    def _member(self, key: str, value: Any) -> np.ndarray:
        if (key, value) not in self._members:
            self._members[key, value] = np.fromiter(
                (value in (md.get(key) or ()) for md in self.metadatas),
                dtype=bool,
                count=len(self.metadatas),
            )
        return self._members[key, value]

    def years(self) -> np.ndarray:
        if self._years is None:
            self._years = np.fromiter(
                (_year(md.get("year")) for md in self.metadatas),
                dtype=np.int64,
                count=len(self.metadatas),
            )
        return self._years


def _year(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else int(_NO_YEAR)
