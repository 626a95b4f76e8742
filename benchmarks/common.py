"""What several benchmarks share: the repository's paths, the project's CLI commands,
a Chroma server, reading ``/proc`` (memory, load), percentiles, the catalogue vocabulary.

Only the standard library is imported at module level: some benchmarks import the
project only in subprocesses. Scripts run as ``python benchmarks/NAME.py``, which puts
this folder on ``sys.path``.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def log_ts(message: str) -> None:
    """``log`` with the time of day in front: ``[12:34:56] message``."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pct(values: list[float], q: float, digits: int | None = None) -> float | None:
    """The project's percentile (``kb.eval.percentile``), rounded when ``digits``."""
    project_on_path()
    from kb.eval import percentile

    value = percentile(values, q)
    return value if value is None or digits is None else round(value, digits)


def proc_status_mb(field: str, pid: int | str = "self") -> float | None:
    """A memory figure (``VmRSS``, ``VmHWM``) of a process from ``/proc``, in MB; None
    when the process is gone or has no such line."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def descendants(root: int) -> dict[int, int]:
    """pid -> parent pid of every live descendant of ``root`` (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text(encoding="ascii", errors="replace")
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found: dict[int, int] = {}
    todo = [(child, root) for child in children.get(root, [])]
    while todo:
        pid, parent = todo.pop()
        found[pid] = parent
        todo.extend((child, pid) for child in children.get(pid, []))
    return found


def peak_rss_mb() -> float:
    """This process's peak RSS (``getrusage``; Linux reports KiB), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def loadavg() -> float:
    """The 1-minute load average."""
    return os.getloadavg()[0]


def du_mb(path: Path) -> float:
    """Disk usage of a folder (allocated blocks, as ``du``), in MB."""
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0]) / 1024


def project_on_path(root: Path = REPO_ROOT) -> None:
    """Make ``import kb`` / ``import ingest`` work from a script in ``benchmarks/``."""
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))


def vocabulary() -> dict[str, list[str]]:
    """The catalogue's default vocabulary (``kb.core.vocabulary``): topics, target
    groups, practice types."""
    project_on_path()
    from kb.core.vocabulary import DEFAULT_VOCABULARY

    return {key: list(values) for key, values in DEFAULT_VOCABULARY.items()}


def ingest_command(corpus: Path, index: Path, *args: str) -> list[str]:
    """``python -m ingest --corpus C --index I ARGS`` (e.g. ``"run", "--json"``)."""
    return [sys.executable, "-m", "ingest", "--corpus", str(corpus), "--index", str(index), *args]


def kb_command(index: Path, *args: str) -> list[str]:
    """``python -m kb --index I ARGS`` (e.g. ``"eval", "questions.jsonl", "--json"``)."""
    return [sys.executable, "-m", "kb", "--index", str(index), *args]


def proc_cmdline(pid: int) -> str:
    """A process's command line from ``/proc`` ("" when it is gone)."""
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_chroma(data_dir: Path, log_file: Path) -> tuple[subprocess.Popen, str]:
    """``chroma run`` on a free port; returns the process and its URL once it answers."""
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    cmd = [str(chroma), "run", "--path", str(data_dir), "--host", "127.0.0.1", "--port", str(port)]
    log_fh = log_file.open("wb")
    proc = subprocess.Popen(cmd, stdout=log_fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited with {proc.returncode}; see {log_file}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.25)
    proc.terminate()
    raise RuntimeError(f"chroma run did not answer on {url}; see {log_file}")
