"""The answer log: redacted, hashed users, latest feedback wins, gap reports, thread-safe."""

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest

from kb.app.export import export_conversation_markdown
from kb.app.feedback import (
    NOT_FOUND,
    SCHEMA_VERSION,
    THUMBS_DOWN,
    FeedbackStore,
    GapRow,
)
from kb.app.gap_groups import question_topics
from kb.core.types import Answer, Citation, Filters, Passage

MON_W48 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # ISO week 2026-W48
SUN_W48 = datetime(2026, 11, 29, 23, 0, tzinfo=UTC)
MON_W49 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock(MON_W48)


@pytest.fixture
def store(tmp_path, clock):
    return FeedbackStore(tmp_path / "feedback" / "log.db", salt="test-salt", clock=clock)


def _citation(n=1, doc_id="fr-activation", country="FR", year=2023, page=4, **kw):
    return Citation(
        n=n,
        doc_id=doc_id,
        title=kw.get("title", "Activation of jobseekers in France"),
        page=page,
        passage=kw.get("passage", "France Travail profiles every jobseeker."),
        quote=kw.get("quote", "France Travail profiles every jobseeker."),
        score=0.8,
        path=kw.get("path", f"fr/{doc_id}.pdf"),
        link=kw.get("link", f"fr/{doc_id}.pdf#page={page}"),
        country=country,
        year=year,
    )


def _found(*citations, language="en"):
    cites = list(citations) or [_citation()]
    passages = [
        Passage(
            chunk_id=f"{c.doc_id}-0",
            doc_id=c.doc_id,
            text=c.passage,
            metadata={"country": c.country, "topics": ["profiling", "activation"]},
        )
        for c in cites
    ]
    return Answer(
        question="q",
        text="France Travail profiles every jobseeker [1].",
        citations=cites,
        language=language,
        passages=passages,
    )


def _not_found(language="en"):
    return Answer(
        question="q",
        text="The knowledge base does not contain an answer to this question.",
        language=language,
        found=False,
    )


def _raw(store, sql, *params):
    con = sqlite3.connect(store.path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


# --- schema -------------------------------------------------------------------


def test_schema_is_created_with_version_and_wal(store, tmp_path):
    assert store.schema_version() == SCHEMA_VERSION
    assert _raw(store, "PRAGMA journal_mode")[0][0] == "wal"
    again = FeedbackStore(store.path, salt="test-salt")  # reopening keeps one version row
    assert again.schema_version() == SCHEMA_VERSION
    assert _raw(store, "SELECT COUNT(*) FROM schema_version")[0][0] == 1


def test_newer_schema_is_refused(store):
    con = sqlite3.connect(store.path)
    con.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    con.commit()
    con.close()
    with pytest.raises(RuntimeError, match="newer"):
        FeedbackStore(store.path)


# --- recording answers --------------------------------------------------------


def test_answer_is_stored_with_redacted_question(store):
    question = (
        "I am anna.schmidt@example.de, tel +49 30 1234 5678, Steuer-ID 12345678901: "
        "how does France profile jobseekers in 2023?"
    )
    answer = _found()
    answer_id = store.record_answer(
        question, answer, Filters(countries=["FR"]).to_dict(), "session-1"
    )
    row = store.get_answer(answer_id)
    assert row["question"] == (
        "I am [email], tel [phone], Steuer-ID [id]: how does France profile jobseekers in 2023?"
    )
    raw = _raw(store, "SELECT question FROM answers")[0][0]
    assert "anna" not in raw and "1234 5678" not in raw and "12345678901" not in raw
    assert row["answer"] == answer.text
    assert row["found"] is True
    assert row["mode"] == "extractive"
    assert row["language"] == "en"
    assert row["filters"] == {"countries": ["FR"]}
    assert row["sources"] == [
        {
            "n": 1,
            "doc_id": "fr-activation",
            "title": "Activation of jobseekers in France",
            "page": 4,
            "country": "FR",
            "year": 2023,
        }
    ]
    assert row["countries"] == ["FR"]
    assert row["topics"] == ["profiling", "activation"]
    assert row["question_countries"] == ["FR"]
    assert row["session_id"] == "session-1"
    assert row["created_at"] == "2026-11-23T09:00:00+00:00"
    assert row["score"] is None and row["comment"] is None


def test_filters_object_and_question_topics_are_recorded(store):
    answer_id = store.record_answer(
        "Youth guarantee outreach in Austria and Finland?",
        _not_found(),
        Filters(topics=["outreach"], year_from=2020),
        "s",
    )
    row = store.get_answer(answer_id)
    assert row["filters"] == {"topics": ["outreach"], "year_from": 2020}
    assert row["found"] is False
    assert row["sources"] == []
    assert row["topics"] == ["outreach"]
    assert sorted(row["question_countries"]) == ["AT", "FI"]
    assert row["question_topics"] == ["youth-guarantee", "outreach"]


def test_user_is_stored_as_salted_hash_only(store, tmp_path):
    answer_id = store.record_answer("q?", _found(), {}, "s", user="Anna.Schmidt@Example.de")
    row = store.get_answer(answer_id)
    assert row["user_hash"] == store.hash_user("anna.schmidt@example.de ")
    assert len(row["user_hash"]) == 64
    dump = "\n".join(sqlite3.connect(store.path).iterdump()).lower()
    assert "anna" not in dump and "example.de" not in dump
    other_salt = FeedbackStore(tmp_path / "other.db", salt="another-salt")
    assert other_salt.hash_user("anna.schmidt@example.de") != row["user_hash"]
    anonymous = store.record_answer("q?", _found(), {}, "s")
    assert store.get_answer(anonymous)["user_hash"] is None


def test_without_a_salt_a_random_one_is_kept_in_the_database(tmp_path):
    first = FeedbackStore(tmp_path / "log.db")
    second = FeedbackStore(tmp_path / "log.db")
    third = FeedbackStore(tmp_path / "other.db")
    assert first.hash_user("a@b.eu") == second.hash_user("a@b.eu")
    assert first.hash_user("a@b.eu") != third.hash_user("a@b.eu")


def test_answer_ids_are_distinct(store):
    ids = [store.record_answer(f"question {i}", _found(), {}, "s") for i in range(3)]
    assert len(set(ids)) == 3


# --- feedback -----------------------------------------------------------------


def test_feedback_is_stored_redacted_and_latest_wins(store, clock):
    answer_id = store.record_answer("q?", _found(), {}, "s")
    store.record_feedback(answer_id, 1, "Great, call me on 06 12 34 56 78")
    row = store.get_answer(answer_id)
    assert (row["score"], row["comment"]) == (1, "Great, call me on [phone]")
    clock.now += timedelta(minutes=5)
    store.record_feedback(answer_id, 0, "  ")
    row = store.get_answer(answer_id)
    assert (row["score"], row["comment"]) == (0, None)
    assert _raw(store, "SELECT COUNT(*) FROM feedback")[0][0] == 1


def test_feedback_validates_score_and_answer(store):
    answer_id = store.record_answer("q?", _found(), {}, "s")
    with pytest.raises(ValueError):
        store.record_feedback(answer_id, 5, None)
    with pytest.raises(KeyError):
        store.record_feedback(answer_id + 100, 1, None)
    store.record_feedback(answer_id, True, None)
    assert store.get_answer(answer_id)["score"] == 1


# --- gaps ---------------------------------------------------------------------


def test_gaps_include_not_found_and_thumbs_down_but_not_thumbs_up(store, clock):
    missing = store.record_answer("Apprenticeships in Malta?", _not_found("en"), {}, "s")
    clock.now = SUN_W48
    disliked = store.record_answer("Profiling in France?", _found(language="fr"), {}, "s")
    store.record_feedback(disliked, 0, "Wrong country, mail x@y.fr")
    liked = store.record_answer("Profiling tools?", _found(), {}, "s")
    store.record_feedback(liked, 1, "thanks")
    store.record_answer("No feedback at all?", _found(), {}, "s")
    missing_and_disliked = store.record_answer("Roma outreach?", _not_found(), {}, "s")
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
    answer_id = store.record_answer("q?", _found(), {}, "s")
    store.record_feedback(answer_id, 0, None)
    assert len(store.gaps()) == 1
    store.record_feedback(answer_id, 1, None)
    assert store.gaps() == []


# --- summaries ----------------------------------------------------------------


def _populate(store, clock):
    # week 48
    clock.now = MON_W48
    store.record_answer("Youth guarantee in Austria?", _not_found("en"), {}, "s")
    store.record_answer("Any outreach?", _not_found("de"), {"countries": ["DE"]}, "s")
    store.record_answer("Something else?", _not_found("en"), {}, "s")
    clock.now = SUN_W48
    disliked = store.record_answer(
        "Profiling?", _found(language="fr"), {"topics": ["profiling"]}, "s"
    )
    store.record_feedback(disliked, 0, None)
    liked = store.record_answer("Profiling in Austria?", _found(), {}, "s")
    store.record_feedback(liked, 1, None)
    # week 49
    clock.now = MON_W49
    store.record_answer("Public employment services in Austria?", _not_found("en"), {}, "s")
    disliked = store.record_answer("Job matching?", _found(language="en"), {}, "s")
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
    store.record_answer("Malta?", _not_found("en"), {}, "s")
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


# --- concurrency --------------------------------------------------------------


def test_concurrent_writes_from_several_threads(store):
    errors: list[BaseException] = []
    ids: list[int] = []
    lock = threading.Lock()
    other = FeedbackStore(store.path, salt="test-salt")  # a second handle on the same file

    def work(worker: int) -> None:
        target = store if worker % 2 else other
        try:
            for i in range(20):
                answer = _not_found() if i % 3 == 0 else _found()
                answer_id = target.record_answer(f"q {worker}-{i}", answer, {}, f"s{worker}")
                target.record_feedback(answer_id, i % 2, f"c {i}")
                target.gaps()
                with lock:
                    ids.append(answer_id)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(ids) == len(set(ids)) == 160
    assert _raw(store, "SELECT COUNT(*) FROM answers")[0][0] == 160
    assert _raw(store, "SELECT COUNT(*) FROM feedback")[0][0] == 160


# --- Markdown export ----------------------------------------------------------


def test_markdown_export_lists_questions_answers_and_sources():
    first = _found(
        _citation(1, title="Activation *in* France [draft]", link="fr/a b.pdf#page=4"),
        _citation(2, doc_id="at-ams", country="AT", year=None, page=0, link="at/ams.html"),
    )
    first.text = "France profiles jobseekers [1]. Austria too [2]."
    turns = [("How is profiling done?", first), ("And in Malta?", _not_found())]
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
    answer = _found(_citation(quote="<script>x</script> ![img](http://e.vil) # Title"))
    answer.text = "# Heading\n\n- item\n\n1. first\n\n[1]: http://evil.example"
    md = export_conversation_markdown([("q", answer)], exported_at=MON_W48)
    body = md.split("## 1. q", 1)[1]
    assert "\n# Heading" not in body and "\\# Heading" in body
    assert "\n- item" not in body and "\\- item" in body
    assert "1\\. first" in body
    assert "\\[1\\]\\: http\u200b\\://evil.example" in body  # no link definition, no autolink
    assert "<script>" not in md and "\\<script\\>" in md
    assert "![img]" not in md


# What the issue 14 probe typed; none of it may reach the database or the gaps page.
PROBE_PII = [
    ("Frau Müller, geb. 12.03.1975, fragt nach Weiterbildung.", ["Müller", "12.03.1975"]),
    ("Wohnt Lindenstraße 14a in München, Kunde seit 2020.", ["Lindenstraße 14a"]),
    ("Codice fiscale RSS MRA 85T10 A562S: che cosa spetta?", ["RSS", "MRA", "85T10", "A562S"]),
    ("Klopt BSN111222333 bij UWV?", ["111222333"]),
    ("Kundennummer 123K456789 und Aktenzeichen 962D123456", ["123K456789", "962D123456"]),
    ("Antwort an name (at) example dot org bitte", ["name (at)", "example dot"]),
    ("Rückruf unter 555 1234 heute", ["555 1234"]),
]


@pytest.mark.parametrize("question,secrets", PROBE_PII)
def test_personal_data_never_reaches_the_database_or_the_gaps(store, question, secrets):
    answer_id = store.record_answer(question, _not_found(), None, "s1")
    store.record_feedback(answer_id, 0, f"Noch einmal: {question}")
    with sqlite3.connect(store.path) as con:
        dump = "\n".join(con.iterdump())
    gaps = " ".join(f"{g.question} {g.comment}" for g in store.gaps())
    for secret in secrets:
        assert secret not in dump and secret not in gaps, secret
