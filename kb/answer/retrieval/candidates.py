"""The retrievers: dense (calibrated), lexical (BM25 in the question's language, names
across languages), and the index's knowledge of named documents and unknown names."""

from __future__ import annotations

from kb.answer.retrieval.dense import dense_search
from kb.answer.retrieval.query import Query
from kb.core.countries import mentioned_countries
from kb.core.settings import RetrievalSettings
from kb.core.text import anchors, fold, terms
from kb.core.types import Filters, Passage
from kb.index.factory import Snapshot
from kb.index.filtering import CompiledFilter, compile_filters
from kb.index.lexical import LexicalIndex


class DenseRetriever:
    """Nearest chunks, best first."""

    def __init__(self, policy: RetrievalSettings) -> None:
        self.policy = policy

    def run(
        self, snap: Snapshot, vector: list[float], filters: CompiledFilter, n: int
    ) -> list[Passage]:
        return dense_search(snap, vector, filters, n, self.policy.window_weight)


class LexicalRetriever:
    """BM25 evidence that counts only where it is strong: passages in the question's
    language sharing most of its terms, and passages in other languages sharing its
    names and numbers (not those most documents share, not short numbers)."""

    def __init__(self, policy: RetrievalSettings) -> None:
        self.policy = policy

    def run(
        self, snap: Snapshot, query: Query, filters: Filters | None, n: int
    ) -> tuple[list[Passage], list[Passage]]:
        index = snap.lexical
        if index is None or not len(index):
            return [], []
        compiled = compile_filters(filters)
        same_language = index.mask(compiled, query.language)
        by_terms = lexical_passages(
            index, index.search("terms", sorted(query.terms), same_language, n)
        )
        strong_terms = [
            p
            for p in by_terms
            if coverage(query.terms, p, query.language) >= self.policy.lexical_gate
        ]
        carrying = carrying_anchors(query, index.common_anchors)
        by_anchors = lexical_passages(
            index, index.search("anchors", sorted(query.anchors), index.mask(compiled), n)
        )
        strong_anchors = [
            p
            for p in by_anchors
            if p.language != query.language and carrying & set(anchors(p.text))
        ]
        return strong_terms, strong_anchors

    def ranked(
        self, snap: Snapshot, query: Query, filters: Filters | None, n: int
    ) -> list[Passage]:
        """Plain BM25 on the question's terms (the ``bm25`` baseline mode)."""
        index = snap.lexical
        if index is None or not len(index):
            return []
        hits = index.search("terms", sorted(query.terms), index.mask(filters), n)
        passages = lexical_passages(index, hits)
        for p in passages:
            p.score = p.lexical
        return passages


def carrying_anchors(query: Query, common: frozenset[str]) -> set[str]:
    """The question's anchors that may lift a passage in another language on their own:
    not anchors most documents share, not short numbers, not the ISO codes of the
    countries it names (their names, 'Austria', stay)."""
    return {a for a in query.name_anchors - common if not (a.isdigit() and len(a) < 3)}


def named_documents(snap: Snapshot, query: Query, filters: Filters | None) -> set[str]:
    """Documents whose title or organisation the question names ('AMS', 'VDAB')."""
    index = snap.lexical
    if index is None or not len(index):
        return set()
    named = index.documents_named(set(query.name_anchors))
    if filters and filters.doc_ids:
        named &= set(filters.doc_ids)
    return named


def unknown_names(snap: Snapshot, query: Query) -> list[str]:
    """Names and figures of the question that no chunk, title or organisation has."""
    index = snap.lexical
    if index is None or not len(index):
        return []
    return [w for w in query.names if not mentioned_countries(w) and not index.mentions(fold(w))]


def lexical_passages(index: LexicalIndex, hits: list[tuple[int, float]]) -> list[Passage]:
    return [
        Passage(
            index.ids[i],
            index.metadatas[i]["doc_id"],
            index.texts[i],
            index.metadatas[i],
            lexical=score,
        )
        for i, score in hits
    ]


def coverage(q_terms: frozenset[str] | set[str], passage: Passage, language: str) -> float:
    """Share of the question's terms found in the passage (and its title)."""
    if not q_terms:
        return 0.0
    p_terms = set(terms(passage.title + " " + passage.text, language))
    return len(q_terms & p_terms) / len(q_terms)
