"""Imported once by the extraction forkserver, so every worker starts with models loaded.

Workers fork from the server: the language model and tiktoken's encoding are
built here once instead of in each new worker (after a timeout or a crash too).
"""

from ingest import prepare  # noqa: F401  (pypdf, loaders, chunking)
from kb.core.language import detect_language
from kb.core.offline import cl100k

cl100k()
detect_language("Warm-up text for the language identifier, long enough to classify.")
