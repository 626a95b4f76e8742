"""The one Markdown escaper: document text renders as exactly its characters."""

from __future__ import annotations

import re

import pytest

from kb.core.markup import md_text

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![pixel](http://203.0.113.7/t.png)",
    "Title :red[alarm] :material/home: $x^2$",
    "see www.tracker.example or mail a@b.example",
    "http://203.0.113.7/x and https://t.example/y",
    "# Heading",
    "1. first",
    "- item",
    "***",
    "&lt;script&gt;",
    "| a | b |",
    "`code`",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_construct_is_escaped(text: str) -> None:
    out = md_text(text)
    unescaped = re.sub(r"\\.", "", out)
    for opener in ("<", "](", "![", "`", ":", "$", "&", "www.", "|"):
        assert opener not in unescaped, (text, out)
    # Autolinks are found in the parsed text, after escapes: a zero-width space breaks them.
    plain = out.replace("\\", "")
    assert not re.search(r"(?i)https?://|www\.|\w@\w", plain), out
    assert not re.match(r"^(#|\d+\.|-|\*)", unescaped), out


def test_text_and_line_structure_survive() -> None:
    assert md_text("Plain words, kept.") == "Plain words, kept."
    assert md_text("one\ntwo\n\nthree") == "one  \ntwo\n\nthree"
    assert md_text("one\ntwo\n\nthree", breaks=False) == "one two three"
    assert md_text(None) == "" and md_text(2023) == "2023"
