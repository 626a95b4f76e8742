"""BM25 over the same chunks as Chroma, rebuilt by ingestion and versioned with the index.

Two BM25 fields: ``terms`` (stemmed in each chunk's language, searched only in
the question's language) and ``anchors`` (names, acronyms, numbers; searched
across languages). Plain fusion of one multilingual BM25 with dense search
ranks same-language noise high for cross-lingual questions; keeping the
stemmed field inside the question's language avoids that.
"""

from __future__ import annotations

import os
import pickle
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from kb.text import anchors, terms
from kb.types import Filters

LEXICAL_FILE = "lexical.pkl"
GENERATION_FILE = "generation"


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


def read_generation(index_dir: Path) -> str:
    try:
        return (index_dir / GENERATION_FILE).read_text().strip()
    except FileNotFoundError:
        return ""


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def rebuild_lexical_index(kb: Any) -> LexicalIndex:
    """Rebuild BM25 from the chunks in Chroma and publish a new generation.

    Called by ingestion after every run that wrote anything, so lexical and
    dense search always cover the same chunks.
    """
    got = kb.store.all_chunks(["metadatas", "documents"])
    generation = uuid.uuid4().hex
    index = LexicalIndex.build(
        list(got["ids"]), list(got["documents"]), list(got["metadatas"]), generation
    )
    index_dir = kb.settings.store.index_dir
    _atomic_write(index_dir / LEXICAL_FILE, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    _atomic_write(index_dir / GENERATION_FILE, generation.encode())
    return index


class LexicalCache:
    """Holds the loaded lexical index; reloads when ingestion publishes a new generation."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._index: LexicalIndex | None = None
        self._lock = threading.Lock()

    def get(self) -> LexicalIndex | None:
        generation = read_generation(self.index_dir)
        with self._lock:
            if self._index is None or self._index.generation != generation:
                path = self.index_dir / LEXICAL_FILE
                if not path.exists():
                    return None
                self._index = pickle.loads(path.read_bytes())
            return self._index
