"""Processes: run a command, kill it at a delay, record what it left, reap orphans."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import ingest_command, proc_cmdline

from crash.config import _PROGRESS, ORPHAN_WAIT_S, POLL_S, REPO_ROOT, SCRIPT, TIMEOUT_S, _env
from crash.reader import index_listing

# --- processes ------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def process_view(pid: int) -> dict[str, int]:
    """The extraction forkserver (a child of ``pid``) and its workers."""
    forkserver, workers = 0, 0
    for child in _children(pid):
        if "multiprocessing.forkserver" in proc_cmdline(child):
            forkserver = 1
            workers += len(_children(child))
    return {"forkserver": forkserver, "workers": workers}


def group_members(pgid: int) -> list[int]:
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(name))
    return out


def lock_is_free(index_dir: Path) -> bool:
    path = index_dir / "writer.lock"
    if not path.exists():
        return True
    with path.open("a") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    return True


def guess_phase(
    listing: dict[str, Any],
    procs: dict[str, int],
    base: str | None,
    workers_seen: bool,
    extraction: bool,
) -> str:
    """Where a run was, from the index folder and the process tree."""
    if listing["current"] != base:
        return "published (collect, run log)"
    if any(d > (base or "") and d != listing["current"] for d in listing["published_dirs"]):
        return "publish: draft renamed, CURRENT not yet replaced"
    if listing["draft_lexical"]:
        return "publish: lexical index saved, fsync/rename"
    if listing["drafts"]:
        if procs["workers"]:
            return "extract+embed+write"
        if workers_seen:
            return "after extraction: removals, repair, lexical build"
        if not extraction:
            return "draft: copy, removals, lexical build (no extraction)"
        if procs["forkserver"]:
            return "extractor start-up"
        return "draft: copying base generation"
    if listing["writer_json"]:
        return "lock held: planning (scan, hash, read manifest) or folder edit"
    return "start-up (imports, settings, opening the index)"


@dataclass
class Observed:
    """One process under test, watched until it exits or is killed."""

    exited_before_kill: bool = False
    exit_code: int | None = None
    seconds: float = 0.0
    phase: str = ""
    progress: str = ""
    listing: dict[str, Any] = field(default_factory=dict)
    procs: dict[str, int] = field(default_factory=dict)
    timeline: list[tuple[float, str]] = field(default_factory=list)
    orphans: int = 0
    orphans_exited_s: float | None = None
    orphans_killed: int = 0
    lock_free_after: bool = True
    pgid: int = 0
    reader: threading.Thread | None = field(default=None, repr=False)


def run_watched(
    cmd: list[str],
    index_dir: Path,
    log: Path,
    kill_after: float | None,
    extraction: bool = True,
    after_lexical: float | None = None,
) -> Observed:
    """Start ``cmd``; watch its phases; SIGKILL its main process after ``kill_after`` s,
    or (``after_lexical``) that many seconds after a draft's ``lexical-delta.pkl`` appears
    (written last, after the full ``lexical.pkl`` when there is one)."""
    base = index_listing(index_dir)["current"]
    master, slave = os.openpty()
    started = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env={**_env(), "COLUMNS": "200"},
            stdout=out,
            stderr=slave,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    os.close(slave)
    tail = bytearray()

    def read_pty() -> None:
        # Only this thread closes ``master``: it reads until every holder of the pty's
        # other end (the run and anything it left behind) is gone.
        try:
            while chunk := os.read(master, 4096):
                tail.extend(chunk)
                del tail[:-8192]
        except OSError:
            pass
        finally:
            os.close(master)

    reader = threading.Thread(target=read_pty, daemon=True)
    reader.start()
    obs = Observed()
    stop = threading.Event()
    state = {"workers_seen": False}

    def watch() -> None:
        last = ""
        while not stop.is_set() and proc.poll() is None:
            procs = process_view(proc.pid)
            state["workers_seen"] |= bool(procs["workers"])
            phase = guess_phase(
                index_listing(index_dir), procs, base, state["workers_seen"], extraction
            )
            if phase != last:
                obs.timeline.append((round(time.monotonic() - started, 2), phase))
                last = phase
            stop.wait(POLL_S)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    deadline = None if kill_after is None else started + kill_after
    gens = index_dir / "generations"
    while proc.poll() is None:
        if after_lexical is not None and deadline is None:
            names = os.listdir(gens) if gens.is_dir() else []
            if any(".draft" in n and (gens / n / "lexical-delta.pkl").exists() for n in names):
                deadline = time.monotonic() + after_lexical
        if deadline is not None and time.monotonic() >= deadline:
            break
        if time.monotonic() - started > TIMEOUT_S:
            break
        near = deadline is not None and deadline - time.monotonic() < 0.1
        time.sleep(0.005 if near or after_lexical is not None else 0.02)
    procs = process_view(proc.pid)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    else:
        obs.exited_before_kill = kill_after is not None or after_lexical is not None
    stop.set()
    watcher.join()
    state["workers_seen"] |= bool(procs["workers"])
    obs.seconds = time.monotonic() - started
    obs.exit_code = proc.returncode
    obs.procs = procs
    obs.listing = index_listing(index_dir)
    obs.lock_free_after = lock_is_free(index_dir)
    found = _PROGRESS.findall(tail.decode(errors="replace"))
    obs.progress = f"{found[-1][0]}/{found[-1][1]}" if found else ""
    if obs.exited_before_kill:
        obs.phase = "finished before kill"
    elif kill_after is None and after_lexical is None:
        obs.phase = "completed"
    else:
        obs.phase = guess_phase(obs.listing, procs, base, state["workers_seen"], extraction)
        if obs.phase == "extract+embed+write" and obs.progress:
            obs.phase += f" (doc {obs.progress})"
    obs.pgid = proc.pid
    obs.reader = reader
    return obs


def reap_orphans(obs: Observed) -> None:
    """Wait up to ORPHAN_WAIT_S for processes left by the killed run, then kill them."""
    pgid = obs.pgid
    left = group_members(pgid)
    obs.orphans = len(left)
    t0 = time.monotonic()
    while left and time.monotonic() - t0 < ORPHAN_WAIT_S:
        time.sleep(0.2)
        left = group_members(pgid)
    if obs.orphans and not left:
        obs.orphans_exited_s = round(time.monotonic() - t0, 1)
    if left:
        obs.orphans_killed = len(left)
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        time.sleep(0.2)
    if obs.reader is not None:
        obs.reader.join(timeout=5)


def ingest_cli(corpus: Path, index: Path, *extra: str) -> list[str]:
    return ingest_command(corpus, index, "run", *extra)


def run_cli(corpus: Path, index: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    """A normal (not killed) ingestion run: exit code, JSON report, stderr."""
    done = subprocess.run(
        ingest_cli(corpus, index, *extra, "--json"),
        cwd=REPO_ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = {}
    return done.returncode, report, done.stderr[-2000:]


def inspect(
    index: Path, vectors: Path, corpus: Path | None = None, build: Path | None = None
) -> dict[str, Any]:
    """The reader's view, in a fresh process; with ``build``, first a clean full build
    of the folder ``build`` into ``index`` (``run_ingest(full=True)``, same process)."""
    cmd = [sys.executable, str(SCRIPT), "--inspect", str(index), "--vectors", str(vectors)]
    if corpus is not None:
        cmd += ["--corpus", str(corpus)]
    if build is not None:
        cmd += ["--build-reference", str(build)]
    done = subprocess.run(
        cmd, cwd=REPO_ROOT, env=_env(), capture_output=True, text=True, timeout=TIMEOUT_S
    )
    if done.returncode != 0:
        raise RuntimeError(f"reader failed (exit {done.returncode}): {done.stderr[-1500:]}")
    return json.loads(done.stdout)
