"""BM25 over the same chunks as Chroma, built by ingestion for each published generation.

Two BM25 fields: ``terms`` (stemmed in each chunk's language, searched only in
the question's language) and ``anchors`` (names, acronyms, numbers; searched
across languages). Plain fusion of one multilingual BM25 with dense search
ranks same-language noise high for cross-lingual questions; keeping the
stemmed field inside the question's language avoids that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import bm25s
import numpy as np

from kb.text import anchors, terms
from kb.types import Filters


def _bm25(corpus: list[list[str]]) -> bm25s.BM25:
    model = bm25s.BM25()
    model.index([doc or [""] for doc in corpus] or [[""]], show_progress=False)
    return model


@dataclass
class LexicalIndex:
    generation: str
    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]
    terms_bm25: bm25s.BM25 | None = None
    anchors_bm25: bm25s.BM25 | None = None
    _columns: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]], generation: str
    ) -> LexicalIndex:
        langs = [md.get("chunk_language") or md.get("language") for md in metadatas]
        titled = [
            f"{md.get('title', '')}\n{md.get('heading_path', '')}\n{t}"
            for md, t in zip(metadatas, texts, strict=True)
        ]
        index = cls(generation, ids, texts, metadatas)
        if ids:
            index.terms_bm25 = _bm25(
                [terms(t, lang) for t, lang in zip(titled, langs, strict=True)]
            )
            index.anchors_bm25 = _bm25([anchors(t) for t in titled])
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def column(self, key: str) -> np.ndarray:
        if key not in self._columns:
            if key == "language":
                values = [
                    md.get("chunk_language") or md.get("language") or "" for md in self.metadatas
                ]
            else:
                values = [md.get(key) for md in self.metadatas]
            self._columns[key] = np.array(values, dtype=object)
        return self._columns[key]

    def mask(self, filters: Filters | None, language: str | None = None) -> np.ndarray:
        """Which chunks pass the catalogue filters (and, if given, are in ``language``)."""
        keep = np.ones(len(self.ids), dtype=bool)
        if filters is not None:
            for key, wanted in (
                ("country", filters.countries),
                ("practice_type", filters.practice_types),
                ("doc_id", filters.doc_ids),
                ("language", filters.languages),
            ):
                if wanted:
                    keep &= np.isin(self.column(key), wanted)
            for key, wanted in (
                ("topics", filters.topics),
                ("target_groups", filters.target_groups),
            ):
                if wanted:
                    want = set(wanted)
                    keep &= np.array(
                        [bool(want & set(v or ())) for v in self.column(key)], dtype=bool
                    )
            if filters.year_from is not None or filters.year_to is not None:
                years = np.array([y if isinstance(y, int) else -1 for y in self.column("year")])
                lo = filters.year_from if filters.year_from is not None else -(10**9)
                hi = filters.year_to if filters.year_to is not None else 10**9
                keep &= (years >= lo) & (years <= hi)
        if language:
            keep &= self.column("language") == language
        return keep

    def search(
        self, field_name: str, tokens: list[str], mask: np.ndarray, k: int
    ) -> list[tuple[int, float]]:
        model = self.terms_bm25 if field_name == "terms" else self.anchors_bm25
        if model is None or not tokens or not mask.any():
            return []
        scores = np.asarray(model.get_scores(tokens), dtype=float)
        scores = np.where(mask, scores, 0.0)
        top = np.argsort(-scores)[:k]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


def build_lexical_index(store: Any, generation: str) -> LexicalIndex:
    """BM25 over every chunk in ``store``; ingestion builds it for each generation it
    publishes, so lexical and dense search always cover the same chunks."""
    got = store.all_chunks(["metadatas", "documents"])
    return LexicalIndex.build(
        list(got["ids"]), list(got["documents"]), list(got["metadatas"]), generation
    )
