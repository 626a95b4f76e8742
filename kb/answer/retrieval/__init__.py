"""Retrieval: question analysis, retrievers, fusion, diversity, relevance decision."""

from kb.answer.retrieval.decision import Retrieval, names_country
from kb.answer.retrieval.filters import where_clause
from kb.answer.retrieval.fusion import substance
from kb.answer.retrieval.query import Query, analyse, is_follow_up, question_language
from kb.answer.retrieval.retriever import MODES, Retriever, UnknownModeError

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
