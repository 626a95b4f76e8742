"""The one place that builds the knowledge base's dependencies from settings."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from kb.embeddings import EmbedderInfo, build_embedder
from kb.settings import Settings
from kb.store import KnowledgeStore, open_client


@dataclass
class KnowledgeBase:
    settings: Settings
    embedder: Embeddings
    embedder_info: EmbedderInfo
    store: KnowledgeStore


def build_knowledge_base(settings: Settings, *, reset: bool = False) -> KnowledgeBase:
    """Open (or create) the index named by the settings with the configured embedder.

    ``reset`` drops the index first (a full rebuild, e.g. after changing embedder).
    Raises EmbedderMismatchError when the index was built with another embedder.
    """
    embedder, info = build_embedder(settings.embedder)
    client = open_client(settings.store.index_dir)
    if reset:
        KnowledgeStore.drop(client, settings.store.collection)
    store = KnowledgeStore(client, settings.store.collection, info)
    return KnowledgeBase(settings, embedder, info, store)
