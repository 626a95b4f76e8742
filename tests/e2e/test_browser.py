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

    # Source [1] links to the app's source page for its document and page.
    first = answer.locator("p", has=page.locator("strong", has_text="[1]")).get_by_role("link")
    expect(first).to_have_attribute("href", re.compile(r"^/source\?doc=[^&]+(&page=\d+)?$"))
    href = first.get_attribute("href")
    doc_id = unquote(href.split("doc=", 1)[1].split("&", 1)[0])
    cited_page = int(href.split("page=", 1)[1]) if "page=" in href else 0
    with context.expect_page() as opened:
        first.click()
    source_page = opened.value
    expect(source_page.get_by_role("heading", name="Source", exact=True)).to_be_visible(
        timeout=ANSWER_MS
    )
    pdf_link = source_page.get_by_role("link", name=re.compile("Open the PDF"))
    expect(pdf_link).to_be_visible()
    # The PDF is served as application/pdf by the app's media files, opening at the page.
    pdf_href = pdf_link.get_attribute("href")
    assert re.fullmatch(r"/media/[0-9a-f]+\.pdf#page=\d+", pdf_href), pdf_href
    assert pdf_href.endswith(f"#page={cited_page}")
    served = context.request.get(chat_app.url + pdf_href.split("#", 1)[0])
    assert served.ok, served.status
    assert served.headers.get("content-type", "").startswith("application/pdf")
    expected = chat_app.corpus / f"{doc_id}.pdf"  # doc ids are corpus paths without suffix
    assert served.body() == expected.read_bytes()
    with context.expect_page() as viewer:
        pdf_link.click()
    _wait_for(lambda: "#page=" in viewer.value.url, 15, f"#page= in {viewer.value.url}")
    viewer.value.close()
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
