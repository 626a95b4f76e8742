"""One writer at a time across processes (and, in server mode, across machines).

Embedded mode uses an ``flock`` on a file beside the index (``filelock``): the
kernel drops it when the holder dies, so a killed writer never leaves it stuck.
Server mode uses a lease in the Chroma server: creating a collection with a
given name either succeeds or fails atomically; the holder refreshes a heartbeat
in its metadata, and a lease whose heartbeat stopped is broken by the next writer.

Both are re-entrant within a thread (a curation action holds the lock and calls
the same ``run_ingest`` the CLI uses) and exclusive between threads.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import filelock

OnWait = Callable[[str], None]


class IndexBusyError(RuntimeError):
    """Another writer holds the index and did not finish within the wait."""


def holder_description() -> dict[str, Any]:
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": " ".join(os.path.basename(a) for a in sys.argv[:3]) or "python",
        "since": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def describe(holder: dict[str, Any] | None) -> str:
    if not holder:
        return "another writer"
    return (
        f"{holder.get('command', '?')} (pid {holder.get('pid', '?')} on "
        f"{holder.get('host', '?')}, since {holder.get('since', '?')})"
    )


class WriterLock:
    """Base: an in-process re-entrant lock around an inter-process one."""

    poll_s = 0.25

    def __init__(self) -> None:
        self._local = threading.RLock()
        self._depth = 0

    # subclasses: try once, release, and say who holds it
    def _try_acquire(self) -> bool:
        raise NotImplementedError

    def _release(self) -> None:
        raise NotImplementedError

    def holder(self) -> dict[str, Any] | None:
        raise NotImplementedError

    @contextmanager
    def hold(self, wait_s: float = 0.0, on_wait: OnWait | None = None) -> Iterator[None]:
        """Hold the writer lock; wait up to ``wait_s`` seconds, else IndexBusyError."""
        deadline = time.monotonic() + max(wait_s, 0.0)
        got = self._local.acquire(timeout=wait_s) if wait_s > 0 else self._local.acquire(False)
        if not got:
            raise IndexBusyError(f"the index is being updated by {describe(self.holder())}")
        try:
            if self._depth == 0:
                self._acquire_outer(deadline, on_wait)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()
        finally:
            self._local.release()

    def _acquire_outer(self, deadline: float, on_wait: OnWait | None) -> None:
        told = False
        while not self._try_acquire():
            holder = describe(self.holder())
            if time.monotonic() >= deadline:
                raise IndexBusyError(f"the index is being updated by {holder}; try again later")
            if on_wait and not told:
                on_wait(f"waiting for the index: it is being updated by {holder}")
                told = True
            time.sleep(self.poll_s)

    def busy(self) -> str | None:
        """Who is writing now (None when nobody is), without taking the lock."""
        holder = self.holder()
        return None if holder is None else describe(holder)


class FileWriterLock(WriterLock):
    def __init__(self, index_dir: Path) -> None:
        super().__init__()
        index_dir.mkdir(parents=True, exist_ok=True)
        self._lock = filelock.FileLock(str(index_dir / "writer.lock"), thread_local=False)
        self._info = index_dir / "writer.json"

    def _try_acquire(self) -> bool:
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            return False
        self._info.write_text(json.dumps(holder_description()))
        return True

    def _release(self) -> None:
        self._info.unlink(missing_ok=True)
        self._lock.release()

    def holder(self) -> dict[str, Any] | None:
        probe = filelock.FileLock(self._lock.lock_file, thread_local=False, is_singleton=False)
        try:
            probe.acquire(timeout=0)
        except filelock.Timeout:
            try:
                return json.loads(self._info.read_text())
            except (OSError, ValueError):
                return {}
        probe.release()
        return None


class LeaseWriterLock(WriterLock):
    """A lease in the Chroma server: a collection named ``<name>-writer``."""

    def __init__(self, client: Any, name: str, lease_s: float = 60.0) -> None:
        super().__init__()
        self.client = client
        self.name = f"{name}-writer"
        self.lease_s = lease_s
        self._token = ""
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def _try_acquire(self) -> bool:
        token = uuid.uuid4().hex
        meta = {**holder_description(), "token": token, "heartbeat": time.time()}
        try:
            self.client.create_collection(self.name, metadata=meta, embedding_function=None)
        except Exception:  # noqa: BLE001 - "already exists": someone holds it
            self._break_if_expired()
            return False
        self._token = token
        self._stop.clear()
        self._beat = threading.Thread(target=self._heartbeat, daemon=True)
        self._beat.start()
        return True

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.lease_s / 4):
            try:
                col = self.client.get_collection(self.name, embedding_function=None)
                meta = dict(col.metadata or {})
                if meta.get("token") != self._token:
                    return  # broken by someone else: we lost the lease
                col.modify(metadata={**meta, "heartbeat": time.time()})
            except Exception:  # noqa: BLE001 - a missed beat is retried
                continue

    def _break_if_expired(self) -> None:
        holder = self.holder()
        if holder and time.time() - float(holder.get("heartbeat", 0)) > self.lease_s:
            again = self.holder()  # delete only the lease we judged, not a fresh one
            if again and again.get("token") == holder.get("token"):
                try:
                    self.client.delete_collection(self.name)
                except Exception:  # noqa: BLE001 - someone else broke it first
                    pass

    def _release(self) -> None:
        self._stop.set()
        if self._beat:
            self._beat.join(timeout=5)
        holder = self.holder()
        if holder and holder.get("token") == self._token:
            self.client.delete_collection(self.name)

    def holder(self) -> dict[str, Any] | None:
        try:
            return dict(self.client.get_collection(self.name, embedding_function=None).metadata)
        except Exception:  # noqa: BLE001 - no such collection: nobody holds it
            return None
