"""A broad question hears every document it is given: a document whose sentences share no
word with the question is quoted by its sentence closest in meaning (real e5 embedder),
never for a shared date or name. Every passage here is an illustrative text written for
the tests."""

from __future__ import annotations

from functools import partial

import pytest

from kb.answer.generators.base import GenerationRequest
from kb.answer.generators.extractive import ExtractiveGenerator
from kb.core.types import Passage
from kb.index.embeddings import E5Embeddings, sentence_relevance

QUESTION = "How do employment services help jobseekers over 50 find work?"


def _passage(doc: str, country: str, text: str, language: str = "en") -> Passage:
    md = {"doc_id": doc, "title": doc.title(), "country": country, "language": language}
    return Passage(f"{doc}-1", doc, text, md, support=0.5)


# Shares "jobseekers" and "work" with the question: quoted by words, as before.
WORDS = _passage(
    "alpha", "FR",
    "Older jobseekers meet a counsellor every week until they find work again. "
    "The office also publishes a monthly newsletter about local events.",
)  # fmt: skip
# Shares no content word with the question. The first sentence shares only the figure 50.
MEANING = _passage(
    "beta", "DE",
    "The 50 regional offices moved into a new building with a larger car park last spring. "
    "Unemployed people aged fifty and older receive intensive coaching from a personal "
    "mentor and visits to companies that are hiring.",
)  # fmt: skip
# Another language: words cannot match at all.
GERMAN = _passage(
    "gamma", "AT",
    "Das Gebäude der Geschäftsstelle wurde im vergangenen Jahr renoviert und neu gestrichen. "
    "Ältere Arbeitslose erhalten ein Coaching und einen Lohnzuschuss, wenn ein Betrieb sie "
    "einstellt.",
    "de",
)  # fmt: skip


@pytest.fixture(scope="module")
def relevance():
    return partial(sentence_relevance, E5Embeddings())


def _ask(broad: bool, relevance=None, passages=(WORDS, MEANING, GERMAN)) -> str:
    request = GenerationRequest(QUESTION, "en", list(passages), broad=broad, relevance=relevance)
    return ExtractiveGenerator().generate(request)


def test_a_broad_question_quotes_each_document_by_its_closest_sentence(relevance):
    text = _ask(True, relevance)
    assert text.startswith("3 documents from FR, DE and AT;")
    assert "Older jobseekers meet a counsellor" in text
    assert "receive intensive coaching" in text and "car park" not in text
    assert "(AT, German)" in text  # another language: quoted by its own rule, as before
    assert "newsletter" not in text
    # Blocks in retrieval order.
    assert text.index("Alpha") < text.index("Beta") < text.index("Gamma")


def test_a_specific_question_still_quotes_only_sentences_sharing_its_words(relevance):
    text = _ask(False, relevance)
    assert "Older jobseekers meet a counsellor" in text
    assert "intensive coaching" not in text and "car park" not in text


def test_relevance_is_measured_without_the_names_and_figures_shared_with_the_question():
    seen: list[str] = []

    def recording(question: str, sentences: list[str]) -> list[float]:
        seen.extend(sentences)
        # Prefers the figure, then coaching: with the figure visible the car park would win.
        return [1.0 if "50" in s.split() else 0.5 * ("coaching" in s) for s in sentences]

    text = _ask(True, recording, [MEANING])
    assert seen and not any("50" in s.split() for s in seen)
    assert "car park" not in text and "intensive coaching" in text


def test_without_a_measure_the_best_ranked_passage_speaks_but_never_for_a_shared_figure():
    text = _ask(True, None, [MEANING])
    assert "intensive coaching" in text and "car park" not in text
    assert _ask(False, None, [MEANING]) == ""  # not broad: nothing shares a word
