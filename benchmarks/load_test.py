#!/usr/bin/env python
"""Load test: concurrent staff sessions while the index is rebuilt with ``run --full``.

    python benchmarks/load_test.py [--sessions 20] [--duration 0] [--workdir DIR]
                                   [--server] [--json] [--processes 1]
                                   [--reingestions 2] [--before 10] [--settle 10]

What it does, in a work folder (a temporary one unless ``--workdir``):

1. Copies ``corpus/`` to ``WORK/corpus`` and builds the index once with
   ``python -m ingest --corpus WORK/corpus --index WORK/index run`` (timed, no load).
   With ``--server`` it first starts ``chroma run --path WORK/chroma`` on a free port
   and gives its URL to the ingestion (``CHROMA_URL``) and to the readers (settings).
2. Builds the readers' knowledge base the way the app does: ``load_settings`` with the
   work folder, ``build_knowledge_base``, one ``KnowledgeService`` per process shared by
   all its session threads (the real multilingual-e5 embedder, extractive generator).
   A warm-up pass asks every question once, one at a time, against the initial index.
3. Starts ``--sessions`` simulated staff sessions: threads that loop over a random
   question of ``corpus/eval/questions.jsonl`` (plus one "canary" question, see below),
   ``svc.ask`` it, and think 0-``--think-ms`` ms. With ``--processes P`` the sessions
   are spread over P reader processes: this one and P-1 child processes, each with its
   own knowledge base and service.
4. After ``--before`` seconds it runs ``--reingestions`` full re-ingestions back to
   back (``python -m ingest ... run --full`` as a subprocess). Before the first it adds
   a small illustrative Markdown document about a made-up programme to the corpus
   copy; before the second it removes it again. The canary question asks about that
   programme, so it must be refused by generations without the document and answered
   by generations with it. Sessions keep running ``--settle`` seconds after the last
   re-ingestion, plus ``--duration`` seconds.
5. A monitor thread polls ``kb.published()`` every 20 ms and records each generation
   with its ``published_at`` (the writer's own publish time) and the time the monitor
   first saw it.

Per question it records start and end (wall clock), latency, the exception if any,
``answer.generation``, ``answer.found`` and the number of citations. Reported:
throughput, latency p50/p95/p99 overall and by phase (before: started before the first
re-ingestion started; during: started while a re-ingestion ran; after: started after
the last one ended), errors, stale answers, empty answers, canary mismatches, the
generations each session and each reader process saw, peak RSS of each reader
process, re-ingestion wall times and the load average.

Definitions:

- stale: the answer's generation is older than the generation published when the
  question started (read from the published pointer just before ``ask``). Two
  clock-based counts are reported beside it: against the newest generation whose
  ``published_at`` is before the question's start (``published_at`` is taken just
  before the pointer is written and fsynced, so a question starting in those
  milliseconds counts here although the new generation was not yet visible), and
  against the time the monitor first saw the generation.
- empty: an answerable question whose answer has ``found=False`` or no citations,
  although the same question was found with citations in the warm-up pass against the
  initial index. (The canary question is not counted here; it has its own check.)
- canary mismatch: the canary answer's ``found`` disagrees with whether the answer's
  generation contains the canary document.
- unknown generation: an answer whose generation the monitor never saw published.

Targets (informational, exit code 0 unless the set-up itself fails): 0 errors and
0 stale answers with 20 sessions during re-ingestion. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from common import REPO_ROOT, ingest_command, start_chroma

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

QUESTIONS_FILE = REPO_ROOT / "corpus" / "eval" / "questions.jsonl"
CANARY_ID = "canary"
CANARY_PATH = "samples/zz_loadtest_kestrelmoor_2025.md"
CANARY_DOC_ID = CANARY_PATH.rsplit(".", 1)[0]
# Found with the document, refused without it. (Some other phrasings about the made-up
# programme, e.g. "how many jobseekers took part ... and how long does its mentoring
# last?", were answered from unrelated documents by the initial index.)
CANARY_QUESTION = "How many people took part in the Kestrelmoor Skills Relay?"
CANARY_DOC = """\
# Kestrelmoor Skills Relay: retired tradespeople mentor jobseekers

*Kestrelmoor Employment Office (fictional) - practice example, 2025*

> Illustrative sample written for the PES knowledge-base load test; not an official
> document. The programme, the town of Kestrelmoor and all figures are invented.

## The programme

The Kestrelmoor Skills Relay is a made-up pilot of the Kestrelmoor Employment Office.
It pairs each participating jobseeker with a retired tradesperson, who acts as a skills
mentor. The mentoring lasts twelve weeks and takes place in the workshop of a partner
company, one afternoon a week.

## Results

In its first year, 412 jobseekers took part in the Kestrelmoor Skills Relay. Six months
after the end of the mentoring, 57 percent of them were in paid work, most of them in
construction, maintenance and logistics.
"""
CANARY_SHARE = 0.1  # share of questions that are the canary question
MONITOR_S = 0.02


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _pct(values: list[float], q: float) -> float | None:
    from kb.eval import percentile

    value = percentile(values, q)
    return None if value is None else round(value, 1)


def latency_stats(values: list[float]) -> dict[str, Any]:
    """n, p50/p95/p99 and max of latencies in ms."""
    return {
        "n": len(values),
        "p50": _pct(values, 50),
        "p95": _pct(values, 95),
        "p99": _pct(values, 99),
        "max": round(max(values), 1) if values else None,
    }


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def load_questions(path: Path = QUESTIONS_FILE) -> list[dict[str, Any]]:
    """The eval questions plus the canary question (id ``canary``)."""
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            questions.append(
                {"id": q["id"], "question": q["question"], "answerable": bool(q["answerable"])}
            )
    questions.append({"id": CANARY_ID, "question": CANARY_QUESTION, "answerable": True})
    return questions


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
    out = {"pid": os.getpid(), "peak_rss_mb": _peak_rss_mb(), "records": records}
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


# --- the work folder, the server, the ingestion ------------------------------------


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


# --- analysis ------------------------------------------------------------------------


def _gen(value: str | None) -> int:
    return int(value) if value else -1


def analyse(
    records: list[dict[str, Any]],
    seen: dict[str, dict[str, float]],
    warm_found: dict[str, bool],
    answerable: dict[str, bool],
    canary_gens: set[str],
    window: tuple[float, float],
    ingest_window: tuple[float, float],
) -> dict[str, Any]:
    """The figures of the report from the per-question records."""
    pubs = sorted((_gen(g), v["published_at"], v["seen_at"]) for g, v in seen.items())

    def newest(start: float, key: int) -> int:
        return max((p[0] for p in pubs if p[key] < start), default=-1)

    first_start, last_end = ingest_window

    def phase(start: float) -> str:
        if start < first_start:
            return "before"
        return "during" if start < last_end else "after"

    ok = [r for r in records if "error" not in r]
    errors = [r for r in records if "error" in r]
    by_phase: dict[str, list[float]] = defaultdict(list)
    counts: dict[str, Counter] = defaultdict(Counter)
    stale, stale_clock, stale_seen, unknown, empty, canary_bad = [], [], [], [], [], []
    for r in records:
        ph = phase(r["start"])
        counts[ph]["questions"] += 1
        if "error" in r:
            counts[ph]["errors"] += 1
            continue
        by_phase[ph].append(r["latency_ms"])
        g = _gen(r["generation"])
        if r["generation"] not in seen:
            unknown.append(r)
        expected = _gen(r.get("published_at_start"))
        if g < expected:
            stale.append({**r, "expected": f"{expected:06d}", "phase": ph})
            counts[ph]["stale"] += 1
        if g < newest(r["start"], 1):
            stale_clock.append(r)
        if g < newest(r["start"], 2):
            stale_seen.append(r)
        if r["id"] == CANARY_ID:
            counts[ph]["canary"] += 1
            if r["cites_canary"] != (r["generation"] in canary_gens):
                canary_bad.append(r)
                counts[ph]["canary_mismatch"] += 1
        elif answerable.get(r["id"]) and warm_found.get(r["id"]):
            if not r["found"] or not r["citations"]:
                empty.append(r)
                counts[ph]["empty"] += 1
    wall = max(window[1] - window[0], 1e-9)
    sessions: dict[str, set[str]] = defaultdict(set)
    for r in ok:
        sessions[r["session"]].add(r["generation"])
    per_session = Counter(len(v) for v in sessions.values())
    # Questions that started within 2 s after a publication: they may pay the switch.
    switch = [r["latency_ms"] for r in ok if any(0 <= r["start"] - p[1] < 2.0 for p in pubs[1:])]
    stale_lags = [
        round((r["start"] - seen[r["expected"]]["published_at"]) * 1000, 1)
        for r in stale
        if r["expected"] in seen
    ]  # for the pointer-based count
    return {
        "questions": len(records),
        "answers": len(ok),
        "throughput_per_s": round(len(ok) / wall, 2),
        "window_s": round(wall, 1),
        "latency_ms": latency_stats([r["latency_ms"] for r in ok]),
        "latency_ms_by_phase": {
            p: latency_stats(by_phase[p]) for p in ("before", "during", "after")
        },
        "throughput_by_phase": _phase_throughput(ok, window, ingest_window),
        "latency_ms_2s_after_publish": latency_stats(switch),
        "counts_by_phase": {p: dict(counts[p]) for p in ("before", "during", "after")},
        "errors": len(errors),
        "error_messages": [f"{r['session']} {r['id']}: {r['error']}" for r in errors[:5]],
        "error_kinds": dict(Counter(r["error"].split(":")[0] for r in errors)),
        "stale": len(stale),
        "stale_examples": [
            {k: r[k] for k in ("session", "id", "generation", "expected", "phase")}
            for r in stale[:5]
        ],
        "stale_max_lag_ms": max(stale_lags, default=None),
        "stale_vs_published_at": len(stale_clock),
        "stale_vs_first_seen": len(stale_seen),
        "unknown_generation": len(unknown),
        "empty": len(empty),
        "empty_ids": dict(Counter(r["id"] for r in empty)),
        "canary_answers": sum(1 for r in ok if r["id"] == CANARY_ID),
        "canary_mismatch": len(canary_bad),
        "canary_mismatch_examples": [
            {k: r[k] for k in ("session", "generation", "found", "cites_canary", "start")}
            for r in canary_bad[:5]
        ],
        "generations_answered": dict(sorted(Counter(r["generation"] for r in ok).items())),
        "sessions_by_generations_seen": {str(k): v for k, v in sorted(per_session.items())},
    }


def _phase_throughput(
    ok: list[dict[str, Any]], window: tuple[float, float], ingest_window: tuple[float, float]
) -> dict[str, float | None]:
    edges = {
        "before": (window[0], ingest_window[0]),
        "during": ingest_window,
        "after": (ingest_window[1], window[1]),
    }
    out: dict[str, float | None] = {}
    for name, (lo, hi) in edges.items():
        n = sum(1 for r in ok if lo <= r["end"] < hi)
        out[name] = round(n / (hi - lo), 2) if hi > lo else None
    return out


# --- the run ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
            _log(f"chroma server pid {chroma_proc.pid} on {url}")
        _log("initial build of the index (no load)")
        build = run_ingestion(corpus, index, url, full=False)
        result["initial_build"] = build
        if build["exit_code"] != 0:
            _log(f"initial build failed: {build}")
            _emit(result, args.json)
            return 2
        _log(f"initial build: {build['wall_s']} s, generation {build.get('generation')}")

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
        _log(f"warm-up pass: {result['warmup']} in {result['warmup_s']} s")

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
                    [sys.executable, __file__, "--reader-child", str(spec_file)],
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
        _log(f"{args.sessions} sessions in {args.processes} process(es); baseline {args.before} s")
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
            _log(f"re-ingestion {n + 1}/{args.reingestions} (canary {change})")
            run = run_ingestion(corpus, index, url, full=True)
            run["canary_in_corpus"] = n % 2 == 0
            if run.get("generation") and run["canary_in_corpus"]:
                canary_gens.add(run["generation"])
            runs.append(run)
            _log(
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
                "peak_rss_mb": _peak_rss_mb(),
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
        _emit(result, args.json)
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


# --- output ---------------------------------------------------------------------------


def _emit(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(render(result))


def render(result: dict[str, Any]) -> str:
    """The result as text."""
    lines = [
        f"Load test: {result['sessions']} sessions in {result['processes']} reader process(es), "
        f"{result['mode']} mode, {result['cpus']} CPUs, load at start {result['load_at_start']}",
    ]
    build = result.get("initial_build", {})
    lines.append(
        f"initial build (no load): {build.get('wall_s')} s wall, exit {build.get('exit_code')}, "
        f"generation {build.get('generation')}"
    )
    if "figures" not in result:
        return "\n".join(lines + [json.dumps(build, indent=2)])
    w = result["warmup"]
    lines.append(
        f"warm-up pass (one at a time, initial index): {w['answerable_found']}/{w['answerable']}"
        f" answerable found, {w['unanswerable_refused']}/{w['unanswerable']} unanswerable "
        f"refused; first ask {w['first_ask_ms']} ms, then p50 "
        f"{w['latency_ms_after_first']['p50']} p95 {w['latency_ms_after_first']['p95']} ms"
    )
    lines.append(f"canary before the re-ingestion (should not be found): {w['canary_before']}")
    for i, run in enumerate(result["reingestions_done"], start=1):
        lines.append(
            f"re-ingestion {i} ({'canary added' if run['canary_in_corpus'] else 'canary removed'}):"
            f" {run['wall_s']} s wall, exit {run['exit_code']}, generation {run.get('generation')}"
            f", ingest's own time {run.get('run_seconds')} s"
        )
        if run["exit_code"] != 0:
            lines.append(f"  stderr: {run.get('stderr_tail', '')[-500:]}")
    pubs = ", ".join(
        f"{p['generation']} (initial)"
        if p["seen_after_ms"] is None
        else f"{p['generation']} (seen {p['seen_after_ms']} ms after published_at)"
        for p in result["publications"]
    )
    lines.append(f"generations published: {pubs}")
    f = result["figures"]
    lat = f["latency_ms"]
    lines += [
        f"answers: {f['answers']} in {f['window_s']} s = {f['throughput_per_s']} answers/s "
        f"(before/during/after: {f['throughput_by_phase']})",
        f"latency ms, all: p50 {lat['p50']} p95 {lat['p95']} p99 {lat['p99']} max {lat['max']}",
    ]
    for ph, s in f["latency_ms_by_phase"].items():
        lines.append(
            f"  {ph:<6} n={s['n']:<5} p50 {s['p50']} p95 {s['p95']} p99 {s['p99']} max {s['max']}"
        )
    s = f["latency_ms_2s_after_publish"]
    lines.append(
        f"  started <2 s after a publication: n={s['n']} p50 {s['p50']} p95 {s['p95']} "
        f"max {s['max']}"
    )
    lines += [
        f"errors: {f['errors']} {f['error_kinds'] or ''}",
        *(f"  {m}" for m in f["error_messages"]),
        f"stale answers: {f['stale']} (by the clock: vs published_at "
        f"{f['stale_vs_published_at']}, vs first seen by the monitor "
        f"{f['stale_vs_first_seen']})",
        *(f"  {e}" for e in f["stale_examples"]),
        f"answers from a generation never published: {f['unknown_generation']}",
        f"empty answers: {f['empty']} {f['empty_ids'] or ''}",
        f"canary: {f['canary_answers']} answers, {f['canary_mismatch']} mismatches (cites the "
        f"canary document iff its generation has it); after the load "
        f"{result['canary_final']}",
        f"counts by phase: {f['counts_by_phase']}",
        f"answers by generation: {f['generations_answered']}",
        f"sessions by number of generations seen: {f['sessions_by_generations_seen']}",
    ]
    for r in result["readers"]:
        lines.append(
            f"reader {r['process']} pid {r['pid']}: {r['sessions']} sessions, peak RSS "
            f"{r['peak_rss_mb']} MB, generations seen {r['generations_seen']}"
        )
    if "chroma_server_peak_rss_mb" in result:
        lines.append(f"chroma server peak RSS: {result['chroma_server_peak_rss_mb']} MB")
    lines.append(f"load average (1 min): {result['load_average_1min']}")
    if result["monitor_errors"]:
        lines.append(f"monitor errors: {result['monitor_errors']}")
    errors, stale = f["errors"], f["stale"]
    verdict = "PASS" if errors == 0 and stale == 0 else "MISS"
    lines.append(f"target 0 errors and 0 stale answers: {verdict}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
