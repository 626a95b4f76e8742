"""Which Chroma the suite runs against: embedded (default) or a real ``chroma run`` server.

``PESKB_TEST_STORE=server`` runs every test against one Chroma server started on a
free loopback port for the session; each test's index gets its own collection
name (derived from its index folder), so tests stay as isolated as temp folders.
Subprocesses get the same place through ``store_env``.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

MODE = os.environ.get("PESKB_TEST_STORE", "embedded")
_SERVER: dict[str, Any] = {}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_chroma_server(data_dir: Path, timeout: float = 60.0) -> tuple[subprocess.Popen, str]:
    """``chroma run`` on a free loopback port; returns the process and its URL once it answers."""
    import chromadb

    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    log = (data_dir.parent / f"chroma-{port}.log").open("wb")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(data_dir), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return proc, url
        except Exception:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"chroma run did not start; see {log.name}") from None
            time.sleep(0.2)


def server_url() -> str:
    if "url" not in _SERVER:
        root = Path(tempfile.mkdtemp(prefix="peskb-chroma-"))
        proc, url = start_chroma_server(root / "data")
        _SERVER.update(url=url, proc=proc)

        def stop() -> None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
            shutil.rmtree(root, ignore_errors=True)

        atexit.register(stop)
    return _SERVER["url"]


def collection_for(index_dir: Path) -> str:
    return "t-" + hashlib.sha1(str(index_dir.resolve()).encode()).hexdigest()[:16]


def store_settings(index_dir: Path) -> dict[str, Any]:
    """``store`` settings for a test whose index would live in ``index_dir``."""
    if MODE == "server":
        return {
            "index_dir": index_dir,
            "url": server_url(),
            "collection": collection_for(index_dir),
        }
    return {"index_dir": index_dir}


def store_env(index_dir: Path) -> dict[str, str]:
    """The same as environment variables, for subprocesses (CLI, Streamlit)."""
    return {f"PESKB_STORE__{k.upper()}": str(v) for k, v in store_settings(index_dir).items()}


def copy_index(src: Path, dst: Path) -> None:
    """Give ``dst`` its own copy of the embedded index at ``src`` (a built, cached index).

    Server mode imports the published generation into the server under ``dst``'s name.
    """
    if MODE != "server":
        shutil.copytree(src, dst)
        return
    from kb.core.settings import StoreSettings, load_settings
    from kb.index.generations import LocalGenerations, copy_store, open_generations

    name = load_settings().store.collection
    source = LocalGenerations(src, name)
    published = source.current()
    assert published is not None, f"no index at {src}"
    info = source.built_with(published.generation)
    assert info is not None
    store = source.open_store(published.generation, info)
    target = open_generations(StoreSettings(**store_settings(dst)))
    with target.lock.hold(60):
        draft = target.begin(None, info)
        copy_store(store, draft.store)
        lexical = source.load_lexical(published.generation)
        if lexical is None:  # a small write's generation keeps a delta over a full index
            delta = source.load_delta(published.generation)
            assert delta is not None, f"no lexical index at {src}"
            full = source.load_lexical(delta.base)
            assert full is not None, f"no full lexical index {delta.base} at {src}"
            lexical = delta.apply(full, published.generation)
        target.save_lexical(draft, lexical)
        target.publish(draft)
    source.close_store(store)
