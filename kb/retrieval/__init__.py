"""Retrieval: question analysis, retrievers, fusion, diversity, relevance decision."""

from kb.retrieval.decision import Retrieval, names_country
from kb.retrieval.filters import where_clause
from kb.retrieval.fusion import substance
from kb.retrieval.query import Query, analyse, is_follow_up, question_language
from kb.retrieval.retriever import MODES, Retriever, UnknownModeError

__all__ = [
    "MODES",
    "Query",
    "Retrieval",
    "Retriever",
    "UnknownModeError",
    "analyse",
    "is_follow_up",
    "names_country",
    "question_language",
    "substance",
    "where_clause",
]
