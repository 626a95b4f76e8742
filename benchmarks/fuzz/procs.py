"""Watching the CLI's process tree from /proc: RSS, limits, leftovers."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import proc_cmdline

from fuzz.config import MB

# --- watching the CLI's process tree -------------------------------------------------


def _proc_status(pid: int) -> dict[str, int]:
    out: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return out
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) * 1024
    return out


def _as_limit(pid: int) -> int | None:
    """The process's RLIMIT_AS soft limit in bytes (None: unlimited or unknown)."""
    try:
        for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
            if line.startswith("Max address space"):
                value = line.split()[3]
                return None if value == "unlimited" else int(value)
    except OSError:
        pass
    return None


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (ppid, pgid) for every process, read from /proc."""
    table: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(b")", 1)[1].split()
        table[int(entry.name)] = (int(fields[1]), int(fields[2]))
    return table


def process_tree(root: int) -> list[tuple[int, int]]:
    """(pid, ppid) of ``root`` and its descendants, parents first."""
    try:
        import psutil  # optional
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            top = psutil.Process(root)
            procs = [top, *top.children(recursive=True)]
            return [(p.pid, p.ppid()) for p in procs]
        except psutil.Error:
            return []
    children: dict[int, list[int]] = defaultdict(list)
    table = _proc_table()
    for pid, (ppid, _) in table.items():
        children[ppid].append(pid)
    if root not in table:
        return []
    out, todo = [], [(root, table[root][0])]
    while todo:
        pid, ppid = todo.pop(0)
        out.append((pid, ppid))
        todo.extend((c, pid) for c in sorted(children.get(pid, [])))
    return out


@dataclass
class ProcInfo:
    pid: int
    role: str  # main | forkserver | worker | tracker | other
    peak_rss: int = 0
    hwm: int = 0  # VmHWM: the kernel's own peak RSS, last value read
    as_limit: int | None = None  # RLIMIT_AS, last value read (None: unlimited)
    samples: int = 0
    ever_limited: bool = False


class TreeMonitor:
    """Samples the RSS of a process and its descendants."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.procs: dict[int, ProcInfo] = {}
        self.peak_total = 0
        self.samples = 0

    def _role(self, pid: int, ppid: int) -> str:
        if pid == self.root:
            return "main"
        parent = self.procs.get(ppid)
        if parent is not None and parent.role == "forkserver":
            return "worker"
        cmd = proc_cmdline(pid)
        if "forkserver" in cmd:
            return "forkserver"
        if "resource_tracker" in cmd:
            return "tracker"
        return "other"

    def sample(self) -> None:
        total = 0
        for pid, ppid in process_tree(self.root):
            mem = _proc_status(pid)
            if "VmRSS" not in mem:
                continue
            info = self.procs.get(pid)
            if info is None:
                info = self.procs[pid] = ProcInfo(pid, self._role(pid, ppid))
            if info.role == "worker" or info.samples == 0:
                # Workers get their limit from pebble's initializer just after they start.
                info.as_limit = _as_limit(pid)
                info.ever_limited |= info.as_limit is not None
            info.samples += 1
            info.peak_rss = max(info.peak_rss, mem["VmRSS"])
            info.hwm = max(info.hwm, mem.get("VmHWM", 0))
            total += mem["VmRSS"]
        self.peak_total = max(self.peak_total, total)
        self.samples += 1

    def summary(self, main_maxrss: int) -> dict[str, Any]:
        by_role: dict[str, list[ProcInfo]] = defaultdict(list)
        for info in self.procs.values():
            by_role[info.role].append(info)

        def peak(role: str) -> int:
            return max((max(p.peak_rss, p.hwm) for p in by_role.get(role, [])), default=0)

        workers = by_role.get("worker", [])
        return {
            "samples": self.samples,
            "tree_peak_mb": round(self.peak_total / MB, 1),
            "main_peak_mb": round(max(main_maxrss, peak("main")) / MB, 1),
            "forkserver_peak_mb": round(peak("forkserver") / MB, 1),
            "worker_peak_mb": round(peak("worker") / MB, 1),
            "other_peak_mb": round((peak("tracker") + peak("other")) / MB, 1),
            "workers_seen": len(workers),
            "worker_as_limits_mb": sorted({round(p.as_limit / MB) for p in workers if p.as_limit}),
            # Seen in 3+ samples (0.6 s) and never under an address-space limit.
            "workers_unlimited": sum(1 for p in workers if p.samples >= 3 and not p.ever_limited),
        }
