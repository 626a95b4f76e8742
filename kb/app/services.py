"""Opening the application: the knowledge base, the ask service and the feedback store
that the pages and the CLIs share, and the reads they make of the index."""

from __future__ import annotations

from dataclasses import dataclass

from kb.app.feedback import FeedbackStore
from kb.app.service import KnowledgeService
from kb.core.settings import Settings
from kb.index.factory import KnowledgeBase, build_knowledge_base
from kb.index.store import DocRecord, EmbedderMismatchError

__all__ = ["EmbedderMismatchError", "NoIndexError", "Services", "open_service", "open_services"]


class NoIndexError(RuntimeError):
    """Nothing is published at the configured place yet."""


@dataclass
class Services:
    settings: Settings
    kb: KnowledgeBase
    service: KnowledgeService
    feedback: FeedbackStore

    def documents(self) -> dict[str, DocRecord]:
        """The documents of the published index (reads its manifest on every call)."""
        return self.kb.snapshot().store.documents()


def open_services(settings: Settings, feedback_salt: str | None = None) -> Services:
    """Everything the app needs, built once per process; creates an empty index if none."""
    kb = build_knowledge_base(settings)
    return Services(
        settings,
        kb,
        KnowledgeService(kb),
        FeedbackStore(settings.app.feedback_db, salt=feedback_salt),
    )


def open_service(settings: Settings) -> KnowledgeService:
    """The ask service over an existing index, opened now so a bad index fails here.

    Raises NoIndexError when nothing is published, EmbedderMismatchError when the index
    was built with another embedder.
    """
    kb = build_knowledge_base(settings, create=False)
    if kb.published() is None:
        where = settings.store.url or settings.store.index_dir
        raise NoIndexError(f"no index at {where}: run `python -m ingest run` first")
    kb.snapshot()
    return KnowledgeService(kb)
