"""Hybrid retrieval: one analysed question through the retrievers, fusion, diversity and
the relevance decision. Each step is a component of its own module."""

from __future__ import annotations

from dataclasses import replace

from kb.answer.retrieval.candidates import DenseRetriever, LexicalRetriever, named_documents
from kb.answer.retrieval.decision import Retrieval, decide, score_support
from kb.answer.retrieval.feedback import FeedbackRetriever
from kb.answer.retrieval.fusion import diversify, fuse
from kb.answer.retrieval.query import Query, analyse
from kb.answer.retrieval.second_dense import SecondDenseRetriever
from kb.core.settings import RetrievalSettings
from kb.core.types import Filters, Passage
from kb.index.factory import KnowledgeBase
from kb.index.filtering import compile_filters

MODES = ("hybrid", "dense", "bm25")


class UnknownModeError(ValueError):
    pass


class Retriever:
    def __init__(self, kb: KnowledgeBase, settings: RetrievalSettings | None = None) -> None:
        self.kb = kb
        self.settings = settings or kb.settings.retrieval
        self.dense = DenseRetriever(self.settings)
        self.lexical = LexicalRetriever(self.settings)
        self.second = SecondDenseRetriever(other_languages=self.settings.second_other_languages)
        self.feedback = FeedbackRetriever(self.settings)

    def search(
        self,
        question: str,
        filters: Filters | None = None,
        k: int | None = None,
        history: list[tuple[str, str]] | None = None,
        mode: str = "hybrid",
    ) -> Retrieval:
        if mode not in MODES:
            raise UnknownModeError(f"unknown retrieval mode {mode!r}: use one of {MODES}")
        return self.search_query(analyse(question, history), filters, k, mode)

    def search_query(
        self, query: Query, filters: Filters | None = None, k: int | None = None,
        mode: str = "hybrid",
    ) -> Retrieval:  # fmt: skip
        policy = self.settings
        k = k or policy.k
        snap = self.kb.snapshot()  # one generation for the whole question
        vector = self.kb.embedder.embed_query(query.text)
        if mode == "bm25":
            passages = self.lexical.ranked(snap, query, filters, policy.candidates)[:k]
            score_support(snap, passages, vector, policy)
            return decide(snap, query, passages, policy)

        n = policy.candidates
        dense = self.dense.run(snap, vector, compile_filters(filters), n)
        lists: list[tuple[float, list[Passage]]] = [(1.0, dense)]
        # Countries and documents the question names get their own dense list, inside the
        # user's filters; a comparison spreads over documents instead.
        countries = tuple(
            c
            for c in query.countries
            if not filters or not filters.countries or c in filters.countries
        )
        named = named_documents(snap, query, filters)
        if not query.comparison:
            if countries:
                scope = replace(filters or Filters(), countries=list(countries))
                lists.append((1.0, self.dense.run(snap, vector, compile_filters(scope), n // 2)))
            if named:
                scope = replace(filters or Filters(), doc_ids=sorted(named))
                lists.append((1.0, self.dense.run(snap, vector, compile_filters(scope), n // 2)))
        if mode == "hybrid":
            by_terms, by_anchors = self.lexical.run(snap, query, filters, n)
            lists += [(policy.lexical_weight, by_terms), (policy.lexical_weight, by_anchors)]
            if policy.second_weight > 0:
                second = self.second.run(
                    snap, query.text, query.language, compile_filters(filters), n
                )
                lists.append((policy.second_weight, second))
            if policy.feedback_weight > 0:
                for ranked in self.feedback.run(
                    snap, vector, query.language, compile_filters(filters), n, dense
                ):
                    lists.append((policy.feedback_weight, ranked))
        fused = fuse(lists, policy, named, query.countries)
        cap = policy.comparison_cap if query.comparison else policy.per_document_cap
        passages = diversify(fused, k, cap)
        score_support(snap, passages, vector, policy)
        return decide(snap, query, passages, policy)
