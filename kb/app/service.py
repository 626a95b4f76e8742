"""Ask the knowledge base: retrieve, generate, validate citations. Returns data, not markup."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass

from kb.answer.citations import build_citations
from kb.answer.generators import GenerationRequest, Generator, build_generator
from kb.answer.generators.evidence import CorpusView, corpus_view, quotable
from kb.answer.generators.extractive import ExtractiveGenerator, not_found_text
from kb.answer.questions import QuestionError, clean_question
from kb.answer.retrieval import Retrieval, Retriever, analyse
from kb.answer.retrieval.breadth import broad_question, select_broad
from kb.answer.retrieval.decision import decide
from kb.core.types import Answer, Filters, Passage
from kb.index.embeddings import sentence_relevance
from kb.index.factory import KnowledgeBase

__all__ = ["DocumentMatch", "KnowledgeService", "QuestionError", "Retrieval", "fallback_notice"]

log = logging.getLogger(__name__)
NO_CITATION = "no valid citation"


def supported(passages: list[Passage], bar: float) -> list[Passage]:
    """The passages whose support reaches ``bar``, in their order."""
    return [p for p in passages if p.support >= bar]


def has_quotable(passage: Passage, corpus: CorpusView) -> bool:
    """The passage holds a sentence that may be quoted as evidence."""
    return bool(quotable(passage.text, passage.metadata, passage.title, corpus))


def fallback_notice(reason: str) -> str:
    """What the reader is told when a language model's answer was replaced."""
    error = reason.removeprefix("error: ")
    if reason == NO_CITATION:
        why = "cited none of the passages in a way that could be checked"
    elif "Timeout" in error:
        why = "did not answer in time"
    else:
        why = f"could not be reached or failed ({error})"
    return (
        f"The language model {why}, so its text is not shown: "
        "this answer quotes the passages' own sentences instead."
    )


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
        # A model's answer without a valid citation, or a model that errs or times out,
        # is replaced by the extractive answer (which only quotes passages).
        self.fallback: Generator | None = None
        if not isinstance(self.generator, ExtractiveGenerator):
            settings = kb.settings.model_copy(deep=True)
            settings.generator.mode = "extractive"
            self.fallback = build_generator(settings)

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
        every language), grouped by document. Every passage the relevance decision would
        answer with counts (a library search is for breadth); empty when the decision
        finds nothing that matches, as a question would be refused."""
        retrieval = self.retrieve(text, filters, k=limit)
        if not retrieval.found:
            return []
        floor = self.retriever.settings.min_support
        best: dict[str, Passage] = {}
        # ranked: the first passage of a document is its best
        for p in supported(retrieval.passages, floor):
            if p.support > 0:
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
        retrieval, passages, corpus, broad = self._answer_passages(question, filters, history)
        retrieved_at = time.perf_counter()
        answer = Answer(
            question=question,
            text="",
            language=retrieval.language,
            mode=self.generator.name,
            filters=(filters or Filters()).to_dict(),
            retrieval_query=retrieval.query,
            passages=retrieval.passages + [p for p in passages if p not in retrieval.passages],
            generation=retrieval.generation,
        )
        if not retrieval.found or not passages:
            answer.found = False
            answer.text = not_found_text(retrieval.language)
            yield answer.text
        else:
            request = GenerationRequest(
                question, retrieval.language, passages, history or [], corpus, broad,
                self._relevance,
            )  # fmt: skip
            pieces: list[str] = []
            failure = ""
            try:
                for piece in self.generator.stream(request):
                    pieces.append(piece)
                    yield piece
            except Exception as exc:  # noqa: BLE001 - any endpoint failure falls back
                if self.fallback is None:
                    raise
                log.warning("%s failed, answering extractively: %r", self.generator.name, exc)
                failure = f"error: {type(exc).__name__}"
            text, citations, unsupported, removed = build_citations(
                "".join(pieces), passages, retrieval.language
            )
            if self.fallback is not None and (failure or not citations):
                answer.fallback = failure or NO_CITATION
                answer.notice = fallback_notice(answer.fallback)
                answer.mode = self.fallback.name
                text, citations, unsupported, removed = build_citations(
                    self.fallback.generate(request), passages, retrieval.language
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

    def _answer_passages(
        self, question: str, filters: Filters | None, history: list[tuple[str, str]] | None
    ) -> tuple[Retrieval, list[Passage], CorpusView | None, bool]:
        """The retrieval (its decision made on the k best passages, as ``retrieve``'s),
        the passages to answer from, the index's view and whether the question is broad."""
        policy = self.retriever.settings
        query = analyse(question, history)
        snap = self.kb.snapshot()
        common = snap.lexical.common_anchors if snap.lexical is not None else frozenset()
        broad = broad_question(query, common)
        # A broad question is answered from the first k * broad_documents passages with
        # something to quote, drawn from as deep as the retrievers' candidates go.
        pool = policy.k * policy.broad_documents if broad else policy.k
        depth = max(pool, policy.candidates) if broad else pool
        retrieval = self.retriever.search_query(query, filters, depth)
        if broad and retrieval.generation == snap.generation:
            head = decide(snap, query, retrieval.passages[: policy.k], policy)
            retrieval, ranked = head, retrieval.passages
        else:
            ranked = retrieval.passages
        # A document's opening block (title page, byline) is never quoted, so it sets no bar.
        corpus = self._corpus(retrieval)
        content = [p for p in ranked if corpus is None or not corpus.opening_block(p.metadata)]
        best = max((p.support for p in content), default=0.0)
        if broad:
            # A place given to hear another document is wasted on a passage with nothing
            # to quote (a byline and disclaimer in a longer first chunk, a table).
            content = [p for p in content if corpus is None or has_quotable(p, corpus)][:pool]
            # Breadth is the point, which a bar relative to the best passage cuts away: the
            # best passage, then other countries and documents whose passages pass the
            # decision's calibrated bar, then the rest by rank.
            passages = select_broad(
                content, policy.k, policy.min_support, policy.broad_documents,
                policy.broad_countries,
            )  # fmt: skip
            return retrieval, passages, corpus, True
        # Otherwise every passage with at least half the best passage's support.
        return retrieval, supported(ranked, best / 2), corpus, False

    def _relevance(self, question: str, sentences: list[str]) -> list[float]:
        """How close each sentence is in meaning to the question, by the index's embedder."""
        return sentence_relevance(self.kb.embedder, question, sentences)

    def _corpus(self, retrieval: Retrieval) -> CorpusView | None:
        """The index generation the passages came from, for quoting whole sentences."""
        snap = self.kb.snapshot()
        return corpus_view(snap.lexical) if snap.generation == retrieval.generation else None

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        history: list[tuple[str, str]] | None = None,
    ) -> Answer:
        *_, answer = self.ask_stream(question, filters, history)
        assert isinstance(answer, Answer)
        return answer
