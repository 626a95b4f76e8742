"""Cross-lingual pseudo-relevance feedback, with hand-made vectors and illustrative texts
(written for this test) on a real Chroma in a temp dir."""

import pytest

from kb.answer.retrieval.feedback import FeedbackRetriever, salient_terms
from kb.core.settings import RetrievalSettings
from kb.core.types import Filters
from kb.index.embeddings import EmbedderInfo
from kb.index.factory import Snapshot
from kb.index.filtering import compile_filters
from kb.index.lexical import build_lexical_index
from kb.index.store import KnowledgeStore
from tests.kb.index.test_store import _client, _name

# chunk id -> (language, country, vector, text). The question's vector is (1, 0, 0).
CHUNKS = {
    # nearest German chunks: they share "Kurzarbeit" and "Lohnausgleich"
    "de-near-1": ("de", "DE", (1.0, 0.0, 0.0),
                  "Kurzarbeit mit Lohnausgleich hilft Betrieben. Betriebe melden Kurzarbeit."),
    "de-near-2": ("de", "DE", (0.95, 0.3, 0.0),
                  "Der Lohnausgleich bei Kurzarbeit wird monatlich beantragt. Formulare."),
    # far from the question's vector, but about the same thing in the same words
    "de-answer": ("de", "DE", (0.0, 0.0, 1.0),
                  "Wie lange Kurzarbeit dauert und wie hoch der Lohnausgleich ist."),
    # far and about something else
    "de-other": ("de", "DE", (0.0, 0.2, 1.0),
                 "Weiterbildung für Jugendliche in Handwerksberufen und Schulen."),
    "de-filler": ("de", "DE", (0.2, 1.0, 0.0),
                  "Beratung für Jugendliche in Schulen und Gemeinden."),
    # the question's own language: no feedback list
    "en-near": ("en", "IE", (0.9, 0.1, 0.0), "Short-time work and wage compensation."),
    "fr-far": ("fr", "FR", (0.0, 0.0, 1.0), "Le chômage partiel et la compensation salariale."),
}  # fmt: skip
QUESTION = [1.0, 0.0, 0.0]


@pytest.fixture
def snap(tmp_path) -> Snapshot:
    store = KnowledgeStore(_client(tmp_path), _name(tmp_path), EmbedderInfo("fake", 3))
    for chunk_id, (language, country, vector, text) in CHUNKS.items():
        md = {
            "doc_id": chunk_id,
            "country": country,
            "language": language,
            "chunk_language": language,
            "title": "",
            "chunk_index": 1,
        }
        store.add_chunks([chunk_id], [text], [list(vector)], [md])
    return Snapshot("000001", store, build_lexical_index(store, "000001"))


def _lists(snap, language="en", filters=None, **policy):
    retriever = FeedbackRetriever(RetrievalSettings(**policy))
    got = retriever.run(snap, QUESTION, language, compile_filters(filters), 10)
    return {ranked[0].language: [p.chunk_id for p in ranked] for ranked in got}


def test_the_answer_far_from_the_question_is_found_through_the_nearest_chunks_words(snap):
    lists = _lists(snap, feedback_passages=2)
    german = lists["de"]
    assert "de-answer" in german
    assert german.index("de-answer") < 3
    # chunks that share none of the feedback terms are not in the list
    assert "de-other" not in german and "de-filler" not in german


def test_no_list_in_the_questions_own_language(snap):
    assert "en" not in _lists(snap, feedback_passages=2)
    assert "de" not in _lists(snap, language="de", feedback_passages=2)


def test_filters_hold(snap):
    lists = _lists(snap, filters=Filters(countries=["FR", "IE"]), feedback_passages=2)
    assert "de" not in lists
    assert all(p.startswith("fr-") for p in lists.get("fr", []))


def test_salient_terms_are_shared_by_the_feedback_chunks(snap):
    index = snap.lexical
    rows = [index.ids.index("de-near-1"), index.ids.index("de-near-2")]
    shared = salient_terms(index, rows, "de", count=10, min_passages=2)
    assert shared and len(shared) <= 3  # the two subject words (stemmed), not "Formulare"
    assert all(t in salient_terms(index, rows, "de", count=10, min_passages=1) for t in shared)
    assert len(salient_terms(index, rows, "de", count=10, min_passages=1)) > len(shared)
    assert salient_terms(index, rows, "de", count=1, min_passages=1) != []
    assert salient_terms(index, [], "de", count=10, min_passages=1) == []
    # rarer terms weigh more; a term no chunk has weighs nothing
    assert index.terms_bm25.idf("formular") > index.terms_bm25.idf("kurzarbeit") > 0
    assert index.terms_bm25.idf("arbeitslosengeld") == 0.0


def test_a_pool_limits_the_lists_to_the_chunks_nearest_the_question(snap):
    # the four chunks nearest (1, 0, 0): de-near-1, de-near-2, en-near, de-filler
    german = _lists(snap, feedback_passages=2, feedback_pool=4)["de"]
    assert set(german) <= {"de-near-1", "de-near-2", "de-filler"}
    assert "de-answer" not in german


def test_only_the_languages_of_the_first_dense_candidates(snap):
    retriever = FeedbackRetriever(
        RetrievalSettings(feedback_passages=2, feedback_languages=1, feedback_min_passages=1)
    )
    index = snap.lexical
    from kb.answer.retrieval.candidates import lexical_passages

    french_first = lexical_passages(index, [(index.ids.index("fr-far"), 1.0)])
    got = retriever.run(snap, QUESTION, "en", compile_filters(None), 10, french_first)
    assert [ranked[0].language for ranked in got] == ["fr"]
    everything = FeedbackRetriever(
        RetrievalSettings(feedback_passages=2, feedback_languages=0, feedback_min_passages=1)
    )
    got = everything.run(snap, QUESTION, "en", compile_filters(None), 10, french_first)
    assert {ranked[0].language for ranked in got} == {"de", "fr"}
