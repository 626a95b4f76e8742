"""Security probe (issue 14): the real app, a hostile corpus, headless Chromium.

    python benchmarks/security_probe.py [--json] [--keep DIR]

Writes the hostile corpus of ``tests/hostile_corpus.py`` (scripts, ``onerror``
handlers, ``javascript:`` links, remote images and Streamlit directives in titles,
headings, organisations and passages; a prompt-injection sentence) into a temporary
folder, indexes it with ``python -m ingest run`` (e5), and starts ``streamlit run
app.py`` on loopback ports twice: in local mode as a curator, and in OIDC mode against
``oidc-provider-mock``. Chromium (/usr/bin/chromium, driven by Playwright) then walks
every page and source link (tests/e2e/probe.py) and the script reports:

- payloads executed: JavaScript dialogs, console lines with the payload marker,
  ``window.__pwned`` set (target 0);
- remote fetches: requests to any host but 127.0.0.1 (target 0);
- dangerous DOM: ``javascript:`` links or images pointing at the tracker (target 0);
- anonymous requests answered in OIDC mode: corpus files (catalogue, PDF, HTML)
  returned to a client without a session, and source pages that showed a document
  to a browser that has not signed in (target 0);
- whether the answer quoted the injected sentence (target: no).

Exit code 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SampleIndex,
    _build_index,
    free_port,
    start_app,
    stop,
    wait_for_http,
)
from tests.e2e.probe import anonymous_source_pages, corpus_files_served, walk  # noqa: E402
from tests.hostile_corpus import QUESTION, write_hostile_corpus  # noqa: E402

CURATOR = "curator@example.org"


def _context(pw, profile: Path):
    context = pw.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900},
    )  # fmt: skip
    context.set_default_timeout(60_000)
    return context


def _oidc_provider(work: Path):
    import subprocess

    port = free_port()
    log = work / "oidc.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port",
             str(port)], stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    wait_for_http(url, proc, log, 30)
    return proc, url


def probe(work: Path) -> dict:
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    corpus, index = work / "corpus", work / "index"
    docs = sorted(write_hostile_corpus(corpus))
    _build_index(corpus, index)
    sample = SampleIndex(corpus, index)
    rels = ["catalogue.yaml", "hostile_page.html", "hostile_report.pdf", "hostile_notes.md"]
    out: dict = {"documents": docs}
    local = start_app(
        work / "local-app", sample, auth_mode="local",
        secrets_toml=f'[local]\nuser = "{CURATOR}"\ncurators = ["{CURATOR}"]\n',
    )  # fmt: skip
    provider, metadata = _oidc_provider(work)
    port = free_port()
    oidc = start_app(
        work / "oidc-app", sample, port=port, auth_mode="oidc", curators=f'["{CURATOR}"]',
        secrets_toml=(
            f'[auth]\nredirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\nclient_id = "probe"\n'
            f'client_secret = "{secrets.token_hex(16)}"\nserver_metadata_url = "{metadata}"\n'
        ),
    )  # fmt: skip
    try:
        with sync_playwright() as pw:
            context = _context(pw, work / "profile-local")
            seen = walk(context, local.url, QUESTION, docs, curator=True)
            context.close()
            anonymous = _context(pw, work / "profile-anon")
            shown = anonymous_source_pages(anonymous, oidc.url, docs)
            anonymous.close()
        static_local = corpus_files_served(local.url, corpus, rels)
        static_oidc = corpus_files_served(oidc.url, corpus, rels)
    finally:
        for proc in (local.process, oidc.process, provider):
            stop(proc)
    out.update(
        pages_checked=len(seen.pages),
        payloads_executed=len(seen.executed()),
        executed=seen.executed(),
        remote_fetches=len(seen.remote_fetches()),
        remote=sorted(set(seen.remote_fetches())),
        dangerous_dom=len(seen.dom),
        requests_seen=len(seen.requests),
        static_files_served_local=static_local,
        anonymous_answered_oidc=len(static_oidc) + len(shown),
        anonymous_detail={"files": static_oidc, "source_pages": shown},
        seconds=round(time.perf_counter() - started, 1),
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: temporary)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = probe(args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="security-probe-") as tmp:
            result = probe(Path(tmp))
    ok = not (
        result["payloads_executed"] or result["remote_fetches"] or result["dangerous_dom"]
        or result["anonymous_answered_oidc"] or result["static_files_served_local"]
    )  # fmt: skip
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"hostile documents: {', '.join(result['documents'])}")
        print(f"pages checked in Chromium: {result['pages_checked']} "
              f"({result['requests_seen']} requests)")  # fmt: skip
        print(f"payloads executed: {result['payloads_executed']} (target 0) {result['executed']}")
        print(f"remote fetches: {result['remote_fetches']} (target 0) {result['remote']}")
        dom = result["dangerous_dom"]
        print(f"javascript: links / tracker images in the DOM: {dom} (target 0)")
        print(f"corpus files served as static files: {len(result['static_files_served_local'])}")
        print(f"anonymous requests answered in OIDC mode: {result['anonymous_answered_oidc']} "
              f"(target 0) {result['anonymous_detail']}")  # fmt: skip
        print(f"time: {result['seconds']} s · {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
