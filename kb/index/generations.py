"""Published generations of the index: readers see whole runs, never half of one.

A writer (an ingestion run, a curation action) never changes the generation that
readers use. Holding the writer lock, it copies the current generation into a
draft (or starts an empty one for a full rebuild), writes the chunks, builds the
lexical index from the draft's own chunks, and publishes the draft in one atomic
step. Readers check the published generation before each question and switch
to a new one when it appears. A writer killed at any point leaves the published
generation untouched; the next writer deletes its draft.

Two places to keep generations, chosen by ``store.url``:

- ``LocalGenerations`` (embedded, the default): one Chroma directory per
  generation under ``index_dir/generations/`` and an atomically replaced
  ``index_dir/CURRENT`` file. Each generation has its own path, so a reader's
  Chroma client never serves a cached view of files another process rewrote.
- ``ServerGenerations``: a Chroma server (``chroma run``) shared by app replicas
  and ingestion jobs on other machines. A generation is a set of collections
  ``<name>-g<N>``, ``...-manifest`` and ``...-lexical``; the published one is
  recorded in ``<name>-control``; the writer lock is a lease in the server.
"""

from __future__ import annotations

import base64
import functools
import io
import json
import os
import pickle
import shutil
import time
import uuid
import zlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from kb.core.settings import StoreSettings
from kb.index.embeddings import EmbedderInfo
from kb.index.lexical import LexicalIndex
from kb.index.locks import FileWriterLock, LeaseWriterLock, WriterLock
from kb.index.store import KnowledgeStore, paged_get

LEXICAL_FILE = "lexical.pkl"
_BLOB_PART = 4_000_000  # characters per metadata string holding a piece of the lexical index


@dataclass(frozen=True)
class Published:
    generation: str
    published_at: float


@dataclass
class Draft:
    generation: str
    store: KnowledgeStore
    location: str = ""  # embedded: the draft's folder


def _gen_id(number: int) -> str:
    return f"{number:06d}"


class Generations(ABC):
    lock: WriterLock

    @abstractmethod
    def current(self) -> Published | None:
        """The published generation, read from the shared place every time (cheap)."""

    @abstractmethod
    def open_store(self, generation: str, embedder: EmbedderInfo) -> KnowledgeStore: ...

    def close_store(self, store: KnowledgeStore) -> None:  # noqa: B027 - optional hook
        """Release what a store holds (embedded mode: the Chroma system for its path)."""

    @abstractmethod
    def load_lexical(self, generation: str) -> LexicalIndex | None: ...

    @abstractmethod
    def begin(self, base: str | None, embedder: EmbedderInfo) -> Draft:
        """A new unpublished generation: a copy of ``base``, or empty when None."""

    @abstractmethod
    def save_lexical(self, draft: Draft, index: LexicalIndex) -> None: ...

    @abstractmethod
    def publish(self, draft: Draft) -> Published: ...

    @abstractmethod
    def discard(self, draft: Draft) -> None: ...

    @abstractmethod
    def collect(self, keep: int) -> list[str]:
        """Delete drafts and all but the ``keep`` newest published generations."""


def open_generations(settings: StoreSettings) -> Generations:
    if settings.url:
        return ServerGenerations(settings.url, settings.collection, settings.auth_token)
    return LocalGenerations(settings.index_dir, settings.collection)


def local_client(path: Path) -> chromadb.ClientAPI:
    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )


# Pickles name their classes' modules; these modules moved into packages (issue 13),
# so indexes written before still open as they are instead of being rebuilt.
_MOVED_MODULES = {
    "kb.lexical": "kb.index.lexical",
    "kb.calibration": "kb.index.calibration",
    "kb.types": "kb.core.types",
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        return super().find_class(_MOVED_MODULES.get(module, module), name)


def _unpickle(data: bytes) -> LexicalIndex | None:
    """A lexical index written by other code (a class it names is gone or moved) is
    treated as missing; the reader rebuilds it from the chunks."""
    try:
        return _Unpickler(io.BytesIO(data)).load()
    except (AttributeError, ImportError, pickle.UnpicklingError, EOFError, TypeError):
        return None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def copy_store(source: KnowledgeStore, target: KnowledgeStore) -> None:
    """Every chunk and window (with their vectors) and manifest record of ``source``
    into ``target``."""
    include = ["documents", "metadatas", "embeddings"]
    for page in source.iter_chunks(include):
        target.add_chunks(page["ids"], page["documents"], page["embeddings"], page["metadatas"])
    for page in source.iter_chunks(include, collection="windows"):
        target.add_windows(page["ids"], page["documents"], page["embeddings"], page["metadatas"])
    for record in source.documents().values():
        target.put_record(record)
    for doc_id, failure in source.failures().items():
        target.put_failure(doc_id, failure)


class LocalGenerations(Generations):
    def __init__(self, index_dir: Path, name: str) -> None:
        self.index_dir = index_dir
        self.name = name
        self.root = index_dir / "generations"
        self.pointer = index_dir / "CURRENT"
        self.lock = FileWriterLock(index_dir)

    def _dir(self, generation: str) -> Path:
        return self.root / generation

    def current(self) -> Published | None:
        try:
            data = json.loads(self.pointer.read_text())
        except FileNotFoundError:
            return None
        return Published(data["generation"], float(data["published_at"]))

    def open_store(self, generation: str, embedder: EmbedderInfo) -> KnowledgeStore:
        return KnowledgeStore(local_client(self._dir(generation)), self.name, embedder)

    def close_store(self, store: KnowledgeStore) -> None:
        store.client.close()

    def load_lexical(self, generation: str) -> LexicalIndex | None:
        path = self._dir(generation) / LEXICAL_FILE
        return _unpickle(path.read_bytes()) if path.exists() else None

    def _numbers(self) -> list[int]:
        if not self.root.exists():
            return []
        return [int(p.name.split(".")[0]) for p in self.root.iterdir() if p.name[:6].isdigit()]

    def begin(self, base: str | None, embedder: EmbedderInfo) -> Draft:
        generation = _gen_id(max(self._numbers(), default=0) + 1)
        # A unique folder name: Chroma caches one client per path for the whole process,
        # so a path must never be reused for different files.
        path = self.root / f"{generation}.draft-{uuid.uuid4().hex[:8]}"
        self.root.mkdir(parents=True, exist_ok=True)
        if base is None:
            path.mkdir()
        else:
            # The base is published, so nothing writes to it: a plain copy is consistent.
            shutil.copytree(self._dir(base), path, ignore=shutil.ignore_patterns(LEXICAL_FILE))
        store = KnowledgeStore(local_client(path), self.name, embedder)
        return Draft(generation, store, str(path))

    def save_lexical(self, draft: Draft, index: LexicalIndex) -> None:
        path = Path(draft.location) / LEXICAL_FILE
        path.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))

    def publish(self, draft: Draft) -> Published:
        draft.store.client.close()
        path = Path(draft.location)
        for file in path.rglob("*"):
            if file.is_file():
                with file.open("rb+") as fh:
                    os.fsync(fh.fileno())
        final = self._dir(draft.generation)
        os.rename(path, final)
        _fsync_dir(self.root)
        published = Published(draft.generation, time.time())
        payload = {"generation": published.generation, "published_at": published.published_at}
        _atomic_write(self.pointer, json.dumps(payload).encode())
        return published

    def discard(self, draft: Draft) -> None:
        try:
            draft.store.client.close()
        finally:
            shutil.rmtree(draft.location, ignore_errors=True)

    def collect(self, keep: int) -> list[str]:
        current = self.current()
        if current is None or not self.root.exists():
            return []
        published = sorted(
            (p for p in self.root.iterdir() if p.name.isdigit() and p.name <= current.generation),
            key=lambda p: p.name,
        )
        kept = {p.name for p in published[-keep:]} | {current.generation}
        removed = []
        for path in self.root.iterdir():
            if path.name not in kept:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
        return removed


_HTTP_CLIENTS: dict[tuple[str, str], chromadb.ClientAPI] = {}


def http_client(url: str, token: str = "") -> chromadb.ClientAPI:
    """One HTTP client per server and process (it is thread-safe and holds a pool)."""
    key = (url, token)
    if key not in _HTTP_CLIENTS:
        parsed = urlparse(url)
        ssl = parsed.scheme == "https"
        _HTTP_CLIENTS[key] = chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or (443 if ssl else 8000),
            ssl=ssl,
            headers={"Authorization": f"Bearer {token}"} if token else None,
            settings=ChromaSettings(anonymized_telemetry=False),
        )
    return _HTTP_CLIENTS[key]


class ServerGenerations(Generations):
    def __init__(self, url: str, name: str, token: str = "") -> None:
        self.client = http_client(url, token)
        self.name = name
        self.lock = LeaseWriterLock(self.client, name)

    def _prefix(self, generation: str) -> str:
        return f"{self.name}-g{generation}"

    @functools.cached_property
    def _control(self) -> Any:
        # Read before every question: fetch the collection handle once, not per read.
        return self.client.get_or_create_collection(f"{self.name}-control", embedding_function=None)

    def current(self) -> Published | None:
        got = self._control.get(ids=["current"], include=["metadatas"])
        if not got["ids"]:
            return None
        md = got["metadatas"][0]
        return Published(str(md["generation"]), float(md["published_at"]))

    def open_store(self, generation: str, embedder: EmbedderInfo) -> KnowledgeStore:
        return KnowledgeStore(self.client, self._prefix(generation), embedder)

    def load_lexical(self, generation: str) -> LexicalIndex | None:
        try:
            col = self.client.get_collection(
                f"{self._prefix(generation)}-lexical", embedding_function=None
            )
        except Exception:  # noqa: BLE001 - no lexical index in this generation
            return None
        got = paged_get(col, ["metadatas"], page=8)  # each record holds up to 4 MB
        parts = sorted(zip(got["ids"], got["metadatas"], strict=True))
        blob = base64.b64decode("".join(md["data"] for _, md in parts))
        return _unpickle(zlib.decompress(blob))

    def _generations(self) -> dict[str, list[str]]:
        """Collections by generation number, drafts included."""
        out: dict[str, list[str]] = {}
        prefix = f"{self.name}-g"
        for col in self.client.list_collections():
            name = col.name if hasattr(col, "name") else str(col)
            rest = name[len(prefix) :] if name.startswith(prefix) else ""
            if rest[:6].isdigit():
                out.setdefault(rest[:6], []).append(name)
        return out

    def begin(self, base: str | None, embedder: EmbedderInfo) -> Draft:
        numbers = [int(g) for g in self._generations()]
        generation = _gen_id(max(numbers, default=0) + 1)
        store = KnowledgeStore(self.client, self._prefix(generation), embedder)
        if base is not None:
            copy_store(self.open_store(base, embedder), store)
        return Draft(generation, store)

    def save_lexical(self, draft: Draft, index: LexicalIndex) -> None:
        blob = zlib.compress(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL), 1)
        text = base64.b64encode(blob).decode("ascii")
        parts = [text[i : i + _BLOB_PART] for i in range(0, len(text), _BLOB_PART)] or [""]
        col = self.client.create_collection(
            f"{self._prefix(draft.generation)}-lexical", embedding_function=None
        )
        for n, part in enumerate(parts):
            col.add(ids=[f"{n:06d}"], embeddings=[[0.0]], metadatas=[{"data": part}])

    def publish(self, draft: Draft) -> Published:
        published = Published(draft.generation, time.time())
        meta = {"generation": draft.generation, "published_at": published.published_at}
        control = self._control
        # "published-N" tells published generations from drafts a dead writer left behind.
        control.upsert(ids=[f"published-{draft.generation}"], embeddings=[[0.0]], metadatas=[meta])
        control.upsert(ids=["current"], embeddings=[[0.0]], metadatas=[meta])
        return published

    def discard(self, draft: Draft) -> None:
        for name in self._generations().get(draft.generation, []):
            self.client.delete_collection(name)

    def collect(self, keep: int) -> list[str]:
        current = self.current()
        if current is None:
            return []
        control = self._control
        marks = paged_get(control, [], where={"generation": {"$ne": ""}})["ids"]
        published = sorted(m.removeprefix("published-") for m in marks if m != "current")
        kept = set(published[-keep:]) | {current.generation}
        removed = []
        for generation, names in self._generations().items():
            if generation not in kept:
                for name in names:
                    self.client.delete_collection(name)
                removed.append(generation)
        stale = [f"published-{g}" for g in published if g not in kept]
        if stale:
            control.delete(ids=stale)
        return removed
