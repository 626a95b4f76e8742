"""The readers: a service built as the app builds it, staff sessions, reader child
processes, the monitor of publications and load."""

from __future__ import annotations

import json
import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

from common import (
    peak_rss_mb,
)

from loadtest.config import (
    CANARY_DOC_ID,
    CANARY_ID,
    CANARY_SHARE,
    MONITOR_S,
)


def build_service(index_dir: Path, corpus_dir: Path, url: str) -> Any:
    """A ``KnowledgeService`` built as the app builds it (one per process)."""
    from kb.app.service import KnowledgeService
    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    store: dict[str, Any] = {"index_dir": index_dir}
    if url:
        store["url"] = url
    settings = load_settings(store=store, ingest={"corpus_dir": corpus_dir})
    return KnowledgeService(build_knowledge_base(settings))


# --- sessions --------------------------------------------------------------------


def run_session(
    svc: Any,
    questions: list[dict[str, Any]],
    seed: str,
    think_ms: float,
    stop: threading.Event,
    records: list[dict[str, Any]],
    label: str,
) -> None:
    """One staff session: ask random questions with think time until ``stop`` is set."""
    rng = random.Random(seed)
    canary = [q for q in questions if q["id"] == CANARY_ID]
    others = [q for q in questions if q["id"] != CANARY_ID]
    while not stop.is_set():
        q = canary[0] if canary and rng.random() < CANARY_SHARE else rng.choice(others)
        rec: dict[str, Any] = {"session": label, "id": q["id"], "start": time.time()}
        t0 = time.perf_counter()
        try:
            published = svc.kb.published()  # what is published as the question starts
            rec["published_at_start"] = published.generation if published else ""
            answer = svc.ask(q["question"])
        except Exception as exc:  # noqa: BLE001 - every failure is a finding
            rec["error"] = f"{type(exc).__name__}: {exc}"
        else:
            rec["generation"] = answer.generation
            rec["found"] = bool(answer.found)
            rec["citations"] = len(answer.citations)
            if q["id"] == CANARY_ID:
                rec["cites_canary"] = any(c.doc_id == CANARY_DOC_ID for c in answer.citations)
        rec["latency_ms"] = (time.perf_counter() - t0) * 1000
        rec["end"] = time.time()
        records.append(rec)  # list.append is atomic under the GIL
        stop.wait(rng.uniform(0, think_ms) / 1000)


def run_sessions(
    svc: Any,
    questions: list[dict[str, Any]],
    n: int,
    seed: int,
    think_ms: float,
    stop: threading.Event,
    prefix: str,
) -> tuple[list[threading.Thread], list[dict[str, Any]]]:
    records: list[dict[str, Any]] = []
    threads = [
        threading.Thread(
            target=run_session,
            args=(svc, questions, f"{seed}:{prefix}{i}", think_ms, stop, records, f"{prefix}{i}"),
            name=f"session-{prefix}{i}",
            daemon=True,
        )
        for i in range(n)
    ]
    for t in threads:
        t.start()
    return threads, records


def reader_child(spec_file: Path) -> int:
    """A separate reader process: READY on stdout, GO/STOP on stdin, results to a file."""
    spec = json.loads(spec_file.read_text())
    svc = build_service(Path(spec["index"]), Path(spec["corpus"]), spec["url"])
    svc.ask(spec["questions"][0]["question"])  # load the model and open the index
    print("READY", flush=True)
    if sys.stdin.readline().strip() != "GO":
        return 1
    stop = threading.Event()
    threads, records = run_sessions(
        svc,
        spec["questions"],
        spec["threads"],
        spec["seed"],
        spec["think_ms"],
        stop,
        spec["prefix"],
    )
    sys.stdin.readline()  # STOP (or EOF: the parent died)
    stop.set()
    for t in threads:
        t.join()
    out = {"pid": os.getpid(), "peak_rss_mb": round(peak_rss_mb(), 1), "records": records}
    Path(spec["out"]).write_text(json.dumps(out))
    print("DONE", flush=True)
    return 0


# --- publications and load ---------------------------------------------------------


class Monitor(threading.Thread):
    """Polls ``kb.published()`` every 20 ms; samples the load average every second."""

    def __init__(self, kb: Any) -> None:
        super().__init__(name="monitor", daemon=True)
        self.kb = kb
        self.stop = threading.Event()
        self.seen: dict[str, dict[str, float]] = {}
        self.errors: list[str] = []
        self.load: list[tuple[float, float]] = []

    def poll(self) -> None:
        try:
            pub = self.kb.published()
        except Exception as exc:  # noqa: BLE001
            self.errors.append(f"{type(exc).__name__}: {exc}")
            return
        if pub is not None and pub.generation not in self.seen:
            self.seen[pub.generation] = {"published_at": pub.published_at, "seen_at": time.time()}

    def run(self) -> None:
        next_load = 0.0
        while not self.stop.is_set():
            self.poll()
            now = time.time()
            if now >= next_load:
                self.load.append((now, round(os.getloadavg()[0], 2)))
                next_load = now + 1.0
            self.stop.wait(MONITOR_S)
