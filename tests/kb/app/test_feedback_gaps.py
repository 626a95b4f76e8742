"""The answer log's gap reports and summaries, and the Markdown export of a conversation."""

from datetime import UTC, datetime

import pytest

from kb.app.export import export_conversation_markdown
from kb.app.feedback import (
    NOT_FOUND,
    THUMBS_DOWN,
    GapRow,
)
from kb.app.gap_groups import question_topics
from tests.kb.app.feedback_fixtures import (
    MON_W48,
    MON_W49,
    SUN_W48,
    found_answer,
    make_citation,
    not_found_answer,
)

# --- gaps ---------------------------------------------------------------------


def test_gaps_include_not_found_and_thumbs_down_but_not_thumbs_up(store, clock):
    missing = store.record_answer("Apprenticeships in Malta?", not_found_answer("en"), {}, "s")
    clock.now = SUN_W48
    disliked = store.record_answer("Profiling in France?", found_answer(language="fr"), {}, "s")
    store.record_feedback(disliked, 0, "Wrong country, mail x@y.fr")
    liked = store.record_answer("Profiling tools?", found_answer(), {}, "s")
    store.record_feedback(liked, 1, "thanks")
    store.record_answer("No feedback at all?", found_answer(), {}, "s")
    missing_and_disliked = store.record_answer("Roma outreach?", not_found_answer(), {}, "s")
    store.record_feedback(missing_and_disliked, 0, "nothing")

    gaps = store.gaps()
    assert [g.answer_id for g in gaps] == [missing_and_disliked, disliked, missing]
    by_id = {g.answer_id: g for g in gaps}
    assert by_id[missing].reason == NOT_FOUND and by_id[missing].comment is None
    assert by_id[missing].question == "Apprenticeships in Malta?"
    assert by_id[missing].time == MON_W48
    assert by_id[disliked].reason == THUMBS_DOWN
    assert by_id[disliked].comment == "Wrong country, mail [email]"
    assert by_id[disliked].language == "fr"
    assert by_id[missing_and_disliked].reason == NOT_FOUND
    assert by_id[missing_and_disliked].comment == "nothing"
    assert all(isinstance(g, GapRow) for g in gaps)
    assert gaps[0].to_dict()["time"] == "2026-11-29T23:00:00+00:00"

    assert [g.answer_id for g in store.gaps(since=SUN_W48)] == [missing_and_disliked, disliked]
    naive = SUN_W48.replace(tzinfo=None)
    assert len(store.gaps(since=naive)) == 2


def test_changing_thumbs_down_to_up_removes_the_gap(store):
    answer_id = store.record_answer("q?", found_answer(), {}, "s")
    store.record_feedback(answer_id, 0, None)
    assert len(store.gaps()) == 1
    store.record_feedback(answer_id, 1, None)
    assert store.gaps() == []


# --- summaries ----------------------------------------------------------------


def _populate(store, clock):
    # week 48
    clock.now = MON_W48
    store.record_answer("Youth guarantee in Austria?", not_found_answer("en"), {}, "s")
    store.record_answer("Any outreach?", not_found_answer("de"), {"countries": ["DE"]}, "s")
    store.record_answer("Something else?", not_found_answer("en"), {}, "s")
    clock.now = SUN_W48
    disliked = store.record_answer(
        "Profiling?", found_answer(language="fr"), {"topics": ["profiling"]}, "s"
    )
    store.record_feedback(disliked, 0, None)
    liked = store.record_answer("Profiling in Austria?", found_answer(), {}, "s")
    store.record_feedback(liked, 1, None)
    # week 49
    clock.now = MON_W49
    store.record_answer("Public employment services in Austria?", not_found_answer("en"), {}, "s")
    disliked = store.record_answer("Job matching?", found_answer(language="en"), {}, "s")
    store.record_feedback(disliked, 0, "not helpful")


def test_gap_summary_by_country_per_week(store, clock):
    _populate(store, clock)
    assert store.gap_summary("country") == [
        # filters first, then the countries the question names, then the cited documents
        {"period": "2026-W48", "group": "(none)", "not_found": 1, "thumbs_down": 0, "total": 1},
        {"period": "2026-W48", "group": "AT", "not_found": 1, "thumbs_down": 0, "total": 1},
        {"period": "2026-W48", "group": "DE", "not_found": 1, "thumbs_down": 0, "total": 1},
        {"period": "2026-W48", "group": "FR", "not_found": 0, "thumbs_down": 1, "total": 1},
        {"period": "2026-W49", "group": "AT", "not_found": 1, "thumbs_down": 0, "total": 1},
        {"period": "2026-W49", "group": "FR", "not_found": 0, "thumbs_down": 1, "total": 1},
    ]


def test_gap_summary_by_topic_and_language(store, clock):
    _populate(store, clock)
    topics = {(r["period"], r["group"]): r["total"] for r in store.gap_summary("topic")}
    assert topics == {
        ("2026-W48", "youth-guarantee"): 1,
        ("2026-W48", "outreach"): 1,
        ("2026-W48", "(none)"): 1,
        ("2026-W48", "profiling"): 1,  # from the filters
        ("2026-W49", "(none)"): 1,  # 'employment services' is not 'employer services'
        ("2026-W49", "job-matching"): 1,
    }
    languages = store.gap_summary("language")
    assert languages[0] == {
        "period": "2026-W48",
        "group": "en",
        "not_found": 2,
        "thumbs_down": 0,
        "total": 2,
    }
    assert {(r["period"], r["group"], r["total"]) for r in languages} == {
        ("2026-W48", "en", 2),
        ("2026-W48", "de", 1),
        ("2026-W48", "fr", 1),
        ("2026-W49", "en", 2),
    }


def test_gap_summary_per_month_and_since(store, clock):
    _populate(store, clock)
    clock.now = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)  # ISO week 2026-W53, month 2027-01
    store.record_answer("Malta?", not_found_answer("en"), {}, "s")
    months = store.gap_summary("language", period="month")
    assert {(r["period"], r["group"], r["total"]) for r in months} == {
        ("2026-11", "en", 4),
        ("2026-11", "de", 1),
        ("2026-11", "fr", 1),
        ("2027-01", "en", 1),
    }
    weeks = store.gap_summary("country", since=clock.now)
    assert weeks == [
        {"period": "2026-W53", "group": "MT", "not_found": 1, "thumbs_down": 0, "total": 1}
    ]


def test_gap_summary_rejects_unknown_options(store):
    with pytest.raises(ValueError):
        store.gap_summary("organisation")
    with pytest.raises(ValueError):
        store.gap_summary("country", period="day")


def test_question_topics_match_vocabulary_terms():
    assert question_topics("Long-term unemployment and profiling tools") == [
        "long-term-unemployment",
        "profiling",
    ]
    assert question_topics("What do public employment services do?") == []
    assert question_topics("Services for employers") == []  # word order matters
    assert question_topics("employer services") == ["employer-services"]


# --- Markdown export ----------------------------------------------------------


def test_markdown_export_lists_questions_answers_and_sources():
    first = found_answer(
        make_citation(1, title="Activation *in* France [draft]", link="fr/a b.pdf#page=4"),
        make_citation(2, doc_id="at-ams", country="AT", year=None, page=0, link="at/ams.html"),
    )
    first.text = "France profiles jobseekers [1]. Austria too [2]."
    turns = [("How is profiling done?", first), ("And in Malta?", not_found_answer())]
    md = export_conversation_markdown(turns, exported_at=MON_W48)

    assert md.startswith("# Conversation export\n")
    assert "quoted as plain text" in md
    assert "2026-11-23T09:00:00+00:00" in md
    assert "## 1. How is profiling done?" in md
    assert "## 2. And in Malta?" in md
    assert "France profiles jobseekers \\[1\\]. Austria too \\[2\\]." in md
    assert (
        "1. *Activation \\*in\\* France \\[draft\\]* — France (FR), 2023, p. 4"
        " — [open](fr/a%20b.pdf#page=4)"
    ) in md
    assert "2. *Activation of jobseekers in France* — Austria (AT) — [open](at/ams.html)" in md
    assert "    > France Travail profiles every jobseeker." in md
    assert "The knowledge base does not answer this question." in md
    assert md.count("**Sources**") == 1


def test_markdown_export_neutralises_markup_in_document_text():
    answer = found_answer(make_citation(quote="<script>x</script> ![img](http://e.vil) # Title"))
    answer.text = "# Heading\n\n- item\n\n1. first\n\n[1]: http://evil.example"
    md = export_conversation_markdown([("q", answer)], exported_at=MON_W48)
    body = md.split("## 1. q", 1)[1]
    assert "\n# Heading" not in body and "\\# Heading" in body
    assert "\n- item" not in body and "\\- item" in body
    assert "1\\. first" in body
    assert "\\[1\\]\\: http\u200b\\://evil.example" in body  # no link definition, no autolink
    assert "<script>" not in md and "\\<script\\>" in md
    assert "![img]" not in md
