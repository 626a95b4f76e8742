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

from kb.filtering import Columns, CompiledFilter, compile_filters
from kb.text import anchors, fold, terms, words
from kb.types import Filters
from kb.vectors import VectorIndex

# Raised whenever tokenisation or the recorded fields change; a published index built by an
# older version is rebuilt in memory when it is opened (see KnowledgeBase.snapshot).
LEXICAL_VERSION = 5
COMMON_ANCHOR_SHARE = 0.25


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
    # anchor -> documents whose title or organisation carries it ('ams', 'vdab', 'chancenkompass')
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # anchors found in the text of more than COMMON_ANCHOR_SHARE of the documents ('pes', '2023')
    common_anchors: frozenset[str] = frozenset()
    n_documents: int = 0
    version: int = 0  # LEXICAL_VERSION of the code that built it (0: before versions)
    # Dense-score calibration measured on the same chunks (kb.calibration); None: not measured.
    calibration: Any = None
    # Every chunk's vector for exact filtered search (kb.vectors); None: read from the store.
    vectors: VectorIndex | None = None
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
        index = cls(generation, ids, texts, metadatas, version=LEXICAL_VERSION)
        if ids:
            index.terms_bm25 = _bm25(
                [terms(t, lang) for t, lang in zip(titled, langs, strict=True)]
            )
            index.anchors_bm25 = _bm25([anchors(t) for t in titled])
        index.names = _document_names(metadatas)
        index.n_documents = len({md["doc_id"] for md in metadatas})
        index.common_anchors = _common_anchors(texts, metadatas, index.n_documents)
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def documents_named(self, tokens: set[str], max_share: float = 0.1) -> set[str]:
        """Documents whose title or organisation contains one of the anchor ``tokens``.

        A name shared by more than ``max_share`` of the documents ('Servicio',
        'Jobcenter') names none of them.
        """
        limit = max(1, int(max_share * self.n_documents))
        found: set[str] = set()
        for token in tokens:
            docs = self.names.get(token, ())
            if len(docs) <= limit:
                found.update(docs)
        return found

    def mentions(self, token: str) -> bool:
        """Whether any chunk, title or organisation has the (folded) word ``token``."""
        return token in self.names or any(
            model is not None and token in model.vocab_dict
            for model in (self.anchors_bm25, self.terms_bm25)
        )

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

    def filter_columns(self) -> Columns:
        """The catalogue fields as arrays for ``kb.filtering`` (built on first use)."""
        columns = self.__dict__.get("_filter_columns")
        if columns is None:
            columns = self.__dict__["_filter_columns"] = Columns(self.metadatas)
        return columns

    def mask(
        self, filters: Filters | CompiledFilter | None, language: str | None = None
    ) -> np.ndarray:
        """Which chunks pass the catalogue filters (and, if given, are in ``language``)."""
        compiled = filters if isinstance(filters, CompiledFilter) else compile_filters(filters)
        keep = compiled.mask(self.filter_columns())
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


def _document_names(metadatas: list[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    by_anchor: dict[str, set[str]] = {}
    seen: set[str] = set()
    for md in metadatas:
        doc_id = md["doc_id"]
        if doc_id in seen:
            continue
        seen.add(doc_id)
        label = f"{md.get('title') or ''} {md.get('organisation') or ''}"
        for word in words(label):  # every capitalised word of a name counts, even the first
            if (len(word) >= 2 and word.isupper()) or (len(word) > 3 and word[0].isupper()):
                by_anchor.setdefault(fold(word), set()).add(doc_id)
    return {token: tuple(sorted(docs)) for token, docs in by_anchor.items()}


def _common_anchors(
    texts: list[str], metadatas: list[dict[str, Any]], n_documents: int
) -> frozenset[str]:
    per_doc: dict[str, set[str]] = {}
    for text, md in zip(texts, metadatas, strict=True):
        per_doc.setdefault(md["doc_id"], set()).update(anchors(text))
    counts: dict[str, int] = {}
    for tokens in per_doc.values():
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
    limit = max(2, COMMON_ANCHOR_SHARE * n_documents)
    return frozenset(token for token, n in counts.items() if n > limit)


def build_lexical_index(store: Any, generation: str) -> LexicalIndex:
    """BM25 over every chunk in ``store``; ingestion builds it for each generation it
    publishes, so lexical and dense search always cover the same chunks."""
    got = store.all_chunks(["metadatas", "documents", "embeddings"])
    index = LexicalIndex.build(
        list(got["ids"]), list(got["documents"]), list(got["metadatas"]), generation
    )
    if index.ids:
        index.vectors = VectorIndex(got["embeddings"], index.filter_columns())
    return index
