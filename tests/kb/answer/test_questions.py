"""Questions are cleaned and bounded before any search (app, CLI and service alike)."""

from __future__ import annotations

import pytest

from kb.answer.questions import QuestionError, cap, clean_question


def test_control_characters_nul_and_bidi_overrides_are_removed() -> None:
    raw = "How do\x00 PES\x07 help\u202e over-50s?\r\n\tThanks\u200b"
    assert clean_question(raw) == "How do PES help over-50s? Thanks"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("\x00\x00", "empty"),
        ("?!?! ...", "no_words"),
        ("\U0001f600\U0001f44d\U0001f680", "no_words"),
        ("--> *** <--", "no_words"),
    ],
)
def test_empty_and_symbol_only_questions_are_refused_with_a_hint(raw: str, reason: str) -> None:
    with pytest.raises(QuestionError) as refused:
        clean_question(raw)
    assert refused.value.reason == reason
    assert "for example" in str(refused.value)


def test_a_question_over_the_limit_is_refused_naming_the_limit() -> None:
    with pytest.raises(QuestionError, match="limit is 2,000") as refused:
        clean_question("x" * 2001)
    assert refused.value.reason == "too_long"
    assert clean_question("y" * 2000) == "y" * 2000
    with pytest.raises(QuestionError, match="limit is 50"):
        clean_question("word " * 20, max_chars=50)


def test_text_that_was_not_utf8_on_the_command_line_is_refused() -> None:
    undecodable = b"Wie hilft die \xff\xfe BA?".decode("utf-8", "surrogateescape")
    with pytest.raises(QuestionError, match="not valid UTF-8") as refused:
        clean_question(undecodable)
    assert refused.value.reason == "encoding"


def test_questions_in_any_script_and_with_digits_pass() -> None:
    for q in ("Ποια μέτρα;", "50+?", "Jak pomagają urzędy pracy?", "雇用サービス"):
        assert clean_question(q) == q


def test_cap_bounds_stored_text() -> None:
    assert cap("abc", 5) == "abc"
    assert len(cap("a" * 10_000, 2000)) == 2000


def test_the_service_refuses_before_searching(kb) -> None:
    from kb.app.service import KnowledgeService

    service = KnowledgeService(kb)
    for bad in ("", "\U0001f600\U0001f600", "?" * 3, "w" * 100_000):
        with pytest.raises(QuestionError):
            service.ask(bad)
        with pytest.raises(QuestionError):
            service.retrieve(bad)


def test_stored_questions_are_capped(tmp_path) -> None:
    from kb.app.feedback import FeedbackStore
    from kb.core.types import Answer

    store = FeedbackStore(tmp_path / "fb.sqlite3", salt="s")
    answer_id = store.record_answer("word " * 20_000, Answer("q", "text"), None, "session")
    stored = store.get_answer(answer_id)
    assert stored is not None and len(stored["question"]) <= 2000


def test_cli_refuses_invalid_utf8_with_a_usage_error(tmp_path) -> None:
    import os
    import subprocess
    import sys

    from kb.core.settings import PROJECT_ROOT

    env = {**os.environ, "PESKB_STORE__INDEX_DIR": str(tmp_path / "index")}
    done = subprocess.run(
        [sys.executable, "-m", "kb", "ask", b"Wie hilft die \xff\xfe BA?"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, stderr
    assert "not valid UTF-8" in stderr and "usage:" in stderr
    assert "Traceback" not in stderr
