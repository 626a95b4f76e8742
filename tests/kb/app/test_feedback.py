"""The answer log: redacted, hashed users, latest feedback wins, gap reports, thread-safe."""

import sqlite3
import threading
from datetime import timedelta

import pytest

from kb.app.feedback import (
    SCHEMA_VERSION,
    FeedbackStore,
)
from kb.core.types import Filters
from tests.kb.app.feedback_fixtures import (
    found_answer,
    not_found_answer,
    raw_rows,
)

# --- schema -------------------------------------------------------------------


def test_schema_is_created_with_version_and_wal(store, tmp_path):
    assert store.schema_version() == SCHEMA_VERSION
    assert raw_rows(store, "PRAGMA journal_mode")[0][0] == "wal"
    again = FeedbackStore(store.path, salt="test-salt")  # reopening keeps one version row
    assert again.schema_version() == SCHEMA_VERSION
    assert raw_rows(store, "SELECT COUNT(*) FROM schema_version")[0][0] == 1


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
    answer = found_answer()
    answer_id = store.record_answer(
        question, answer, Filters(countries=["FR"]).to_dict(), "session-1"
    )
    row = store.get_answer(answer_id)
    assert row["question"] == (
        "I am [email], tel [phone], Steuer-ID [id]: how does France profile jobseekers in 2023?"
    )
    raw = raw_rows(store, "SELECT question FROM answers")[0][0]
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
        not_found_answer(),
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
    answer_id = store.record_answer("q?", found_answer(), {}, "s", user="Anna.Schmidt@Example.de")
    row = store.get_answer(answer_id)
    assert row["user_hash"] == store.hash_user("anna.schmidt@example.de ")
    assert len(row["user_hash"]) == 64
    dump = "\n".join(sqlite3.connect(store.path).iterdump()).lower()
    assert "anna" not in dump and "example.de" not in dump
    other_salt = FeedbackStore(tmp_path / "other.db", salt="another-salt")
    assert other_salt.hash_user("anna.schmidt@example.de") != row["user_hash"]
    anonymous = store.record_answer("q?", found_answer(), {}, "s")
    assert store.get_answer(anonymous)["user_hash"] is None


def test_without_a_salt_a_random_one_is_kept_in_the_database(tmp_path):
    first = FeedbackStore(tmp_path / "log.db")
    second = FeedbackStore(tmp_path / "log.db")
    third = FeedbackStore(tmp_path / "other.db")
    assert first.hash_user("a@b.eu") == second.hash_user("a@b.eu")
    assert first.hash_user("a@b.eu") != third.hash_user("a@b.eu")


def test_answer_ids_are_distinct(store):
    ids = [store.record_answer(f"question {i}", found_answer(), {}, "s") for i in range(3)]
    assert len(set(ids)) == 3


# --- feedback -----------------------------------------------------------------


def test_feedback_is_stored_redacted_and_latest_wins(store, clock):
    answer_id = store.record_answer("q?", found_answer(), {}, "s")
    store.record_feedback(answer_id, 1, "Great, call me on 06 12 34 56 78")
    row = store.get_answer(answer_id)
    assert (row["score"], row["comment"]) == (1, "Great, call me on [phone]")
    clock.now += timedelta(minutes=5)
    store.record_feedback(answer_id, 0, "  ")
    row = store.get_answer(answer_id)
    assert (row["score"], row["comment"]) == (0, None)
    assert raw_rows(store, "SELECT COUNT(*) FROM feedback")[0][0] == 1


def test_feedback_validates_score_and_answer(store):
    answer_id = store.record_answer("q?", found_answer(), {}, "s")
    with pytest.raises(ValueError):
        store.record_feedback(answer_id, 5, None)
    with pytest.raises(KeyError):
        store.record_feedback(answer_id + 100, 1, None)
    store.record_feedback(answer_id, True, None)
    assert store.get_answer(answer_id)["score"] == 1


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
                answer = not_found_answer() if i % 3 == 0 else found_answer()
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
    assert raw_rows(store, "SELECT COUNT(*) FROM answers")[0][0] == 160
    assert raw_rows(store, "SELECT COUNT(*) FROM feedback")[0][0] == 160


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
    answer_id = store.record_answer(question, not_found_answer(), None, "s1")
    store.record_feedback(answer_id, 0, f"Noch einmal: {question}")
    with sqlite3.connect(store.path) as con:
        dump = "\n".join(con.iterdump())
    gaps = " ".join(f"{g.question} {g.comment}" for g in store.gaps())
    for secret in secrets:
        assert secret not in dump and secret not in gaps, secret
