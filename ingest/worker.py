"""Run an ingestion in a worker process, so the app's server never parses or embeds.

``ingest_in_worker`` is what a curation action calls while it holds the writer lock:
a child process (started from the extraction forkserver, so it never copies the
Streamlit server's threads or re-imports its main script) builds its own knowledge
base from the same settings, runs the same ``run_ingest`` steps under the lock its
parent holds, sends each file's progress back and returns the same ``RunReport``.
The child's address space is capped (``ingest.curation_memory_mb``); if it dies, the
action fails with a clear message and nothing is published (a run publishes only at
its end). If the parent dies, the child stops too, so no write outlives the lock.
"""

from __future__ import annotations

import os
import re
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ingest.catalogue import CatalogueError
from ingest.pipeline import Progress, run_ingest_locked
from ingest.report import RunReport
from ingest.sandbox import _limit_memory, _WorkerContext
from kb.core.settings import Settings
from kb.index.compaction import Compaction
from kb.index.factory import KnowledgeBase
from kb.index.locks import IndexBusyError
from kb.index.store import EmbedderMismatchError

_ERRORS: dict[str, type[Exception]] = {
    "CatalogueError": CatalogueError,
    "IndexBusyError": IndexBusyError,
    "EmbedderMismatchError": EmbedderMismatchError,
}


# How running out of address space shows when it is not a MemoryError.
_OUT_OF_MEMORY = re.compile(r"memory|can't start new thread|allocate|map segment", re.I)


class WorkerError(RuntimeError):
    """The ingestion worker failed or died; nothing was published."""


def _orphan_watch(parent: int) -> None:
    """Exit as soon as the process that started us is gone (its lock is gone too)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(70)


def _child(
    settings: Settings,
    corpus_dir: Path,
    full: bool,
    conn: Connection,
    memory_mb: int,
    compact: Compaction = "defer",
) -> None:
    threading.Thread(target=_orphan_watch, args=(os.getppid(),), daemon=True).start()
    _limit_memory(memory_mb)
    try:
        from kb.index.factory import build_knowledge_base

        kb = build_knowledge_base(settings, create=False)

        def progress(done: int, total: int, item: Any) -> None:
            conn.send(("progress", done, total, item))

        report = run_ingest_locked(kb, corpus_dir, full=full, progress=progress, compact=compact)
        conn.send(("done", report))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        kind = type(exc).__name__
        if isinstance(exc, MemoryError) or _OUT_OF_MEMORY.search(str(exc)):
            kind = "MemoryError"
        conn.send(("error", kind, str(exc)))
    finally:
        conn.close()


def ingest_in_worker(
    kb: KnowledgeBase,
    corpus_dir: Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
    compact: Compaction = "defer",
) -> RunReport:
    """``run_ingest`` in a bounded child process; the caller must hold ``kb.writing()``.
    A curator waits for it, so by default it compacts the index's segments only at
    the hard bound (``kb.index.compaction``).

    Raises CatalogueError, IndexBusyError or EmbedderMismatchError as ``run_ingest``
    would, and WorkerError when the worker fails otherwise or dies.
    """
    memory_mb = kb.settings.ingest.curation_memory_mb
    context = _WorkerContext()
    context.set_forkserver_preload(["ingest.worker_preload"])
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(kb.settings, Path(corpus_dir), full, theirs, memory_mb, compact),
        name="pes-ingest-worker",
        daemon=False,  # it starts its own extraction workers
    )
    process.start()
    theirs.close()
    try:
        while True:
            try:
                message = ours.recv()
            except EOFError:
                process.join(10)
                raise WorkerError(
                    f"the ingestion worker stopped (exit code {process.exitcode}), likely over "
                    f"its memory limit of {memory_mb} MB (ingest.curation_memory_mb); "
                    "nothing was published"
                ) from None
            if message[0] == "progress":
                if progress:
                    progress(*message[1:])
                continue
            if message[0] == "done":
                return message[1]
            _, kind, text = message
            if kind == "MemoryError":
                raise WorkerError(
                    f"the ingestion worker ran out of memory ({text}): over its memory limit "
                    f"of {memory_mb} MB (ingest.curation_memory_mb); nothing was published"
                )
            if kind in _ERRORS:
                raise _ERRORS[kind](text)
            raise WorkerError(f"ingestion failed ({kind}: {text}); nothing was published")
    finally:
        ours.close()
        process.join(30)
        if process.is_alive():
            process.kill()
            process.join()
