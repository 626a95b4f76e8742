"""BM25 over the same chunks as Chroma, built by ingestion for each published generation.

Two BM25 fields: ``terms`` (stemmed in each chunk's language, searched only in
the question's language) and ``anchors`` (names, acronyms, numbers; searched
across languages). Plain fusion of one multilingual BM25 with dense search
ranks same-language noise high for cross-lingual questions; keeping the
stemmed field inside the question's language avoids that.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kb.core.text import anchors, fold, terms, words
from kb.core.types import Filters
from kb.index.bm25 import CountsBM25
from kb.index.filtering import Columns, CompiledFilter, compile_filters
from kb.index.store import paged_get
from kb.index.vectors import VectorIndex

# Raised whenever tokenisation or the recorded fields change; a published index built by an
# older version is rebuilt in memory when it is opened (see KnowledgeBase.snapshot).
LEXICAL_VERSION = 6
COMMON_ANCHOR_SHARE = 0.25


@dataclass
class LexicalIndex:
    generation: str
    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]
    terms_bm25: CountsBM25 | None = None
    anchors_bm25: CountsBM25 | None = None
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
    # The second embedder's vectors (kb.index.second); None: not built for this generation.
    second: Any = None
    # document -> the anchors of its chunks' texts: common_anchors counts documents by them
    doc_anchors: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _columns: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]], generation: str
    ) -> LexicalIndex:
        empty = cls(generation, [], [], [], version=LEXICAL_VERSION)
        empty.terms_bm25, empty.anchors_bm25 = CountsBM25(), CountsBM25()
        return empty.updated(set(), ids, texts, metadatas, generation)

    def updated(
        self,
        changed: set[str],
        ids: list[str],
        texts: list[str],
        metadatas: list[dict[str, Any]],
        generation: str,
        vectors: Any = None,
    ) -> LexicalIndex:
        """A new index: this one without the chunks of the ``changed`` documents, plus the
        given chunks (their current chunks). Only the given chunks are tokenised; the
        same as ``build`` over all the chunks. ``vectors`` (of the given chunks) carries
        the exact-search vectors over when this index has them."""
        assert self.terms_bm25 is not None and self.anchors_bm25 is not None
        keep = np.array(
            [i for i, md in enumerate(self.metadatas) if md["doc_id"] not in changed], dtype=int
        )
        index = LexicalIndex(
            generation,
            [self.ids[i] for i in keep] + list(ids),
            [self.texts[i] for i in keep] + list(texts),
            [self.metadatas[i] for i in keep] + list(metadatas),
            version=LEXICAL_VERSION,
        )
        langs = [md.get("chunk_language") or md.get("language") for md in metadatas]
        titled = [
            f"{md.get('title', '')}\n{md.get('heading_path', '')}\n{t}"
            for md, t in zip(metadatas, texts, strict=True)
        ]
        index.terms_bm25 = self.terms_bm25.keep(keep)
        index.terms_bm25.add([terms(t, lang) for t, lang in zip(titled, langs, strict=True)])
        index.anchors_bm25 = self.anchors_bm25.keep(keep)
        index.anchors_bm25.add([anchors(t) for t in titled])
        doc_anchors = {d: a for d, a in self.doc_anchors.items() if d not in changed}
        added: dict[str, set[str]] = {}
        for text, md in zip(texts, metadatas, strict=True):
            added.setdefault(md["doc_id"], set()).update(anchors(text))
        doc_anchors.update({d: frozenset(a) for d, a in added.items()})
        index.doc_anchors = doc_anchors
        index.names = _document_names(index.metadatas)
        index.n_documents = len({md["doc_id"] for md in index.metadatas})
        index.common_anchors = _common_anchors(doc_anchors, index.n_documents)
        if self.vectors is not None and (vectors is not None or not ids):
            dim = self.vectors.vectors.shape[1]
            new = np.asarray(vectors, dtype=np.float32) if ids else np.zeros((0, dim), np.float32)
            index.vectors = self.vectors.updated(keep, new) if len(index) else None
        elif vectors is not None and ids and not self.ids:
            index.vectors = VectorIndex(vectors, index.filter_columns())
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
            model is not None and token in model for model in (self.anchors_bm25, self.terms_bm25)
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
        """The catalogue fields as arrays for ``kb.index.filtering`` (built on first use)."""
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


def _common_anchors(doc_anchors: dict[str, frozenset[str]], n_documents: int) -> frozenset[str]:
    counts: Counter[str] = Counter()
    for tokens in doc_anchors.values():
        counts.update(tokens)
    limit = max(2, COMMON_ANCHOR_SHARE * n_documents)
    return frozenset(token for token, n in counts.items() if n > limit)


def build_lexical_index(store: Any, generation: str) -> LexicalIndex:
    """BM25 over every chunk in ``store``; ingestion builds it for each generation it
    publishes, so lexical and dense search always cover the same chunks."""
    got = store.all_chunks(["metadatas", "documents", "embeddings"])
    empty = LexicalIndex.build([], [], [], generation)
    return empty.updated(
        set(),
        list(got["ids"]),
        list(got["documents"]),
        list(got["metadatas"]),
        generation,
        got["embeddings"],
    )


def update_lexical_index(
    base: LexicalIndex, store: Any, changed: set[str], generation: str
) -> LexicalIndex:
    """``base`` brought up to date with ``store`` after the chunks of the ``changed``
    documents were rewritten (or removed): only their chunks are read and tokenised."""
    got = (
        paged_get(
            store.chunks,
            ["metadatas", "documents", "embeddings"],
            where={"doc_id": {"$in": sorted(changed)}},
        )
        if changed
        else {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
    )
    return base.updated(
        changed,
        list(got["ids"]),
        list(got["documents"]),
        list(got["metadatas"]),
        generation,
        got["embeddings"],
    )
