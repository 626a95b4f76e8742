"""The real app in a real browser: ask, cite, open the source, give feedback; OIDC sign-in."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.e2e.conftest import CURATOR_EMAIL, RunningApp, browser_unavailable

UNAVAILABLE = browser_unavailable()
pytestmark = pytest.mark.skipif(UNAVAILABLE is not None, reason=UNAVAILABLE or "")

QUESTION = "How does the Irish PES decide who gets intensive case management?"
FIRST_LOAD_MS = 90_000  # the first session builds the knowledge base (loads e5 and the index)
ANSWER_MS = 60_000


def _feedback_rows(db: Path) -> list[tuple[str, int]]:
    if not db.exists():
        return []
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(
            "SELECT a.question, f.score FROM feedback f JOIN answers a ON a.id = f.answer_id"
        ).fetchall()
    except sqlite3.OperationalError:  # tables not created yet
        return []
    finally:
        con.close()


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)
    return result


def test_ask_open_source_and_give_feedback(
    chat_app: RunningApp, new_browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    context = new_browser()
    page = context.new_page()
    page.goto(chat_app.url)

    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_be_editable(timeout=FIRST_LOAD_MS)
    box.fill(QUESTION)
    box.press("Enter")

    # The question echoes back; the streamed answer is replaced by the final one with sources.
    user = page.get_by_test_id("stChatMessage").filter(
        has=page.get_by_test_id("stChatMessageAvatarUser")
    )
    expect(user).to_contain_text(QUESTION, timeout=ANSWER_MS)
    answer = page.get_by_test_id("stChatMessage").filter(
        has=page.get_by_test_id("stChatMessageAvatarAssistant")
    )
    expect(answer.get_by_text("Sources", exact=True)).to_be_visible(timeout=ANSWER_MS)
    expect(answer).to_contain_text("[1]")
    expect(answer).to_contain_text(re.compile(r"Pathways Score|Intreo|case management"))

    # Source [1] links into the corpus served by Streamlit, opening at its page.
    first = answer.locator("p", has=page.locator("strong", has_text="[1]")).get_by_role("link")
    expect(first).to_have_attribute("href", re.compile(r"^/app/static/.+#page=\d+$"))
    href = first.get_attribute("href")
    path = href.split("#", 1)[0]
    with (
        context.expect_page() as opened,
        context.expect_event("response", lambda r: r.url.split("#", 1)[0].endswith(path)) as served,
    ):
        first.click()
    source_page = opened.value
    response = served.value
    assert response.status == 200, response.status
    if path.lower().endswith(".pdf"):
        content_type = response.headers.get("content-type", "")
        assert content_type.startswith("application/pdf"), content_type
    # Chromium shows a PDF in its viewer, so fetch the bytes themselves once more.
    served_file = context.request.get(chat_app.url + path)
    assert served_file.ok, served_file.status
    expected = (chat_app.root / "static").resolve() / unquote(path.removeprefix("/app/static/"))
    assert served_file.body() == expected.read_bytes()
    _wait_for(lambda: "#page=" in source_page.url, 15, f"#page= in {source_page.url}")
    assert source_page.url.startswith(chat_app.url + path), source_page.url
    source_page.close()

    # Thumbs up: one feedback row with score 1 for this question.
    page.bring_to_front()
    thumbs_up = answer.get_by_role("radio", name="Thumbs up")
    thumbs_up.click()
    expect(thumbs_up).to_have_attribute("aria-checked", "true")
    rows = _wait_for(
        lambda: _feedback_rows(chat_app.feedback_db), 15, "a feedback row in the database"
    )
    assert rows == [(QUESTION, 1)], rows

    expect(page.get_by_label("Comment (optional)")).to_be_visible()
    shot = tmp_path / "chat.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 30_000, shot.stat().st_size


@pytest.mark.parametrize(
    ("email", "curator"),
    [(CURATOR_EMAIL, True), ("staff@example.org", False)],
    ids=["curator", "staff"],
)
def test_oidc_sign_in_shows_curation_only_to_curators(
    oidc_app: RunningApp, new_browser, email: str, curator: bool
) -> None:
    from playwright.sync_api import expect

    page = new_browser().new_page()
    page.goto(oidc_app.url)
    expect(page.get_by_text("Sign in with your PES Network account")).to_be_visible(
        timeout=FIRST_LOAD_MS
    )
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # nothing before sign-in

    page.get_by_role("button", name="Sign in").click()
    # The mock provider's authorization form: the subject doubles as the e-mail claim.
    sub = page.locator('input[name="sub"]')
    expect(sub).to_be_visible()
    sub.fill(email)
    page.get_by_role("button", name="Authorize").click()

    page.wait_for_url(f"{oidc_app.url}/**")
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name="Ask")).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.get_by_test_id("stSidebar")).to_contain_text(
        f"{email} · {'curator' if curator else 'staff'}"
    )
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(nav.get_by_role("link", name="Library")).to_be_visible()
    curation = page.get_by_role("heading", name="Curation")
    if curator:
        expect(nav.get_by_role("link", name="Knowledge gaps")).to_be_visible()
        nav.get_by_role("link", name="Curation").click()
        expect(curation).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
    else:
        expect(nav.get_by_role("link", name="Curation")).to_have_count(0)
        expect(nav.get_by_role("link", name="Knowledge gaps")).to_have_count(0)
        # Typing the page's address does not reach it either: the app falls back to Ask.
        page.goto(f"{oidc_app.url}/curation")
        expect(page.get_by_role("heading", name="Ask the PES knowledge base")).to_be_visible()
        expect(curation).to_have_count(0)
