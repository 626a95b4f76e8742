"""Language identification, offline (py3langid ships its model in the wheel)."""

from __future__ import annotations

import threading
from functools import lru_cache

# Languages of the PES Network countries and their neighbours.
EUROPEAN = (
    "bg cs da de el en es et fi fr ga hr hu is it lt lv mt nl no pl pt ro sk sl sv "
    "ca eu gl lb sq mk sr bs tr uk ru"
).split()
# Languages close enough that the classifier splits its confidence between them: their
# shares are pooled before the confidence is judged, and the likeliest one is returned.
CLOSE = (frozenset({"hr", "bs", "sr"}), frozenset({"cs", "sk"}), frozenset({"da", "no"}))
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([lang for lang in EUROPEAN if lang in ident.nb_classes])
    return ident


def detect_language(text: str, min_chars: int = 40, min_confidence: float = 0.6) -> str | None:
    """ISO 639-1 code of ``text``, or None when the text is too short or the guess is weak."""
    sample = text[:5000]
    if len(sample.strip()) < min_chars:
        return None
    with _lock:
        ranked = _identifier().rank(sample)
    lang, prob = ranked[0]
    close = next((group for group in CLOSE if lang in group), frozenset({lang}))
    pooled = sum(p for code, p in ranked if code in close)
    return lang if pooled >= min_confidence else None
