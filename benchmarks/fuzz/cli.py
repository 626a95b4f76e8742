"""Running the ingestion CLI (with per-file extraction timing) and reading the index."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import proc_cmdline

from fuzz.config import SAMPLE_S, SCRIPT
from fuzz.procs import TreeMonitor, _proc_table

# --- running the CLI -------------------------------------------------------------------


@dataclass
class RunResult:
    label: str
    command: list[str]
    returncode: int | None = None  # negative: killed by that signal
    wall_s: float = 0.0
    report: dict[str, Any] | None = None
    crash: list[str] = field(default_factory=list)  # why this run counts as a crash
    tracebacks: list[str] = field(default_factory=list)
    stderr_lines: int = 0
    hung: bool = False
    leaked: list[str] = field(default_factory=list)
    timings: list[dict[str, Any]] = field(default_factory=list)
    timing_note: str = ""
    memory: dict[str, Any] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # report entries by path


_TRACEBACK = re.compile(r"^Traceback \(most recent call last\):\n(?:[ \t].*\n|\n)*.*$", re.M)


def run_cli(
    label: str,
    ingest_args: list[str],
    env: dict[str, str],
    source: Path,
    logs: Path,
    stall_s: float,
    plain: bool,
) -> RunResult:
    """Run the ingestion CLI once, watch its process tree, and classify how it ended."""
    timings_path = logs / f"{label}.timings.jsonl"
    if plain:
        command = [sys.executable, "-m", "ingest", *ingest_args]
    else:
        command = [sys.executable, str(SCRIPT), "--_cli", str(timings_path), "--", *ingest_args]
    result = RunResult(label, command)
    out_path, err_path = logs / f"{label}.out", logs / f"{label}.err"
    started = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            command, cwd=source, env=env, stdout=out, stderr=err, start_new_session=True
        )
        monitor = TreeMonitor(proc.pid)
        last_size, last_progress = -1, started
        status, rusage = 0, None
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            monitor.sample()
            now = time.monotonic()
            size = timings_path.stat().st_size if timings_path.exists() else 0
            if size != last_size:
                last_size, last_progress = size, now
            if now - last_progress > stall_s:
                result.hung = True
                if not plain:  # the wrapper dumps every thread's stack on SIGUSR1
                    os.kill(proc.pid, signal.SIGUSR1)
                    time.sleep(2)
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, rusage = os.wait4(proc.pid, 0)
                break
            time.sleep(SAMPLE_S)
        proc.returncode = os.waitstatus_to_exitcode(status)
    result.wall_s = time.monotonic() - started
    result.returncode = proc.returncode
    result.memory = monitor.summary((rusage.ru_maxrss * 1024) if rusage else 0)
    result.leaked = _leftovers(proc.pid)
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    result.stderr_lines = stderr.count("\n")
    result.tracebacks = [m.group() for m in _TRACEBACK.finditer(stderr)]
    try:
        result.report = json.loads(stdout)
    except json.JSONDecodeError:
        result.report = None
    result.files = {f["path"]: f for f in (result.report or {}).get("files", [])}
    if timings_path.exists():
        for line in timings_path.read_text().splitlines():
            row = json.loads(line)
            if "unavailable" in row:
                result.timing_note = row["unavailable"]
            else:
                result.timings.append(row)
    elif plain:
        result.timing_note = "--plain-cli: per-file times not measured"
    _classify(result)
    return result


def _leftovers(pgid: int) -> list[str]:
    """Processes of the run's process group still alive 5 s after it exited (then killed)."""
    deadline = time.monotonic() + 5
    while True:
        alive = [pid for pid, (_, group) in _proc_table().items() if group == pgid]
        if not alive or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    described = [f"{pid}: {proc_cmdline(pid)[:120]}" for pid in alive]
    if alive:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return described


def _classify(result: RunResult) -> None:
    rc = result.returncode
    if result.hung:
        result.crash.append("hang: no progress, process group killed")
    if rc is not None and rc < 0:
        result.crash.append(f"killed by signal {-rc} ({signal.Signals(-rc).name})")
    elif rc not in (0, 1):
        result.crash.append(f"exit code {rc}")
    if result.tracebacks:
        result.crash.append(f"{len(result.tracebacks)} Python traceback(s) on stderr")
    if result.report is None:
        result.crash.append("no JSON report on stdout")
    else:
        failed = sum(1 for f in result.report.get("files", []) if f.get("action") == "failed")
        if rc in (0, 1) and rc != (1 if failed else 0):
            result.crash.append(f"exit code {rc} but the report lists {failed} failed file(s)")
    if result.leaked:
        result.crash.append(f"{len(result.leaked)} process(es) left running after exit")


def cli_with_timings(timings_path: str, argv: list[str]) -> int:
    """``ingest.cli.main(argv)``, with every extraction timestamped (runs in the subprocess).

    ``Extractor.submit`` is wrapped so that each extraction future records when it
    finished. With one worker (the default), extraction i starts when it was submitted
    or when extraction i-1 finished, whichever is later, so its duration is measured
    from there. With more workers that start time is approximate.
    """
    import faulthandler

    faulthandler.register(signal.SIGUSR1, all_threads=True)
    log = open(timings_path, "a", buffering=1, encoding="utf-8")
    try:
        from ingest import sandbox

        original = sandbox.Extractor.submit
        lock = threading.Lock()
        last_done = [0.0]

        def submit(self: Any, job: Any) -> Any:
            submitted = time.monotonic()
            future = original(self, job)

            def done(fut: Any) -> None:
                now = time.monotonic()
                try:
                    exc = fut.exception(timeout=0)
                except BaseException as cancelled:  # noqa: BLE001 - cancellation
                    exc = cancelled
                with lock:
                    began = max(submitted, last_done[0])
                    row = {
                        "path": getattr(job, "rel_path", "?"),
                        "seconds": round(now - began, 3),
                        "since_submit": round(now - submitted, 3),
                        "error": type(exc).__name__ if exc else None,
                        # The run's first extraction also waits for the pool to start.
                        "first_in_run": not last_done[0],
                    }
                    last_done[0] = now
                    log.write(json.dumps(row) + "\n")

            future.add_done_callback(done)
            return future

        sandbox.Extractor.submit = submit
    except (ImportError, AttributeError) as exc:
        log.write(json.dumps({"unavailable": f"extraction not timed: {exc!r}"}) + "\n")
    from ingest.cli import main as ingest_main

    return ingest_main(argv)


# --- reading the index (in a subprocess, with the project on the path) ---------------------


def index_snapshot(index_dir: Path, markers: list[str]) -> dict[str, Any]:
    """What the index holds, through the store's public calls (adapt here if they change)."""
    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    settings = load_settings()
    settings.store.index_dir = Path(index_dir)
    kb = build_knowledge_base(settings)
    store = kb.snapshot().store
    records = store.documents()
    documents = {
        doc_id: {
            "status": r.status,
            "chunk_count": r.chunk_count,
            "path": r.path,
            "counted": store.chunk_count(doc_id),
        }
        for doc_id, r in records.items()
    }
    got = store.all_chunks(["metadatas", "documents"])
    fingerprint = store.fingerprint()
    chunk_doc = {i: md.get("doc_id") for i, md in zip(got["ids"], got["metadatas"], strict=True)}
    hits = sorted(
        {
            chunk_doc[i]
            for i, text in zip(got["ids"], got["documents"], strict=True)
            if any(m in (text or "") for m in markers)
        },
        key=str,
    )
    return {
        "documents": documents,
        "chunks_total": store.chunk_count(),
        "fingerprint": {i: [*fp, chunk_doc.get(i)] for i, fp in fingerprint.items()},
        "marker_hits": hits,
    }


def helper_main(argv: list[str]) -> int:
    """Hidden helper modes, run in a subprocess: ``settings`` and ``inspect INDEX [MARKER]``."""
    if argv[0] == "settings":
        from kb.core.settings import load_settings

        s = load_settings()
        print(
            json.dumps(
                {
                    "extract_timeout_s": s.ingest.extract_timeout_s,
                    "extract_memory_mb": s.ingest.extract_memory_mb,
                    "workers": s.ingest.workers,
                    "max_file_mb": s.ingest.max_file_mb,
                    "embedder": s.embedder.provider,
                }
            )
        )
        return 0
    print(json.dumps(index_snapshot(Path(argv[1]), argv[2:])))
    return 0


def run_helper(args: list[str], env: dict[str, str], source: Path) -> tuple[Any, str]:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--_helper", *args],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        return None, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
    return json.loads(proc.stdout), ""


def status_json(index: Path, corpus: Path, env: dict[str, str], source: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ingest",
            "--corpus",
            str(corpus),
            "--index",
            str(index),
            "status",
            "--json",
        ],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
    )
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {"error": proc.stderr.strip()[-500:]}
