"""Library search results: metadata and retrieval matches merged, one row per document."""

from __future__ import annotations

from types import SimpleNamespace

from kb.app.library import excerpt, merge_matches, search_rows

ROWS = [
    {"doc_id": "a", "title": "Youth guarantee in A", "topics": ["youth-guarantee"]},
    {"doc_id": "b", "title": "Employer desk", "topics": [], "target_groups": ["employers"]},
    {"doc_id": "c", "title": "Garantía juvenil", "topics": []},
]


def test_documents_found_both_ways_come_first_then_by_text_then_by_title() -> None:
    by_meta = search_rows(ROWS, "youth")
    assert [r["doc_id"] for r in by_meta] == ["a"]
    content = [SimpleNamespace(doc_id=d) for d in ("c", "a", "gone")]  # "gone": not a row
    merged = merge_matches(ROWS, by_meta, content)
    assert [(r["doc_id"], r["match"]) for r in merged] == [
        ("a", "title and text"),
        ("c", "text"),
    ]
    only_meta = merge_matches(ROWS, search_rows(ROWS, "employer"), [])
    assert [(r["doc_id"], r["match"]) for r in only_meta] == [("b", "title or topics")]
    assert "match" not in ROWS[0]  # the rows themselves are not changed


def test_excerpt_cuts_at_a_word() -> None:
    text = "word " * 100
    cut = excerpt(text, 42)
    assert cut.endswith(" …") and len(cut) <= 44 and "wor …" not in cut
    assert excerpt("  short\n text ") == "short text"
