"""The ingestion runs the readers ask during: ``python -m ingest ... run``, timed."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from common import (
    REPO_ROOT,
    ingest_command,
)


def ingest_env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CHROMA_URL", "PESKB_STORE__URL")}
    if url:
        env["CHROMA_URL"] = url
    return env


def run_ingestion(corpus: Path, index: Path, url: str, full: bool) -> dict[str, Any]:
    """``python -m ingest --corpus C --index I run [--full] --json``, timed."""
    cmd = ingest_command(corpus, index, "run")
    cmd += ["--full"] if full else []
    cmd += ["--json"]
    started = time.time()
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=REPO_ROOT, env=ingest_env(url), capture_output=True, text=True, check=False
    )
    out: dict[str, Any] = {
        "command": " ".join(["python", *cmd[1:]]),
        "started": started,
        "ended": time.time(),
        "wall_s": round(time.perf_counter() - t0, 2),
        "exit_code": proc.returncode,
    }
    try:
        report = json.loads(proc.stdout)
        out["generation"] = report.get("generation")
        seconds = report.get("seconds")
        out["run_seconds"] = round(seconds, 1) if isinstance(seconds, int | float) else seconds
        out["summary"] = report.get("summary")
    except json.JSONDecodeError:
        out["stdout_tail"] = proc.stdout[-2000:]
    if proc.returncode != 0:
        out["stderr_tail"] = proc.stderr[-2000:]
    return out
