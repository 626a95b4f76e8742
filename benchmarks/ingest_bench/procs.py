"""The descendants' memory and CPU, sampled from ``/proc``."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from common import MB, descendants

_CLK_TCK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _proc_figures(pid: int) -> dict[str, Any] | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return None
    kb = {
        line.split(":")[0]: int(line.split()[1])
        for line in status.splitlines()
        if line.startswith(("VmHWM:", "VmRSS:"))
    }
    fields = stat[stat.rindex(")") + 2 :].split()
    cpu = (int(fields[11]) + int(fields[12])) / _CLK_TCK  # utime + stime
    return {
        "hwm_mb": kb.get("VmHWM", 0) / 1024,
        "rss_mb": kb.get("VmRSS", 0) / 1024,
        "cpu_s": cpu,
        "cmdline": cmdline,
    }


def _self_rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * _PAGE / MB


class ProcSampler:
    """Samples this process's descendants every ``interval`` s in a thread.

    Keeps, per pid, the last CPU time and the peak RSS (VmHWM), and the peak of
    the summed current RSS of this process plus all descendants.
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.per_pid: dict[int, dict[str, Any]] = {}
        self.peak_total_rss_mb = 0.0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def sample(self) -> None:
        me = os.getpid()
        total = _self_rss_mb()
        tree = descendants(me)
        for pid, parent in tree.items():
            figures = _proc_figures(pid)
            if figures is None:
                continue
            total += figures["rss_mb"]
            # Processes forked by the forkserver keep its command line: tell them by parent.
            if parent == me:
                server = "forkserver" in figures["cmdline"]
                figures["role"] = "forkserver" if server else "helper"
            else:
                figures["role"] = "worker"
            with self._lock:
                prev = self.per_pid.get(pid)
                if prev is not None:
                    figures["hwm_mb"] = max(figures["hwm_mb"], prev["hwm_mb"])
                self.per_pid[pid] = figures
        with self._lock:
            self.peak_total_rss_mb = max(self.peak_total_rss_mb, total)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> ProcSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()
