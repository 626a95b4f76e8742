"""Hybrid, language-aware retrieval with catalogue filters, diversity and a relevance decision."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ingest.language import detect_language
from kb.countries import mentioned_countries
from kb.dense import dense_search
from kb.factory import KnowledgeBase, Snapshot
from kb.lexical import LexicalIndex
from kb.settings import RetrievalSettings
from kb.text import anchors, fold, terms, words
from kb.types import Filters, Passage

_COMPARISON = re.compile(
    r"\b(which|what) (countries|services|pes)\b|\bcompar|\bvergleich|\bwelche (länder|dienste)"
    r"|\bquels (pays|services)\b|\bqu[eé] pa[ií]ses\b|\bquali paesi\b|\bquais pa[ií]ses\b"
    r"|\bvilka länder\b|\bwelke landen\b|\bother (pes|countries|services)\b|\bautres (pays|spe)\b"
    r"|\bandere(n)? (länder|dienste|arbeitsverwaltungen)\b|\botros (países|servicios)\b",
    re.IGNORECASE,
)
_FOLLOW_UP_START = re.compile(
    r"^\s*(and|und|et|y|e|en|och|og|ja|i|a|what about|how about|und was ist mit|et pour|"
    r"qu'en est-il|y en|e in|e em|en in|och i)\b",
    re.IGNORECASE,
)


@dataclass
class Retrieval:
    query: str  # what was searched (follow-ups rewritten with the conversation)
    language: str  # the question's language
    passages: list[Passage]
    found: bool
    reason: str = ""
    countries: list[str] = field(default_factory=list)  # countries the question names
    generation: str = ""  # the published index generation that answered


def where_clause(filters: Filters | None) -> dict[str, Any] | None:
    """Catalogue filters as a Chroma ``where`` (None when there are none)."""
    if filters is None:
        return None
    parts: list[dict[str, Any]] = []
    for key, values in (
        ("country", filters.countries),
        ("practice_type", filters.practice_types),
        ("doc_id", filters.doc_ids),
        ("language", filters.languages),
    ):
        if values:
            parts.append({key: {"$in": list(values)}})
    for key, values in (("topics", filters.topics), ("target_groups", filters.target_groups)):
        if values:
            any_of = [{key: {"$contains": v}} for v in values]
            parts.append(any_of[0] if len(any_of) == 1 else {"$or": any_of})
    if filters.year_from is not None:
        parts.append({"year": {"$gte": filters.year_from}})
    if filters.year_to is not None:
        parts.append({"year": {"$lte": filters.year_to}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


def is_follow_up(question: str, language: str) -> bool:
    content = [t for t in terms(question, language) if not mentioned_countries(t)]
    return bool(_FOLLOW_UP_START.match(question)) or len(content) <= 2


def question_language(question: str, fallback: str = "en") -> str:
    return detect_language(question, min_chars=10, min_confidence=0.5) or fallback


class Retriever:
    def __init__(self, kb: KnowledgeBase, settings: RetrievalSettings | None = None) -> None:
        self.kb = kb
        self.settings = settings or kb.settings.retrieval

    # --- the two retrievers ---------------------------------------------------
    def dense(
        self, snap: Snapshot, vector: list[float], where: dict[str, Any] | None, n: int
    ) -> list[Passage]:
        return dense_search(snap, vector, where, n, self.settings.window_weight)

    def lexical_ranked(
        self, snap: Snapshot, query: str, language: str, filters: Filters | None, n: int
    ) -> tuple[list[Passage], list[Passage]]:
        index = snap.lexical
        if index is None or not len(index):
            return [], []
        base = index.mask(filters)
        same_language = index.mask(filters, language)

        by_terms = _lexical_passages(
            index, index.search("terms", terms(query, language), same_language, n)
        )
        by_anchors = _lexical_passages(index, index.search("anchors", anchors(query), base, n))
        return by_terms, by_anchors

    # --- the whole search ---------------------------------------------------------
    def search(
        self,
        question: str,
        filters: Filters | None = None,
        k: int | None = None,
        history: list[tuple[str, str]] | None = None,
        mode: str = "hybrid",
    ) -> Retrieval:
        s = self.settings
        k = k or s.k
        language = question_language(question)
        query = question
        countries = mentioned_countries(question)
        if history and is_follow_up(question, language):
            previous = history[-1][0]
            language = question_language(previous, language) if len(question) < 25 else language
            query = f"{previous} {question}"
            countries = countries or mentioned_countries(previous)
        where = where_clause(filters)
        snap = self.kb.snapshot()  # one generation for the whole question

        if mode == "bm25":
            index = snap.lexical
            ranked: list[Passage] = []
            if index is not None and len(index):
                mask = index.mask(filters)
                hits = index.search("terms", terms(query, language), mask, s.candidates)
                ranked = _lexical_passages(index, hits)
                for passage in ranked:
                    passage.score = passage.lexical
            passages = ranked[:k]
            self._score_support(snap, passages, None, query, language, countries)
            return self._decide(snap, query, language, passages, countries, filters)

        vector = self.kb.embedder.embed_query(query)
        dense = self.dense(snap, vector, where, s.candidates)
        lists: list[tuple[float, list[Passage]]] = [(1.0, dense)]
        asks_to_compare = bool(_COMPARISON.search(question))
        # Countries the question names get their own dense list, inside the user's filters.
        named = [
            c for c in countries if not filters or not filters.countries or c in filters.countries
        ]
        if named and not asks_to_compare:
            country_filter = replace(filters or Filters(), countries=named)
            country_where = where_clause(country_filter)
            lists.append((1.0, self.dense(snap, vector, country_where, s.candidates // 2)))
        # So do the documents whose organisation or programme it names ('AMS', 'VDAB').
        named_docs = self._named_documents(snap, query, countries, filters)
        if named_docs and not asks_to_compare:
            doc_where = where_clause(replace(filters or Filters(), doc_ids=sorted(named_docs)))
            lists.append((1.0, self.dense(snap, vector, doc_where, s.candidates // 2)))
        if mode == "hybrid":
            by_terms, by_anchors = self.lexical_ranked(snap, query, language, filters, s.candidates)
            # Lexical evidence counts only where it is strong: a passage that shares most of
            # the question's terms, or its names and numbers. Weak same-language matches
            # would otherwise outrank the right passage in another language.
            q_terms = set(terms(query, language))
            strong_terms = [p for p in by_terms if _coverage(q_terms, p, language) >= LEXICAL_GATE]
            # Same-language passages get their lexical credit from the terms; anchors are for
            # names and numbers that carry across languages ("AMS", "Chancenkompass", "2150").
            # Anchors most documents share ("PES", "2023") and short numbers ("50" years old)
            # are too common to carry a passage alone.
            common = snap.lexical.common_anchors if snap.lexical is not None else frozenset()
            q_anchors = carrying_anchors(query, countries, common)
            strong_anchors = [
                p for p in by_anchors if p.language != language and q_anchors & set(anchors(p.text))
            ]
            lists += [(LEXICAL_WEIGHT, strong_terms), (LEXICAL_WEIGHT, strong_anchors)]
        fused = self._fuse(lists, countries, named_docs)
        # A question about several countries ("in France and Germany") compares them too.
        passages = self._diversify(fused, k, comparison=asks_to_compare or len(countries) > 1)
        self._score_support(snap, passages, vector, query, language, countries)
        return self._decide(snap, query, language, passages, countries, filters)

    def _named_documents(
        self, snap: Snapshot, query: str, countries: list[str], filters: Filters | None
    ) -> set[str]:
        index = snap.lexical
        if index is None or not len(index):
            return set()
        tokens = set(anchors(query)) - {fold(c) for c in countries}
        named = index.documents_named(tokens)
        if filters and filters.doc_ids:
            named &= set(filters.doc_ids)
        return named

    def _fuse(
        self,
        lists: list[tuple[float, list[Passage]]],
        countries: list[str],
        named_docs: set[str] = frozenset(),
    ) -> list[Passage]:
        rrf_k = self.settings.rrf_k
        merged: dict[str, Passage] = {}
        for weight, ranked in lists:
            for rank, passage in enumerate(ranked, start=1):
                kept = merged.setdefault(passage.chunk_id, passage)
                kept.score += weight / (rrf_k + rank)
                kept.dense = max(kept.dense, passage.dense)
                kept.lexical = max(kept.lexical, passage.lexical)
        for passage in merged.values():
            if countries and passage.metadata.get("country") in countries:
                passage.score += 1.0 / (rrf_k + 1)
            if passage.doc_id in named_docs:
                passage.score += 1.0 / (rrf_k + 1)
            passage.score *= substance(passage, 0.4, 1000)  # rank title blocks well below content
        return sorted(merged.values(), key=lambda p: -p.score)

    def _diversify(self, ranked: list[Passage], k: int, comparison: bool) -> list[Passage]:
        """Best first, at most ``per_document_cap`` chunks per document (1 for comparisons)."""
        cap = 1 if comparison else self.settings.per_document_cap
        chosen: list[Passage] = []
        per_doc: dict[str, int] = {}
        for passage in ranked:
            if per_doc.get(passage.doc_id, 0) < cap:
                chosen.append(passage)
                per_doc[passage.doc_id] = per_doc.get(passage.doc_id, 0) + 1
            if len(chosen) == k:
                return chosen
        for passage in ranked:  # fewer documents than k: fill up with further chunks
            if len(chosen) == k:
                break
            if passage not in chosen:
                chosen.append(passage)
        return chosen

    # --- relevance -------------------------------------------------------------
    def _score_support(
        self,
        snap: Snapshot,
        passages: list[Passage],
        vector: list[float] | None,
        query: str,
        language: str,
        countries: list[str],
    ) -> None:
        if not passages:
            return
        if vector is not None:
            got = snap.store.chunks.get(ids=[p.chunk_id for p in passages], include=["embeddings"])
            vectors = dict(zip(got["ids"], got["embeddings"], strict=True))
            q = np.asarray(vector, dtype=float)
            for p in passages:
                p.dense = float(np.dot(q, np.asarray(vectors[p.chunk_id], dtype=float)))
        for p in passages:
            p.support = support_score(p, query, language, countries)

    def _decide(
        self,
        snap: Snapshot,
        query: str,
        language: str,
        passages: list[Passage],
        countries: list[str],
        filters: Filters | None,
    ) -> Retrieval:
        if not passages:
            return Retrieval(
                query, language, [], False, "no passages match", countries, snap.generation
            )
        # A question about a country needs a document from it, or a passage that is about
        # the question and names it; a passing mention in a long list is not enough.
        min_support = self.settings.min_support
        if countries and not any(
            p.metadata.get("country") in countries
            or (p.support >= min_support and _names_country(p, countries))
            for p in passages
        ):
            return Retrieval(
                query,
                language,
                passages,
                False,
                f"no documents about {', '.join(countries)} in the corpus",
                countries,
                snap.generation,
            )
        best = max(p.support for p in passages)
        # An acronym the corpus never mentions ('ALMA', 'OECD') is a programme or body it
        # has nothing on: only a strongly supported passage may answer then. Two-letter
        # acronyms are left out: they change between languages ('EU'/'UE', 'AI'/'KI').
        unknown = _unknown_acronyms(snap, query)
        if unknown and best < self.settings.unknown_name_support:
            reason = f"the corpus does not mention {', '.join(unknown)}"
            return Retrieval(query, language, passages, False, reason, countries, snap.generation)
        found = best >= self.settings.min_support
        reason = "" if found else f"no passage supports the question (best support {best:.2f})"
        return Retrieval(query, language, passages, found, reason, countries, snap.generation)


def carrying_anchors(query: str, countries: list[str], common: frozenset[str]) -> set[str]:
    """The question's anchors that may lift a passage in another language on their own:
    not anchors most documents share, not short numbers, not the ISO codes of the
    countries it names (their names, 'Austria', stay)."""
    return {
        a
        for a in set(anchors(query)) - {fold(c) for c in countries} - common
        if not (a.isdigit() and len(a) < 3)
    }


def _unknown_acronyms(snap: Snapshot, query: str) -> list[str]:
    index = snap.lexical
    if index is None or not len(index):
        return []
    acronyms = dict.fromkeys(w for w in words(query) if len(w) >= 3 and w.isalpha() and w.isupper())
    return [w for w in acronyms if not mentioned_countries(w) and not index.mentions(fold(w))]


def _lexical_passages(index: LexicalIndex, hits: list[tuple[int, float]]) -> list[Passage]:
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


LEXICAL_GATE = 0.5
SHORT_CHUNK_CHARS = 150
LEXICAL_WEIGHT = 1.0


def _coverage(q_terms: set[str], passage: Passage, language: str) -> float:
    if not q_terms:
        return 0.0
    p_terms = set(terms(passage.title + " " + passage.text, language))
    return len(q_terms & p_terms) / len(q_terms)


def substance(passage: Passage, floor: float = 0.6, scale: float = 800) -> float:
    """A document's opening block (title page, byline, disclaimer) and very short chunks
    borrow their similarity from the document title embedded with them; they rank and
    support less than passages with content. Length alone does not decide: a short
    paragraph inside a document is content."""
    if passage.metadata.get("chunk_index") != 0 and len(passage.text) >= SHORT_CHUNK_CHARS:
        return 1.0
    return min(1.0, floor + len(passage.text) / scale)


def _names_country(passage: Passage, countries: list[str]) -> bool:
    """The passage or its document's title names one of ``countries`` (an uncatalogued
    'Jobsplus (Malta) - toolkit' has no country field but is about Malta)."""
    return bool(set(mentioned_countries(f"{passage.title}. {passage.text}")) & set(countries))


def support_score(passage: Passage, query: str, language: str, countries: list[str]) -> float:
    """How well one passage supports answering the question, 0..1.

    Dense similarity alone separates answerable from unanswerable questions
    poorly, so it is combined with evidence a person would look for: the
    question's content terms in the passage (same language), its names and
    numbers (any language), and the country it asks about.
    """
    dense = min(max((passage.dense - 0.78) / 0.10, 0.0), 1.0)
    q_terms = set(terms(query, language))
    p_lang = passage.language
    coverage = 0.0
    if q_terms and (p_lang == language or p_lang is None):
        p_terms = set(terms(passage.text + " " + passage.title, language))
        coverage = len(q_terms & p_terms) / len(q_terms)
    q_anchors = {a for a in anchors(query)} - {fold(c) for c in countries}
    anchor_hit = 0.0
    if q_anchors:
        p_anchors = set(anchors(passage.title + ". " + passage.text))
        anchor_hit = len(q_anchors & p_anchors) / len(q_anchors)
    score = 0.6 * dense + 0.25 * coverage + 0.15 * anchor_hit
    if p_lang != language:
        score = max(score, 0.75 * dense + 0.25 * anchor_hit)
    score *= substance(passage)
    if (
        countries
        and passage.metadata.get("country") not in countries
        and not _names_country(passage, countries)
    ):
        score *= 0.5
    return round(score, 4)
