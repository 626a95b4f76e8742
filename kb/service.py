"""Ask the knowledge base: retrieve, generate, validate citations. Returns data, not markup."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from kb.citations import build_citations
from kb.factory import KnowledgeBase
from kb.generators import GenerationRequest, Generator, build_generator
from kb.generators.extractive import not_found_text
from kb.questions import QuestionError, clean_question
from kb.retrieval import Retrieval, Retriever
from kb.types import Answer, Filters, Passage

__all__ = ["DocumentMatch", "KnowledgeService", "QuestionError", "Retrieval"]

LIBRARY_PASSAGES = 30  # passages a library search ranks before grouping them by document


@dataclass(frozen=True)
class DocumentMatch:
    """A document a library search found: its best passage, and how relevant that is."""

    doc_id: str
    passage: Passage
    support: float


class KnowledgeService:
    """One per process (Streamlit: ``st.cache_resource``); safe to share between sessions."""

    def __init__(self, kb: KnowledgeBase, generator: Generator | None = None) -> None:
        self.kb = kb
        self.retriever = Retriever(kb)
        self.generator = generator or build_generator(kb.settings)

    def check_question(self, question: str) -> str:
        """The question cleaned and bounded, or ``QuestionError`` saying what to change."""
        return clean_question(question, self.kb.settings.retrieval.max_question_chars)

    def retrieve(
        self,
        question: str,
        filters: Filters | None = None,
        k: int | None = None,
        history: list[tuple[str, str]] | None = None,
        mode: str = "hybrid",
    ) -> Retrieval:
        question = self.check_question(question)
        return self.retriever.search(question, filters, k, history, mode)

    def search_documents(
        self, text: str, filters: Filters | None = None, limit: int = LIBRARY_PASSAGES
    ) -> list[DocumentMatch]:
        """The documents whose passages match ``text``, best first, each with its best
        passage: the same retrieval as a question (any language finds documents in
        every language), grouped by document, kept by the rule that picks the passages
        an answer draws on (at least half the best passage's support). Empty when the
        relevance decision finds nothing that matches, as a question would be refused."""
        retrieval = self.retrieve(text, filters, k=limit)
        if not retrieval.found:
            return []
        floor = max((p.support for p in retrieval.passages), default=0.0) / 2
        best: dict[str, Passage] = {}
        for p in retrieval.passages:  # ranked: the first passage of a document is its best
            if p.support >= floor and p.support > 0:
                best.setdefault(p.doc_id, p)
        return [DocumentMatch(d, p, p.support) for d, p in best.items()]

    def ask_stream(
        self,
        question: str,
        filters: Filters | None = None,
        history: list[tuple[str, str]] | None = None,
    ) -> Iterator[str | Answer]:
        """Yields text pieces as they are generated, then the validated ``Answer`` last.

        The streamed text is provisional: the final answer has invalid and
        unsupported citation markers removed and the rest renumbered. A question that
        ``check_question`` refuses raises ``QuestionError`` before anything is searched.
        """
        question = self.check_question(question)
        started = time.perf_counter()
        retrieval = self.retrieve(question, filters, history=history)
        retrieved_at = time.perf_counter()
        # Once the question is answerable, keep every passage with at least half the best
        # passage's support, so comparisons can draw on several documents.
        best = max((p.support for p in retrieval.passages), default=0.0)
        passages = [p for p in retrieval.passages if p.support >= best / 2]
        answer = Answer(
            question=question,
            text="",
            language=retrieval.language,
            mode=self.generator.name,
            filters=(filters or Filters()).to_dict(),
            retrieval_query=retrieval.query,
            passages=retrieval.passages,
            generation=retrieval.generation,
        )
        if not retrieval.found or not passages:
            answer.found = False
            answer.text = not_found_text(retrieval.language)
            yield answer.text
        else:
            request = GenerationRequest(question, retrieval.language, passages, history or [])
            pieces = []
            for piece in self.generator.stream(request):
                pieces.append(piece)
                yield piece
            text, citations, unsupported, removed = build_citations(
                "".join(pieces), passages, retrieval.language
            )
            answer.text, answer.citations = text, citations
            answer.unsupported, answer.removed_markers = unsupported, removed
            answer.found = bool(citations)
            if not citations:
                answer.text = not_found_text(retrieval.language)
        answer.timings_ms = {
            "retrieve": round((retrieved_at - started) * 1000, 1),
            "total": round((time.perf_counter() - started) * 1000, 1),
        }
        yield answer

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        history: list[tuple[str, str]] | None = None,
    ) -> Answer:
        *_, answer = self.ask_stream(question, filters, history)
        assert isinstance(answer, Answer)
        return answer
