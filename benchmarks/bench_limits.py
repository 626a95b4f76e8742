"""Huge documents stay bounded: peak memory of the whole process tree and time (issue 14).

    python benchmarks/bench_limits.py [--sizes 3 30 50] [--embedder fake|e5]
                                      [--unbounded] [--json]

For each size, writes a generated HTML document of that many MB (varied illustrative
sentences under headings, ~90 % text) next to one small ordinary document in a fresh
corpus in a temp dir, runs ``ingest.pipeline.run_ingest`` into a fresh index, and
reports: wall time, peak RSS of the whole process tree (this process plus the
extraction forkserver and its workers, sampled every 50 ms from /proc), the main
process's own peak (VmHWM), and each file's outcome. ``--unbounded`` raises the
per-document limits out of the way (``max_chars``, ``max_chunks``, ``max_windows``)
to show what they prevent; the extraction bounds (60 s, 1.5 GB) stay.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import descendants  # noqa: E402

WORDS = (
    "Arbeitsvermittlung Beratung Jobcenter Weiterbildung Qualifizierung Arbeitgeber "
    "Langzeitarbeitslose Jugendliche Profiling Coaching Eingliederung Vermittlung "
    "employment services jobseekers counsellors activation training apprenticeship "
    "placement outreach partnership evaluation region office programme measure "
    "accompagnement demandeurs emploi formation insertion conseiller agence "
    "orientación empleo formación inserción oficina programa medida"
).split()


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreePeak:
    """Samples the summed RSS of this process and all its descendants."""

    def __init__(self, every_s: float = 0.05) -> None:
        self.every_s = every_s
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in [me, *descendants(me)]))
            self._stop.wait(self.every_s)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def write_html(path: Path, megabytes: float, seed: int = 14) -> int:
    """An illustrative generated report of about ``megabytes`` MB; returns its size."""
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("<!doctype html><html><head><title>Generated report</title></head><body>\n")
        size, section = 0, 0
        while size < target:
            section += 1
            parts = [f"<h2>Section {section}: {' '.join(rng.sample(WORDS, 3))}</h2>\n"]
            for _ in range(6):
                sentences = [
                    " ".join(rng.choices(WORDS, k=rng.randint(8, 18))).capitalize()
                    + f" ({rng.randint(1, 999)})."
                    for _ in range(rng.randint(3, 6))
                ]
                parts.append("<p>" + " ".join(sentences) + "</p>\n")
            chunk = "".join(parts)
            fh.write(chunk)
            size += len(chunk.encode("utf-8"))
        fh.write("</body></html>\n")
    return path.stat().st_size


def run_one(megabytes: float, embedder: str, unbounded: bool) -> dict:
    from ingest.pipeline import run_ingest
    from kb.core.settings import load_settings
    from kb.index.factory import build_knowledge_base

    with tempfile.TemporaryDirectory(prefix="bench-limits-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        size = write_html(corpus / f"huge_{megabytes:g}mb.html", megabytes)
        (corpus / "small.md").write_text(
            "# Digitale Dienste\n\nDas Portal erlaubt Terminbuchungen bei der Beratung.\n",
            encoding="utf-8",
        )
        ingest = {"corpus_dir": corpus}
        if unbounded:
            ingest |= {"max_chars": 10**9, "max_chunks": 10**7, "max_windows": 10**8}
        settings = load_settings(
            embedder={"provider": embedder},
            store={"index_dir": Path(tmp) / "index"},
            ingest=ingest,
        )
        kb = build_knowledge_base(settings)
        started = time.perf_counter()
        with TreePeak() as peak:
            report = run_ingest(kb, corpus)
        seconds = time.perf_counter() - started
        return {
            "mb": round(size / 2**20, 1),
            "embedder": embedder,
            "unbounded": unbounded,
            "seconds": round(seconds, 1),
            "tree_peak_mb": round(peak.peak_kb / 1024),
            "files": {f.path: f.error or f.action for f in report.files},
            "chunks_written": report.chunks_written,
        }


def _main_peak_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[3, 30, 50])
    parser.add_argument("--embedder", choices=["fake", "e5"], default="fake")
    parser.add_argument("--unbounded", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    for megabytes in args.sizes:
        result = run_one(megabytes, args.embedder, args.unbounded)
        result["main_peak_mb_so_far"] = _main_peak_mb()
        results.append(result)
        if not args.json:
            print(
                f"{result['mb']:>5} MB: {result['seconds']:>6} s, process tree peak "
                f"{result['tree_peak_mb']} MB (main process peak so far "
                f"{result['main_peak_mb_so_far']} MB), {result['chunks_written']} chunks written",
                flush=True,
            )
            for path, outcome in result["files"].items():
                print(f"        {path}: {outcome}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
