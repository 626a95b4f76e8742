"""Settings of the trials' runs and the paths shared by the crash modules."""

from __future__ import annotations

import os
import re

from common import REPO_ROOT, project_on_path, vocabulary

# The project (``ingest``, ``kb``) is imported only in the child modes (--inspect,
# --curation-child) and for generating documents, never at module level.

# The entry script: trials run it again as the reader (--inspect) and the curation child.
SCRIPT = REPO_ROOT / "benchmarks" / "crash_trials.py"
ENV = {
    "PESKB_PROFILE": "test",
    "PESKB_EMBEDDER__PROVIDER": "fake",
    "PESKB_CHUNKING__CHUNK_TOKENS": "60",
    "PESKB_EMBEDDER__BATCH_SIZE": "4",
}
KEEP_GENERATIONS = 2  # store.keep_generations default
POLL_S = 0.05
ORPHAN_WAIT_S = 10.0
TIMEOUT_S = 900.0
LANGS = ("en", "fr", "de", "es")
TOPICS = tuple(vocabulary()["topics"])  # the catalogue's (kb.core.vocabulary, no imports)
COUNTRIES = ("AT", "DE", "FR", "ES", "BE", "IE", "EU")
CURATION_ACTIONS = (
    "add_document",
    "replace_document",
    "update_metadata",
    "remove_document",
    "reingest_all",
)
_PROGRESS = re.compile(r"(\d+)/(\d+) ?\[")


def _env() -> dict[str, str]:
    return {**os.environ, **ENV}


def _project_path() -> None:
    project_on_path(REPO_ROOT)
