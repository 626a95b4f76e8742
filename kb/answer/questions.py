"""What a question must be before the knowledge base searches for it.

Shared by the app, the ``kb`` command line and ``KnowledgeService``: a question is
cleaned (control characters, NUL and bidirectional overrides removed, whitespace
collapsed), bounded (``retrieval.max_question_chars``), and refused with a hint when
nothing is left to search for (empty, or only symbols and emoji).
"""

from __future__ import annotations

import unicodedata

DEFAULT_MAX_CHARS = 2000
# Invisible characters that reorder or hide text (Trojan Source style); never needed here.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
EXAMPLE = "How do other PES activate long-term unemployed people over 50?"


class QuestionError(ValueError):
    """The question cannot be asked as it is; the message says why and what to do."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason  # "encoding", "empty", "no_words", "too_long"


def clean_question(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The question as the knowledge base will search for it, or ``QuestionError``."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        # Python turns bytes that are not UTF-8 on the command line into lone surrogates.
        raise QuestionError(
            "encoding", "the question is not valid UTF-8 text: check the terminal's encoding"
        )
    kept = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text.translate(_INVISIBLE)
    )
    question = " ".join(kept.split())
    if not question:
        raise QuestionError("empty", f"Type a question, for example: {EXAMPLE}")
    if len(question) > max_chars:
        raise QuestionError(
            "too_long",
            f"The question is {len(question):,} characters long; the limit is {max_chars:,}. "
            "Ask about one thing at a time, in a sentence or two.",
        )
    if not any(unicodedata.category(ch)[0] in "LN" for ch in question):
        raise QuestionError(
            "no_words",
            f"The question has no words to search for. Ask in words, for example: {EXAMPLE}",
        )
    return question


def cap(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """At most ``max_chars`` characters (for storing text that was not checked first)."""
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"
