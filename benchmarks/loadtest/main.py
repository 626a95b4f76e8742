"""The command line (``python benchmarks/load_test.py``) and the run."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from common import (
    REPO_ROOT,
    log_ts,
    peak_rss_mb,
    proc_status_mb,
    project_on_path,
    start_chroma,
)

import loadtest
from loadtest.analysis import analyse
from loadtest.config import (
    CANARY_DOC,
    CANARY_DOC_ID,
    CANARY_ID,
    CANARY_PATH,
    CANARY_QUESTION,
    latency_stats,
    load_questions,
)
from loadtest.ingestion import ingest_env, run_ingestion
from loadtest.report import emit
from loadtest.sessions import Monitor, build_service, reader_child, run_sessions

project_on_path()
ENTRY = Path(__file__).resolve().parent.parent / "load_test.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=loadtest.__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent staff sessions")
    parser.add_argument(
        "--duration", type=float, default=0.0, help="extra seconds of load after the settle time"
    )
    parser.add_argument("--workdir", type=Path, help="keep corpus copy and index here")
    parser.add_argument("--server", action="store_true", help="run against a Chroma server")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--processes", type=int, default=1, help="reader processes (>= 1)")
    parser.add_argument("--reingestions", type=int, default=2, help="full re-ingestions, 1-2+")
    parser.add_argument("--before", type=float, default=10.0, help="load seconds before")
    parser.add_argument("--settle", type=float, default=10.0, help="load seconds after")
    parser.add_argument("--think-ms", type=float, default=200.0, help="max think time")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reader-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.reader_child:
        return reader_child(args.reader_child)
    if args.sessions < 1 or not 1 <= args.processes <= args.sessions:
        parser.error("need --sessions >= 1 and 1 <= --processes <= --sessions")

    tmp = None
    if args.workdir:
        work = args.workdir.resolve()
        work.mkdir(parents=True, exist_ok=True)
        for name in ("corpus", "index", "chroma", "readers"):
            shutil.rmtree(work / name, ignore_errors=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="pes-load-")
        work = Path(tmp.name)
    try:
        return _run(args, work)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _run(args: argparse.Namespace, work: Path) -> int:
    corpus, index = work / "corpus", work / "index"
    shutil.copytree(REPO_ROOT / "corpus", corpus)
    os.environ.pop("CHROMA_URL", None)
    os.environ.pop("PESKB_STORE__URL", None)
    result: dict[str, Any] = {
        "mode": "server" if args.server else "embedded",
        "sessions": args.sessions,
        "processes": args.processes,
        "reingestions": args.reingestions,
        "think_ms": args.think_ms,
        "cpus": os.cpu_count(),
        "load_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    chroma_proc: subprocess.Popen | None = None
    children: list[subprocess.Popen] = []
    try:
        url = ""
        if args.server:
            chroma_proc, url = start_chroma(work / "chroma", work / "chroma.log")
            result["chroma_url"] = url
            log_ts(f"chroma server pid {chroma_proc.pid} on {url}")
        log_ts("initial build of the index (no load)")
        build = run_ingestion(corpus, index, url, full=False)
        result["initial_build"] = build
        if build["exit_code"] != 0:
            log_ts(f"initial build failed: {build}")
            emit(result, args.json)
            return 2
        log_ts(f"initial build: {build['wall_s']} s, generation {build.get('generation')}")

        questions = load_questions()
        t0 = time.perf_counter()
        svc = build_service(index, corpus, url)
        kb = svc.kb
        warm_found: dict[str, bool] = {}
        warm_ms: list[float] = []
        canary_warm: dict[str, Any] = {}
        for q in questions:
            t1 = time.perf_counter()
            a = svc.ask(q["question"])
            warm_ms.append((time.perf_counter() - t1) * 1000)
            warm_found[q["id"]] = bool(a.found and a.citations)
            if q["id"] == CANARY_ID:
                canary_warm = {"found": a.found, "citations": [c.doc_id for c in a.citations]}
        result["warmup_s"] = round(time.perf_counter() - t0, 1)
        answerable = {q["id"]: q["answerable"] for q in questions}
        result["warmup"] = {
            "answerable_found": sum(
                1
                for q in questions
                if q["answerable"] and q["id"] != CANARY_ID and warm_found[q["id"]]
            ),
            "answerable": sum(1 for q in questions if q["answerable"] and q["id"] != CANARY_ID),
            "unanswerable_refused": sum(
                1 for q in questions if not q["answerable"] and not warm_found[q["id"]]
            ),
            "unanswerable": sum(1 for q in questions if not q["answerable"]),
            "canary_before": canary_warm,
            "first_ask_ms": round(warm_ms[0], 1),
            "latency_ms_after_first": latency_stats(warm_ms[1:]),
        }
        log_ts(f"warm-up pass: {result['warmup']} in {result['warmup_s']} s")

        # Reader processes: this one plus P-1 children, sessions spread over them.
        shares = [
            args.sessions // args.processes + (1 if i < args.sessions % args.processes else 0)
            for i in range(args.processes)
        ]
        readers_dir = work / "readers"
        readers_dir.mkdir(exist_ok=True)
        for i, n in enumerate(shares[1:], start=1):
            spec = {
                "index": str(index),
                "corpus": str(corpus),
                "url": url,
                "questions": questions,
                "threads": n,
                "seed": args.seed,
                "think_ms": args.think_ms,
                "prefix": f"p{i}s",
                "out": str(readers_dir / f"reader{i}.json"),
            }
            spec_file = readers_dir / f"reader{i}.spec.json"
            spec_file.write_text(json.dumps(spec))
            children.append(
                subprocess.Popen(
                    [sys.executable, str(ENTRY), "--reader-child", str(spec_file)],
                    cwd=REPO_ROOT,
                    env=ingest_env(url),
                    text=True,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                )
            )
        for child in children:
            line = child.stdout.readline().strip() if child.stdout else ""
            if line != "READY":
                raise RuntimeError(f"reader process {child.pid} did not start ({line!r})")

        monitor = Monitor(kb)
        monitor.poll()
        monitor.start()
        stop = threading.Event()
        window_start = time.time()
        for child in children:
            assert child.stdin is not None
            child.stdin.write("GO\n")
            child.stdin.flush()
        threads, records = run_sessions(
            svc, questions, shares[0], args.seed, args.think_ms, stop, "p0s"
        )
        log_ts(
            f"{args.sessions} sessions in {args.processes} process(es); baseline {args.before} s"
        )
        time.sleep(args.before)

        runs = []
        canary_gens: set[str] = set()
        canary_file = corpus / CANARY_PATH
        for n in range(args.reingestions):
            if n % 2 == 0:
                canary_file.write_text(CANARY_DOC, encoding="utf-8")
            else:
                canary_file.unlink()
            change = "added" if n % 2 == 0 else "removed"
            log_ts(f"re-ingestion {n + 1}/{args.reingestions} (canary {change})")
            run = run_ingestion(corpus, index, url, full=True)
            run["canary_in_corpus"] = n % 2 == 0
            if run.get("generation") and run["canary_in_corpus"]:
                canary_gens.add(run["generation"])
            runs.append(run)
            log_ts(
                f"  exit {run['exit_code']}, {run['wall_s']} s, generation {run.get('generation')},"
                f" load {os.getloadavg()[0]:.2f}, answers so far {len(records)}"
            )
        result["reingestions_done"] = runs
        time.sleep(args.settle + args.duration)
        stop.set()
        for child in children:
            assert child.stdin is not None
            child.stdin.write("STOP\n")
            child.stdin.flush()
        for t in threads:
            t.join()
        window_end = time.time()
        monitor.stop.set()
        monitor.join()

        readers = [
            {
                "process": "p0 (this)",
                "pid": os.getpid(),
                "sessions": shares[0],
                "peak_rss_mb": round(peak_rss_mb(), 1),
            }
        ]
        all_records = list(records)
        for i, child in enumerate(children, start=1):
            child.wait(timeout=120)
            data = json.loads((readers_dir / f"reader{i}.json").read_text())
            all_records += data["records"]
            readers.append(
                {
                    "process": f"p{i}",
                    "pid": data["pid"],
                    "sessions": shares[i],
                    "peak_rss_mb": data["peak_rss_mb"],
                }
            )
        for reader in readers:
            prefix = "p0s" if reader["process"].startswith("p0") else reader["process"] + "s"
            gens = sorted(
                {
                    r["generation"]
                    for r in all_records
                    if r["session"].startswith(prefix) and "generation" in r
                }
            )
            reader["generations_seen"] = gens
        if chroma_proc is not None:
            result["chroma_server_peak_rss_mb"] = _hwm_mb(chroma_proc.pid)

        # After the load: the canary on the final generation, one question at a time.
        final = svc.ask(CANARY_QUESTION)
        result["canary_final"] = {
            "generation": final.generation,
            "found": final.found,
            "cites_canary": any(c.doc_id == CANARY_DOC_ID for c in final.citations),
            "generation_has_canary": final.generation in canary_gens,
        }

        seen = monitor.seen
        result["publications"] = [
            {
                "generation": g,
                "published_at": v["published_at"],
                "seen_after_ms": None
                if v["published_at"] < window_start
                else round((v["seen_at"] - v["published_at"]) * 1000, 1),
            }
            for g, v in sorted(seen.items())
        ]
        result["monitor_errors"] = monitor.errors[:5]
        ingest_window = (
            (runs[0]["started"], runs[-1]["ended"]) if runs else (window_end, window_end)
        )
        result["figures"] = analyse(
            all_records,
            seen,
            warm_found,
            answerable,
            canary_gens,
            (window_start, window_end),
            ingest_window,
        )
        result["readers"] = readers
        loads = [x for _, x in monitor.load]
        during = [x for t, x in monitor.load if ingest_window[0] <= t <= ingest_window[1]]
        result["load_average_1min"] = {
            "start": result["load_at_start"][0],
            "max_during_reingestion": max(during, default=None),
            "max": max(loads, default=None),
            "end": loads[-1] if loads else None,
        }
        emit(result, args.json)
        return 0
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
        if chroma_proc is not None:
            chroma_proc.terminate()
            try:
                chroma_proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                chroma_proc.kill()


def _hwm_mb(pid: int) -> float | None:
    hwm = proc_status_mb("VmHWM", pid)
    return None if hwm is None else round(hwm, 1)
