"""The app fixes of issue 12 in a real browser: one notice for a refusal, source lines
without empty fields, absolute export links, cross-lingual library search, the Add and
Remove tabs, byte-identical copies, and curator rights ending with the secrets file.

One app in local mode runs on its own copy of the corpus (curation writes to it), with a
curator in its ``secrets.toml`` and its own base URL for the export.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import (
    RunningApp,
    SampleIndex,
    browser_unavailable,
    start_app,
    stop,
)

UNAVAILABLE = browser_unavailable()
pytestmark = pytest.mark.skipif(UNAVAILABLE is not None, reason=UNAVAILABLE or "")

FIRST_LOAD_MS = 90_000
ANSWER_MS = 60_000
INGEST_MS = 300_000  # a curation action ingests in a worker process that loads e5
BASE_URL = "https://kb.pes.example/app"
CURATOR = "secretariat@example.org"
ORIGINAL = "samples/nl_samen_naar_werk_2023.md"  # a sample document; its copy is added


@pytest.fixture(scope="module")
def app(
    sample_index: SampleIndex, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningApp]:
    tmp = tmp_path_factory.mktemp("fixes")
    corpus = tmp / "corpus"
    shutil.copytree(sample_index.corpus, corpus)
    running = start_app(
        tmp / "app",
        SampleIndex(corpus, sample_index.index),
        secrets_toml=f'[local]\nuser = "{CURATOR}"\ncurators = ["{CURATOR}"]\n',
        auth_mode="local",
        base_url=BASE_URL,
    )
    yield running
    stop(running.process)


def _open(app: RunningApp, new_browser, path: str = ""):
    page = new_browser().new_page()
    page.goto(app.url + path)
    return page


def _ask(page, question: str):
    from playwright.sync_api import expect

    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_be_editable(timeout=FIRST_LOAD_MS)
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").filter(
        has=page.get_by_test_id("stChatMessageAvatarAssistant")
    )
    expect(answer.get_by_role("radio", name="Thumbs up").last).to_be_visible(timeout=ANSWER_MS)
    return answer.last


def test_refusal_once_source_lines_and_absolute_export(app: RunningApp, new_browser) -> None:
    from playwright.sync_api import expect

    page = _open(app, new_browser)
    refused = _ask(page, "How does the Estonian PES support people with disabilities?")
    expect(refused.get_by_test_id("stAlertContainer")).to_have_count(1)
    notice = refused.get_by_test_id("stAlertContainer").inner_text().strip()
    assert notice and refused.inner_text().count(notice[:40]) == 1, refused.inner_text()

    # The Maltese toolkit has no catalogue entry: its source line has no empty fields.
    answer = _ask(page, "What is the transferable skills card set with 40 cards?")
    expect(answer.get_by_text("Sources", exact=True)).to_be_visible()
    lines = [
        p.inner_text().strip()
        for p in answer.locator("p").all()
        if re.match(r"^\[\d+\]", p.inner_text().strip())
    ]
    assert any("Toolkit" in line for line in lines), lines
    for line in lines:
        assert not line.endswith(("—", "·")) and "(none)" not in line, line

    with page.expect_download() as download:
        page.get_by_test_id("stSidebar").get_by_role(
            "button", name="Export conversation (Markdown)"
        ).click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    targets = re.findall(r"\[open\]\(([^)]+)\)", text)
    assert targets, text
    assert all(t.startswith(f"{BASE_URL}/source?doc=samples/") for t in targets), targets


def test_library_search_finds_documents_in_other_languages(app: RunningApp, new_browser) -> None:
    from playwright.sync_api import expect

    page = _open(app, new_browser, "/library")
    search = page.get_by_label(re.compile("Search the library in any language"))
    expect(search).to_be_visible(timeout=FIRST_LOAD_MS)
    search.fill("jeunes")
    search.press("Enter")
    expect(page.get_by_role("heading", name="Best passage per document")).to_be_visible(
        timeout=ANSWER_MS
    )
    found = page.get_by_test_id("stMarkdown").get_by_role("link")
    hrefs = [a.get_attribute("href") or "" for a in found.all()]
    assert any("es_garantia_juvenil" in h for h in hrefs), hrefs
    assert any("it_garanzia_giovani" in h for h in hrefs), hrefs
    caption = page.get_by_text(re.compile(r"^\d+ of 19 documents$"))
    assert int(caption.inner_text().split()[0]) >= 2


def _idle(page) -> None:
    """Wait for the script run a widget change started: a change made while it runs can be
    undone by it (choosing a document clears the confirmation)."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=ANSWER_MS)


def _remove_tab_select(page, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(visible=True).first.click()
    page.get_by_test_id("stSelectboxVirtualDropdown").get_by_text(option, exact=True).click()
    _idle(page)


def _confirm(page, sure) -> None:
    """Tick the confirmation until it holds: a run still under way when it is ticked
    (the status widget shows only after a moment) clears it again."""
    from playwright.sync_api import expect

    button = page.get_by_role("button", name="Remove", exact=True)
    for _ in range(3):
        sure.check(force=True)
        page.wait_for_timeout(1_000)
        _idle(page)
        if sure.is_checked() and button.is_enabled():
            break
    expect(sure).to_be_checked()
    expect(button).to_be_enabled()


def test_curation_add_copy_remove_and_secrets_removal(app: RunningApp, new_browser) -> None:
    from playwright.sync_api import expect

    catalogue = app.corpus / "catalogue.yaml"
    before = catalogue.read_text(encoding="utf-8")
    page = _open(app, new_browser, "/curation")
    expect(page.get_by_role("heading", name="Curation")).to_be_visible(timeout=FIRST_LOAD_MS)

    # "Add" without a file: a clear error, no progress bar.
    page.get_by_role("button", name="Add to the knowledge base").click()
    expect(page.get_by_text("Choose a file to add first")).to_be_visible()
    expect(page.get_by_test_id("stProgress")).to_have_count(0)

    # A byte-identical copy of a sample document: added, with a warning naming the original.
    page.locator('input[type="file"]').first.set_input_files(
        files=[
            {
                "name": "copy of samen.md",
                "mimeType": "text/markdown",
                "buffer": (app.corpus / ORIGINAL).read_bytes(),
            }
        ]
    )
    # The upload reaches the server before the button is pressed (on a loaded machine a
    # click right after choosing the file found no file yet).
    expect(
        page.get_by_test_id("stFileChipName").filter(has_text="copy of samen.md")
    ).to_be_visible()
    expect(page.get_by_test_id("stFileChipIconSpinner")).to_have_count(0)
    page.get_by_label("Title").filter(visible=True).first.fill("Copy of an illustrative note")
    page.get_by_role("button", name="Add to the knowledge base").click()
    expect(page.get_by_text(re.compile(r"1 added"))).to_be_visible(timeout=INGEST_MS)
    expect(
        page.get_by_text(re.compile("byte-identical copy of " + re.escape(ORIGINAL)))
    ).to_be_visible()
    copy = app.corpus / "uploads/copy_of_samen.md"
    assert copy.stat().st_mode & 0o777 == 0o644
    added = catalogue.read_text(encoding="utf-8")
    assert added.startswith(before) and added[len(before) :].startswith(
        "  uploads/copy_of_samen.md"
    )

    # Remove: choosing another document clears the confirmation; after a removal nothing
    # is chosen or confirmed.
    page.get_by_role("tab", name="Remove").click()
    sure = page.get_by_role("checkbox", name=re.compile("Yes, remove this document"))
    _remove_tab_select(page, "uploads/copy_of_samen.md")
    _confirm(page, sure)
    _remove_tab_select(page, ORIGINAL)
    expect(sure).not_to_be_checked()
    expect(page.get_by_role("button", name="Remove", exact=True)).to_be_disabled()
    _remove_tab_select(page, "uploads/copy_of_samen.md")
    _confirm(page, sure)
    page.get_by_role("button", name="Remove", exact=True).click()
    expect(page.get_by_text(re.compile(r"1 removed"))).to_be_visible(timeout=INGEST_MS)
    expect(sure).not_to_be_checked()
    # nothing chosen: the box shows its placeholder again (an input attribute, not text)
    expect(page.get_by_placeholder("Choose the document to remove")).to_be_visible()
    assert not copy.exists()
    assert catalogue.read_text(encoding="utf-8") == before  # added and removed: as it was

    # The secrets file goes: the next page run is a staff member's, without a restart.
    (app.root / ".streamlit" / "secrets.toml").unlink()
    page.reload()
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name="Ask")).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(nav.get_by_role("link", name="Curation")).to_have_count(0)
    expect(page.get_by_role("heading", name="Curation")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).not_to_contain_text("curator")
