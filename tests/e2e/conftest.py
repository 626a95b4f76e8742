"""Browser end-to-end fixtures.

The sample corpus is indexed once per session (``python -m ingest run`` in a
subprocess), then the real app runs under ``streamlit run`` from a temporary app
folder: symlinks to the repository's ``app.py``, ``ui``, ``kb`` and ``ingest``, its
own ``.streamlit`` (the repository's config plus, for sign-in, a test
``secrets.toml``), so nothing touches the working tree. Sources open on the app's
source page (``/source?doc=...``); nothing of the corpus is served as a static file.
Debian's ``/usr/bin/chromium`` is driven by Playwright (never ``playwright install``);
``oidc-provider-mock`` is the OpenID Connect provider for the sign-in round trip.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kb.core.settings import PROJECT_ROOT
from tests.chroma_server import copy_index, store_env

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What the app needs from the repository; everything else in the app folder is per test.
APP_ENTRIES = ("app.py", "ui", "kb", "ingest")
STARTUP_TIMEOUT_S = 90.0
INGEST_TIMEOUT_S = 600.0


def browser_unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} is missing: scripts/test.sh installs it "
            "(apt-get install -y chromium chromium-driver, as root); it could not be installed"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -r requirements-dev.txt"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    """Poll ``url`` until it answers 200; fail early with the log if the process died."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{proc.args} exited with {proc.returncode}:\n{_log_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{url} did not answer within {timeout:.0f} s:\n{_log_tail(log)}")
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _clean_env(**peskb: str) -> dict[str, str]:
    """This process's environment without inherited PESKB_* settings, plus ``peskb``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PESKB_")}
    env.update({"PESKB_PROFILE": "test", **peskb})
    return env


@dataclass(frozen=True)
class SampleIndex:
    corpus: Path
    index: Path


# What the index depends on: a change to any of these rebuilds it.
INDEX_INPUTS = ("corpus", "ingest", "kb", "settings.toml", "settings-test.toml", "requirements.txt")
INDEX_CACHE = PROJECT_ROOT / ".cache" / "e2e-index"


def _index_key() -> str:
    digest = hashlib.sha256()
    for name in INDEX_INPUTS:
        top = PROJECT_ROOT / name
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


def _build_index(corpus: Path, index: Path) -> None:
    env = _clean_env(
        PESKB_INGEST__CORPUS_DIR=str(corpus),
        PESKB_STORE__INDEX_DIR=str(index),
        PESKB_APP__FEEDBACK_DB=str(index.parent / "ingest-feedback.sqlite3"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "ingest", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=INGEST_TIMEOUT_S,
    )
    assert done.returncode == 0, f"ingest failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> SampleIndex:
    """The sample corpus copied to a temp dir and indexed by the real CLI (real e5 embedder).

    Embedding is the slow step (about a minute on two cores), so the built index is kept
    in ``.cache/e2e-index/<hash of corpus, ingest, kb, settings, requirements>`` and
    reused while none of those change.
    """
    tmp = tmp_path_factory.mktemp("e2e-index")
    corpus, index = tmp / "corpus", tmp / "index"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    cached = INDEX_CACHE / _index_key()
    if cached.is_dir():
        shutil.copytree(cached, index)
        return SampleIndex(corpus, index)
    _build_index(corpus, index)
    # Publish atomically: a concurrent session either sees the whole index or none.
    INDEX_CACHE.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=INDEX_CACHE, prefix=".staging-"))
    shutil.copytree(index, staging / "index")
    for old in INDEX_CACHE.iterdir():  # drop indexes of older code, unless possibly in use
        if old.is_dir() and time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)
    try:
        (staging / "index").rename(cached)
    except OSError:
        pass  # another session published the same key first
    shutil.rmtree(staging, ignore_errors=True)
    return SampleIndex(corpus, index)


@dataclass
class RunningApp:
    url: str
    root: Path
    feedback_db: Path
    log: Path
    process: subprocess.Popen
    corpus: Path


def make_app_dir(root: Path, corpus: Path, secrets_toml: str | None = None) -> Path:
    """A folder Streamlit can run the app from (no ``static`` folder: the corpus is never
    served as files)."""
    root.mkdir(parents=True)
    for name in APP_ENTRIES:
        (root / name).symlink_to(PROJECT_ROOT / name, target_is_directory=name != "app.py")
    (root / ".streamlit").mkdir()
    (root / ".streamlit" / "config.toml").symlink_to(PROJECT_ROOT / ".streamlit" / "config.toml")
    if secrets_toml is not None:
        (root / ".streamlit" / "secrets.toml").write_text(secrets_toml)
    return root


def start_app(
    root: Path,
    sample: SampleIndex,
    *,
    port: int | None = None,
    secrets_toml: str | None = None,
    **peskb_app: str,
) -> RunningApp:
    """Start ``streamlit run app.py`` from a fresh app folder on its own copy of the index.

    ``peskb_app`` are ``[app]`` settings, e.g. ``auth_mode="oidc"``.
    """
    port = port or free_port()
    make_app_dir(root, sample.corpus, secrets_toml)
    index = root.parent / f"{root.name}-index"
    copy_index(sample.index, index)  # each app process has its own index
    feedback_db = root.parent / f"{root.name}-feedback.sqlite3"
    env = _clean_env(
        PESKB_INGEST__CORPUS_DIR=str(sample.corpus),
        **store_env(index),
        PESKB_APP__FEEDBACK_DB=str(feedback_db),
        **{f"PESKB_APP__{key.upper()}": value for key, value in peskb_app.items()},
    )
    log = root.parent / f"{root.name}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/_stcore/health", proc, log, STARTUP_TIMEOUT_S)
    except BaseException:
        stop(proc)
        raise
    return RunningApp(url, root, feedback_db, log, proc, sample.corpus)


@pytest.fixture(scope="session")
def chat_app(
    sample_index: SampleIndex, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningApp]:
    """The app in local mode (no sign-in) on the sample index."""
    app = start_app(tmp_path_factory.mktemp("chat") / "app", sample_index, auth_mode="local")
    yield app
    stop(app.process)


@dataclass(frozen=True)
class OidcProvider:
    url: str
    metadata_url: str


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """oidc-provider-mock on 127.0.0.1: any client id, users typed into its login form."""
    port = free_port()
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "oidc_provider_mock",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    metadata = f"{url}/.well-known/openid-configuration"
    try:
        wait_for_http(metadata, proc, log, 30)
        yield OidcProvider(url, metadata)
    finally:
        stop(proc)


CURATOR_EMAIL = "curator@example.org"


@pytest.fixture(scope="session")
def oidc_app(
    sample_index: SampleIndex,
    oidc_provider: OidcProvider,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RunningApp]:
    """The app with ``auth_mode=oidc`` against the mock provider; one curator by e-mail."""
    port = free_port()
    secrets_toml = f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "pes-kb-e2e"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{oidc_provider.metadata_url}"
"""
    app = start_app(
        tmp_path_factory.mktemp("oidc-app") / "app",
        sample_index,
        port=port,
        secrets_toml=secrets_toml,
        auth_mode="oidc",
        curators=f'["{CURATOR_EMAIL}"]',  # pydantic-settings parses complex values as JSON
    )
    yield app
    stop(app.process)


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    yield pw
    pw.stop()


@pytest.fixture
def new_browser(
    playwright_session, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], object]]:
    """Opens Chromium with a new temp profile (no cookies); all of them close after the test."""
    contexts = []

    def open_context():
        context = playwright_session.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
