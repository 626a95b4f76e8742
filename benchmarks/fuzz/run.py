"""The fuzz run: generate batches, ingest them incrementally, rebuild, compare."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from common import log

from fuzz.analysis import analyse, check_bounds, check_integrity, check_integrity_by_status
from fuzz.cases import Case, generate_case
from fuzz.cli import RunResult, run_cli, run_helper, status_json
from fuzz.seeds import SeedPool, make_seed_pool

# --- the fuzz run ----------------------------------------------------------------------------


def _env(embedder: str, source: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PESKB_EMBEDDER__PROVIDER"] = embedder
    env["PESKB_PROFILE"] = "default"
    env["PYTHONPATH"] = os.pathsep.join(
        [str(source), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return env


def _write(corpus: Path, rel: str, data: bytes) -> None:
    path = corpus / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _new_case(
    number: int,
    case_id: str,
    batch: int,
    pool: SeedPool,
    opts: argparse.Namespace,
    path: str | None = None,
    ext: str | None = None,
) -> tuple[Case, bytes]:
    data, d = generate_case(number, opts.seed, pool, ext)
    if path is None:
        path = f"fuzz/b{batch:02d}/{case_id}_{d['kind']}.{d['ext']}"
    return Case(
        case_id, path, d["seed_file"], d["family"], d["kind"], d["params"], len(data), batch
    ), data


def fuzz(opts: argparse.Namespace, work: Path) -> dict[str, Any]:
    source = Path(opts.source).resolve()
    for sub in ("corpus", "index", "index-clean", "logs", "seeds"):
        shutil.rmtree(work / sub, ignore_errors=True)
    corpus, logs = work / "corpus", work / "logs"
    corpus.mkdir(parents=True)
    logs.mkdir()
    env = _env(opts.embedder, source)
    settings, err = run_helper(["settings"], env, source)
    if settings is None:
        raise SystemExit(f"cannot load the project's settings from {source}: {err}")
    stall_s = max(600.0, 4 * float(settings["extract_timeout_s"]))
    pool = make_seed_pool(source, work, opts.seed)
    # The minimal valid catalogue: no entries, so every file's metadata is derived.
    (corpus / "catalogue.yaml").write_text("# fuzz corpus: metadata derived\ndocuments: {}\n")
    for name, data in pool.files.items():
        _write(corpus, f"fuzz/seeds/{name}", data)
    cases: list[Case] = []
    by_path: dict[str, Case] = {}
    runs: list[RunResult] = []
    batches = [range(s, min(s + opts.batch, opts.cases)) for s in range(0, opts.cases, opts.batch)]
    index_args = ["--corpus", str(corpus), "--index", str(work / "index")]
    for b, numbers in enumerate(batches):
        if b and opts.churn > 0:
            _churn(b, cases, by_path, corpus, pool, opts)
        for n in numbers:
            case, data = _new_case(n, f"c{n:04d}", b, pool, opts)
            _write(corpus, case.path, data)
            cases.append(case)
            by_path[case.path] = case
        if opts.generate_only:
            continue
        new = sum(1 for c in cases if c.batch == b)
        log(f"[{b + 1}/{len(batches)}] {new} new/replaced files; ingesting ...")
        run = run_cli(
            f"batch{b:02d}",
            [*index_args, "run", "--json"],
            env,
            source,
            logs,
            stall_s,
            opts.plain_cli,
        )
        runs.append(run)
        log(f"    {_run_line(run)}")
    manifest = {"seed": opts.seed, "seeds": sorted(pool.files), "cases": [asdict(c) for c in cases]}
    (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
    if opts.generate_only:
        return {"generated": len(cases), "workdir": str(work), "corpus": str(corpus)}
    log("clean build of the final corpus into a second index ...")
    clean = run_cli(
        "clean-full",
        ["--corpus", str(corpus), "--index", str(work / "index-clean"), "run", "--full", "--json"],
        env,
        source,
        logs,
        stall_s,
        opts.plain_cli,
    )
    log(f"    {_run_line(clean)}")
    log("checking the indexes ...")
    fuzzed, err_a = run_helper(["inspect", str(work / "index"), pool.marker], env, source)
    cleaned, err_b = run_helper(["inspect", str(work / "index-clean"), pool.marker], env, source)
    if fuzzed is not None and cleaned is not None:
        integrity = check_integrity(fuzzed, cleaned, runs[-1], clean, "")
    else:
        integrity = check_integrity_by_status(
            status_json(work / "index", corpus, env, source),
            status_json(work / "index-clean", corpus, env, source),
        )
        integrity["note"] = f"store not readable from Python ({err_a or err_b}); compared status"
    controls = {n: runs[0].files.get(f"fuzz/seeds/{n}", {}).get("action") for n in pool.files}
    all_runs = [*runs, clean]
    return {
        "command": " ".join(["python", "benchmarks/fuzz_ingest.py", *opts.argv]),
        "source": str(source),
        "workdir": str(work),
        "seed": opts.seed,
        "embedder": opts.embedder,
        "settings": settings,
        "psutil": _has_psutil(),
        "cases": len(cases),
        "new_cases": opts.cases,
        "replacements": sum(1 for c in cases if c.replaces),
        "deleted": sum(1 for c in cases if c.deleted_in is not None),
        "final_files": sum(1 for c in cases if c.deleted_in is None and c.superseded_in is None),
        "controls": controls,
        "runs": [_run_summary(r) for r in all_runs],
        "crashes": [
            {
                "run": r.label,
                "why": r.crash,
                "tracebacks": r.tracebacks,
                "leaked": r.leaked,
                "log": str(logs / f"{r.label}.err"),
            }
            for r in all_runs
            if r.crash
        ],
        "outcomes": analyse(cases, runs, clean, str(work)),
        "bounds": check_bounds(all_runs, settings),
        "integrity": integrity,
        "total_wall_s": round(sum(r.wall_s for r in all_runs), 1),
    }


def _churn(
    b: int,
    cases: list[Case],
    by_path: dict[str, Case],
    corpus: Path,
    pool: SeedPool,
    opts: argparse.Namespace,
) -> None:
    """Before run ``b``: replace some earlier files with new mutations, delete a few others."""
    rng = random.Random(f"fuzz-ingest-churn:{opts.seed}:{b}")
    active = [c for c in by_path.values() if c.deleted_in is None and c.superseded_in is None]
    n_replace = round(opts.churn * len(active))
    n_delete = round(opts.churn / 2 * len(active))
    picked = rng.sample(active, min(len(active), n_replace + n_delete))
    for j, old in enumerate(picked[:n_replace]):
        ext = old.path.rsplit(".", 1)[1]
        case, data = _new_case(
            1_000_000 + b * 10_000 + j, f"r{b:02d}-{j:03d}", b, pool, opts, path=old.path, ext=ext
        )
        case.replaces = old.case
        old.superseded_in = b
        _write(corpus, case.path, data)
        cases.append(case)
        by_path[case.path] = case
    for old in picked[n_replace:]:
        (corpus / old.path).unlink()
        old.deleted_in = b


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


def _run_summary(r: RunResult) -> dict[str, Any]:
    summary = (r.report or {}).get("summary", {})
    slowest = max(r.timings, key=lambda t: t["seconds"], default=None)
    return {
        "label": r.label,
        "returncode": r.returncode,
        "wall_s": round(r.wall_s, 1),
        "report_seconds": summary.get("seconds"),
        "summary": summary,
        "extractions_timed": len(r.timings),
        "slowest_extraction": slowest,
        "timing_note": r.timing_note,
        "memory": r.memory,
        "stderr_lines": r.stderr_lines,
        "crash": r.crash,
    }


def _secs(timing: dict[str, Any] | None) -> str:
    return f"{timing['seconds']:.1f} s" if timing else "n/a"


def _run_line(r: RunResult) -> str:
    s = (r.report or {}).get("summary", {})
    slow = max(r.timings, key=lambda t: t["seconds"], default=None)
    return (
        f"rc {r.returncode}, {r.wall_s:.0f} s, added {s.get('added', '?')}, changed "
        f"{s.get('changed', '?')}, removed {s.get('removed', '?')}, failed "
        f"{s.get('failed', '?')}; slowest extraction {_secs(slow)}; tree peak "
        f"{r.memory.get('tree_peak_mb', '?')} MB" + (f"; CRASH: {r.crash}" if r.crash else "")
    )
