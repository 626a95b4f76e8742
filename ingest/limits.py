"""Per-document bounds: failures that name the limit, and what a failure is remembered by.

A document that breaks a size or time limit fails alone (the rest of the run and the
index are untouched). It is remembered in the manifest with its content hash and the
limits in force (``KnowledgeStore.put_failure``), so later runs and curation actions
report it without spending the work again until the file, the limits or the pipeline
change.
"""

from __future__ import annotations

import hashlib

from ingest.loaders import ExtractionError
from kb.core.settings import Settings


class LimitError(ExtractionError):
    """A document exceeded a size or time limit; ``limit`` names the setting."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit

    def __reduce__(self):  # noqa: ANN204 - keep ``limit`` across process boundaries
        return (type(self), (str(self), self.limit))


def over(what: str, value: int, limit: int, setting: str) -> LimitError:
    """``LimitError`` for a count over its limit, e.g. characters after extraction."""
    return LimitError(
        f"the document has {value:,} {what}, over the limit of {limit:,} "
        f"(ingest.{setting}); nothing of it was indexed",
        setting,
    )


def limits_hash(settings: Settings, phash: str) -> str:
    """Changes when a limit or the pipeline changes: a remembered failure is then retried."""
    i = settings.ingest
    parts = (
        phash,
        i.max_chars,
        i.max_chunks,
        i.max_windows,
        i.max_embed_s,
        i.extract_timeout_s,
        i.extract_memory_mb,
    )
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]
