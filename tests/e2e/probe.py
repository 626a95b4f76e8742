"""Walk the running app in Chromium and count what hostile documents made the browser do.

Shared by tests/e2e/test_hostile_browser.py and benchmarks/security_probe.py. Counted:
requests to any host but the app's loopback address (remote fetches), JavaScript
dialogs, console lines with the payload marker, ``window.__pwned`` set by a payload,
``javascript:`` links, links to the tracker and remote images or frames in the DOM.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from tests.hostile_corpus import MARKER, TRACKER

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
ANSWER_MS = 90_000


@dataclass
class Observed:
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    pwned: list[str] = field(default_factory=list)  # pages where window.__pwned was set
    dom: list[str] = field(default_factory=list)  # javascript: links, remote images
    pages: list[str] = field(default_factory=list)  # every page checked

    def remote_fetches(self) -> list[str]:
        return [
            u for u in self.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).hostname not in LOOPBACK
        ]  # fmt: skip

    def executed(self) -> list[str]:
        marked = [c for c in self.console if MARKER in c]
        return [*self.dialogs, *marked, *self.pwned]


def watch(context) -> Observed:
    """Record every request, dialog and console line of ``context``'s pages."""
    seen = Observed()
    context.on("request", lambda r: seen.requests.append(r.url))

    def attach(page) -> None:
        def on_dialog(dialog) -> None:
            seen.dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda m: seen.console.append(m.text))

    context.on("page", attach)
    return seen


def check_page(page, seen: Observed) -> None:
    """After a page has rendered: payload traces in its window and DOM."""
    page.wait_for_timeout(500)  # let any image load or handler fire
    seen.pages.append(page.url)
    if page.evaluate("() => window.__pwned === 1"):
        seen.pwned.append(page.url)
    for frame in page.frames:
        host = urlsplit(TRACKER).hostname
        bad_links = frame.locator(f'a[href^="javascript:" i], a[href*="{host}"]').count()
        remote = frame.locator(f'img[src*="{host}"], iframe[src*="{host}"]').count()
        if bad_links or remote:
            seen.dom.append(f"{frame.url}: {bad_links} bad links, {remote} remote images/frames")


def _ready(page, heading: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible(
        timeout=ANSWER_MS
    )
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=ANSWER_MS)


def walk(context, base: str, question: str, doc_ids: list[str], curator: bool) -> Observed:
    """Every page with the hostile corpus: chat and each cited source (and its PDF),
    the library with each document selected, each source page, curation and gaps."""
    from playwright.sync_api import expect

    seen = watch(context)
    page = context.new_page()
    page.goto(base)
    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_be_editable(timeout=ANSWER_MS)
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").filter(
        has=page.get_by_test_id("stChatMessageAvatarAssistant")
    )
    expect(answer.get_by_text("Sources", exact=True)).to_be_visible(timeout=ANSWER_MS)
    for expander in answer.get_by_test_id("stExpander").all():
        expander.click()  # open every passage view
    check_page(page, seen)
    links = answer.locator("a[href^='/source']")
    for i in range(links.count()):
        with context.expect_page() as opened:
            links.nth(i).click()
        _open_source(context, opened.value, seen)
    page.get_by_role("radio", name="Thumbs down").first.click()  # a knowledge gap
    page.wait_for_timeout(1000)

    page.goto(f"{base}/library")
    _ready(page, "Library")
    for i in range(len(doc_ids)):
        page.get_by_test_id("stSelectbox").last.click()
        page.get_by_role("option").nth(i).click()
        page.wait_for_timeout(800)
        check_page(page, seen)
    for doc_id in doc_ids:
        source = context.new_page()
        source.goto(f"{base}/source?doc={quote(doc_id, safe='/')}&page=1")
        _open_source(context, source, seen)
    if curator:
        for path, heading in (("curation", "Curation"), ("gaps", "Knowledge gaps")):
            page.goto(f"{base}/{path}")
            _ready(page, heading)
            check_page(page, seen)
    page.close()
    return seen


def _open_source(context, source, seen: Observed) -> None:
    from playwright.sync_api import expect

    _ready(source, "Source")
    # The download button comes last on the page, after the PDF link or the text.
    expect(source.get_by_test_id("stDownloadButton")).to_be_visible(timeout=ANSWER_MS)
    check_page(source, seen)
    pdf = source.get_by_role("link", name=re.compile("Open the PDF"))
    if pdf.count():
        with context.expect_page() as viewer:
            pdf.click()
        viewer.value.wait_for_load_state()
        viewer.value.wait_for_timeout(1000)
        seen.pages.append(viewer.value.url)
        viewer.value.close()
    source.close()


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body of a GET without any cookie (0: no answer)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except (urllib.error.URLError, OSError):
        return 0, b""


def corpus_files_served(base: str, corpus: Path, rels: list[str]) -> list[str]:
    """The corpus files an anonymous GET of ``/app/static/<rel>`` returned.

    Streamlit answers any unknown path with its page shell (200, text/html), so what
    counts is whether the *file* came back.
    """
    served = []
    for rel in rels:
        status, body = fetch(f"{base}/app/static/{quote(rel)}")
        if status == 200 and body == (corpus / rel).read_bytes():
            served.append(rel)
    return served


def anonymous_source_pages(context, base: str, doc_ids: list[str]) -> list[str]:
    """Source pages an anonymous browser opened that showed anything of the document."""
    from playwright.sync_api import expect

    shown = []
    for doc_id in doc_ids:
        page = context.new_page()
        page.goto(f"{base}/source?doc={quote(doc_id, safe='/')}&page=1")
        expect(page.get_by_text("Sign in with your PES Network account")).to_be_visible(
            timeout=ANSWER_MS
        )
        if (
            page.get_by_role("link", name=re.compile("Open the PDF")).count()
            or page.get_by_role("heading", name="Source", exact=True).count()
        ):
            shown.append(doc_id)
        page.close()
    return shown
