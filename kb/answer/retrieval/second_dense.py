"""The second embedder's ranking: one more list for the rank fusion (hybrid mode).

Its vectors live in the index layer (kb/index/second.py). A question in a language the
model was not trained on gets no list at all, and chunks in such languages are never in
its list, so they keep the ranks the other retrievers give them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from kb.answer.retrieval.candidates import lexical_passages
from kb.core.types import Passage
from kb.index.factory import Snapshot
from kb.index.filtering import CompiledFilter
from kb.index.second import covers, embed_second_query

QueryEncoder = Callable[[str], np.ndarray]


class SecondDenseRetriever:
    """Chunks nearest the question by the second embedder, inside the filters, best first."""

    def __init__(
        self, encode_query: QueryEncoder | None = None, other_languages: bool = False
    ) -> None:
        self._encode_query = encode_query or embed_second_query
        # only passages in languages other than the question's: the lexical retriever
        # already finds same-language passages that share the question's words
        self.other_languages = other_languages

    def run(
        self, snap: Snapshot, question: str, language: str, filters: CompiledFilter, n: int
    ) -> list[Passage]:
        if not covers(language):
            return []
        vectors = snap.second_vectors()
        index = snap.lexical
        if vectors is None or index is None or not vectors.matrix.size:
            return []
        q = self._encode_query(question)
        keep = index.mask(filters)
        if self.other_languages:
            keep &= index.column("language") != language
        hits = vectors.search(q, keep, n)
        passages = lexical_passages(index, hits)
        for p in passages:
            p.lexical = 0.0  # the fusion keeps the best lexical score of each chunk
        return passages
