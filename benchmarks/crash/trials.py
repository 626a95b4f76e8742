"""The trials: ingestion, publish-targeted and curation kills, and their checks."""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crash.compare import (
    differences,
    integrity_problems,
    listing_problems,
    same_content,
    vector_diff,
)
from crash.config import ORPHAN_WAIT_S, SCRIPT
from crash.corpus import _key, build_corpus_a, curation_spec, folder_digest, mutate_corpus
from crash.procs import Observed, ingest_cli, inspect, reap_orphans, run_cli, run_watched

# --- trials ---------------------------------------------------------------------------


@dataclass
class Trial:
    kind: str  # "ingest" or "curation"
    number: int
    action: str
    change: str
    delay_s: float
    reference_s: float
    phase: str = ""
    progress: str = ""
    killed_mid_run: bool = False
    at_kill: dict[str, Any] = field(default_factory=dict)
    state_after_kill: str = ""
    consistent_after_kill: bool = False
    folder_after_kill: str = ""
    recovery_exit: int | None = None
    recovery: str = ""
    recovered_equal_to_clean: bool = False
    orphans: str = ""
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.problems and self.consistent_after_kill and self.recovered_equal_to_clean


class Lab:
    """Working folders, state A and the cache of clean reference builds."""

    def __init__(self, root: Path, seed: int, log: Callable[[str], None]) -> None:
        self.root = root
        self.seed = seed
        self.log = log
        self.refs: dict[str, dict[str, Any]] = {}
        self.corpus_a = root / "a" / "corpus"
        self.index_a = root / "a" / "index"
        self.seen_a: dict[str, Any] = {}

    def setup(self) -> None:
        for sub in ("a", "trials", "refs", "calibration"):
            shutil.rmtree(self.root / sub, ignore_errors=True)
        self.corpus_a.mkdir(parents=True)
        build_corpus_a(self.corpus_a)
        code, report, err = run_cli(self.corpus_a, self.index_a)
        if code != 0:
            raise RuntimeError(f"building state A failed (exit {code}): {err}")
        self.seen_a = inspect(self.index_a, self.root / "a" / "vectors.npz")
        problems = integrity_problems(self.seen_a)
        if problems:
            raise RuntimeError(f"state A is inconsistent: {problems}")
        self.refs[_key(folder_digest(self.corpus_a))] = self.seen_a
        self.log(
            f"state A: {len(self.seen_a['docs'])} documents, {self.seen_a['chunk_ids']} chunks, "
            f"generation {self.seen_a['published']} ({report.get('summary', {}).get('seconds')} s)"
        )

    def copy_a(self, dest: Path) -> tuple[Path, Path]:
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(self.corpus_a, dest / "corpus")
        shutil.copytree(self.index_a, dest / "index")
        return dest / "corpus", dest / "index"

    def reference(self, corpus: Path) -> dict[str, Any]:
        """A clean from-scratch build of the folder as it is (cached by content)."""
        key = _key(folder_digest(corpus))
        if key not in self.refs:
            snap = self.root / "refs" / key
            shutil.rmtree(snap, ignore_errors=True)
            shutil.copytree(corpus, snap / "corpus", ignore=shutil.ignore_patterns(".*"))
            seen = inspect(snap / "index", self.root / "refs" / f"{key}.npz", build=snap / "corpus")
            if seen.get("build_exit") != 0:
                raise RuntimeError(f"reference build failed: {seen.get('build_summary')}")
            problems = integrity_problems(seen)
            if problems:
                raise RuntimeError(f"reference build is inconsistent: {problems}")
            self.refs[key] = seen
            shutil.rmtree(snap, ignore_errors=True)
        return self.refs[key]


def stratified_delays(rng: random.Random, n: int, duration: float) -> list[float]:
    """``n`` delays uniform in [0, duration): one per equal slice, slices shuffled."""
    slices = list(range(n))
    rng.shuffle(slices)
    return [round((s + rng.random()) / n * duration, 3) for s in slices]


def after_kill_checks(
    trial: Trial,
    obs: Observed,
    seen: dict[str, Any],
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    trial.phase = obs.phase
    trial.progress = obs.progress
    trial.killed_mid_run = not obs.exited_before_kill
    trial.at_kill = {
        "lock_held": obs.listing.get("writer_json"),
        "draft": obs.listing.get("drafts"),
        "draft_lexical": bool(obs.listing.get("draft_lexical")),
        "current_changed": obs.listing.get("current") != before.get("published"),
        "forkserver": obs.procs.get("forkserver"),
        "workers": obs.procs.get("workers"),
        "lock_free_after_kill": obs.lock_free_after,
        "exit_code": obs.exit_code,
    }
    if not obs.lock_free_after:
        trial.problems.append("the writer lock was still held after the kill")
    if obs.exited_before_kill and obs.exit_code != 0:
        trial.problems.append(f"the run finished before the kill with exit {obs.exit_code}")
    is_a, is_b = same_content(seen, before), same_content(seen, after)
    trial.state_after_kill = "A=B" if is_a and is_b else "A" if is_a else "B" if is_b else "mixed"
    problems = integrity_problems(seen)
    if trial.state_after_kill == "mixed":
        fp = (
            "fingerprint equals A"
            if seen.get("fingerprint") == before.get("fingerprint")
            else "fingerprint equals B"
            if seen.get("fingerprint") == after.get("fingerprint")
            else "fingerprint is neither"
        )
        problems.append(
            f"published generation is neither A nor B ({fp}); vs A: "
            f"{differences(seen, before)}; vs B: {differences(seen, after)}"
        )
    trial.consistent_after_kill = not problems
    trial.problems += [f"after kill: {p}" for p in problems]


def recovery_checks(
    trial: Trial,
    code: int,
    report: dict[str, Any],
    err: str,
    seen: dict[str, Any],
    clean: dict[str, Any],
) -> None:
    trial.recovery_exit = code
    summary = report.get("summary", {})
    trial.recovery = (
        f"exit {code}: "
        + ", ".join(
            f"{k} {summary.get(k, 0)}"
            for k in ("added", "changed", "unchanged", "removed", "failed")
        )
        + f", generation {report.get('generation') or '-'}"
    )
    problems = []
    if code != 0:
        problems.append(f"recovery run exit {code}: {err[-300:]}")
    problems += integrity_problems(seen)
    equal = same_content(seen, clean)
    if not equal:
        fp = seen.get("fingerprint") == clean.get("fingerprint")
        problems.append(
            f"differs from the clean build (fingerprint {'equal' if fp else 'differs'}): "
            f"{differences(seen, clean)}"
        )
    counts = seen.get("docs") and {d: r["chunk_count"] for d, r in seen["docs"].items()}
    if counts != {d: r["chunk_count"] for d, r in clean["docs"].items()}:
        problems.append("per-document chunk counts differ from the clean build")
    problems += listing_problems(seen["listing"])
    diff = vector_diff(seen, clean)
    trial.recovery += "" if diff is None else f"; vectors equal within {diff:.1e}"
    trial.recovered_equal_to_clean = equal and not problems
    trial.problems += [f"recovery: {p}" for p in problems]


def ingestion_trial(
    lab: Lab,
    number: int,
    full: bool,
    delay: float,
    reference_s: float,
    after_lexical: bool = False,
) -> Trial:
    """One ingestion trial; with ``after_lexical``, ``delay`` counts from the moment the
    draft's lexical index is saved (a kill aimed at the publish step)."""
    started = time.monotonic()
    kind = "publish" if after_lexical else "ingest"
    tag = f"{kind[0]}{number:02d}"
    work = lab.root / "trials" / f"{kind}_{tag}"
    corpus, index = lab.copy_a(work)
    changes = mutate_corpus(corpus, random.Random(f"{lab.seed}-{kind}-{number}"), tag)
    trial = Trial(
        kind,
        number,
        "run --full" if full else "run",
        ", ".join(changes),
        delay,
        reference_s,
    )
    try:
        clean_b = lab.reference(corpus)
        digest = folder_digest(corpus)
        obs = run_watched(
            ingest_cli(corpus, index, *(["--full"] if full else [])),
            index,
            work / "killed.log",
            None if after_lexical else delay,
            after_lexical=delay if after_lexical else None,
        )
        seen = inspect(index, work / "killed.npz")
        reap_orphans(obs)
        trial.orphans = _orphans_text(obs)
        after_kill_checks(trial, obs, seen, lab.seen_a, clean_b)
        if folder_digest(corpus) != digest:
            trial.problems.append("the ingestion run changed the corpus folder")
        code, report, err = run_cli(corpus, index)
        recovery_checks(trial, code, report, err, inspect(index, work / "rec.npz"), clean_b)
    except Exception:  # noqa: BLE001 - one broken trial must not end the others
        trial.problems.append("trial error: " + traceback.format_exc(limit=3)[-800:])
    trial.seconds = round(time.monotonic() - started, 1)
    if trial.passed:
        shutil.rmtree(work, ignore_errors=True)
    return trial


def _orphans_text(obs: Observed) -> str:
    if not obs.orphans:
        return "none"
    if obs.orphans_killed:
        return (
            f"{obs.orphans} left, {obs.orphans_killed} still alive after "
            f"{ORPHAN_WAIT_S:g} s (killed)"
        )
    return f"{obs.orphans} left, exited within {obs.orphans_exited_s} s"


def child_cmd(spec_file: Path) -> list[str]:
    return [sys.executable, str(SCRIPT), "--curation-child", str(spec_file)]


def curation_trial(lab: Lab, number: int, action: str, delay_frac: float) -> Trial:
    started = time.monotonic()
    tag = f"c{number:02d}"
    work = lab.root / "trials" / f"curation_{tag}"
    rng = random.Random(f"{lab.seed}-curation-{number}")
    scratch_corpus, scratch_index = lab.copy_a(work / "scratch")
    spec, description = curation_spec(action, scratch_corpus, scratch_index, rng, tag, work)
    trial = Trial("curation", number, action, description, 0.0, 0.0)
    try:
        (work / "scratch.json").write_text(json.dumps(spec))
        normal = run_watched(
            child_cmd(work / "scratch.json"),
            scratch_index,
            work / "scratch.log",
            None,
            extraction=action != "remove_document",
        )
        if normal.exit_code != 0:
            raise RuntimeError(
                f"the unkilled action failed (exit {normal.exit_code}): "
                f"{(work / 'scratch.log').read_text()[-500:]}"
            )
        reap_orphans(normal)
        trial.reference_s = round(normal.seconds, 2)
        trial.delay_s = round(delay_frac * normal.seconds, 3)
        before_folder = folder_digest(lab.corpus_a)
        after_folder = folder_digest(scratch_corpus)
        clean_after = lab.reference(scratch_corpus)
        unkilled = inspect(scratch_index, work / "scratch.npz")
        if not same_content(unkilled, clean_after):
            trial.problems.append(
                "the unkilled action's index differs from a clean build of its folder: "
                + differences(unkilled, clean_after)
            )
        shutil.rmtree(work / "scratch", ignore_errors=True)

        corpus, index = lab.copy_a(work / "run")
        spec.update(corpus=str(corpus), index=str(index))
        (work / "run.json").write_text(json.dumps(spec))
        obs = run_watched(
            child_cmd(work / "run.json"),
            index,
            work / "killed.log",
            trial.delay_s,
            extraction=action != "remove_document",
        )
        seen = inspect(index, work / "killed.npz", corpus)
        reap_orphans(obs)
        trial.orphans = _orphans_text(obs)
        after_kill_checks(trial, obs, seen, lab.seen_a, clean_after)
        now = folder_digest(corpus)
        trial.folder_after_kill = (
            "unchanged"
            if now == before_folder
            else "after-state"
            if now == after_folder
            else "partly changed"
        )
        health = seen["corpus"]
        if not health["catalogue_loads"]:
            trial.problems.append(f"catalogue does not load: {health.get('catalogue_error')}")
        elif health["catalogue_entry_errors"]:
            trial.problems.append(f"catalogue entry errors: {health['catalogue_entry_errors'][:3]}")
        stray = sorted(set(health["sources"]) - set(before_folder) - set(after_folder))
        if stray:
            trial.problems.append(f"files a run would take that neither state has: {stray}")
        if health["hidden_files"]:
            trial.folder_after_kill += (
                f"; hidden leftovers (ignored by scans): {health['hidden_files']}"
            )
        code, report, err = run_cli(corpus, index)
        clean_now = lab.reference(corpus)
        recovery_checks(trial, code, report, err, inspect(index, work / "rec.npz"), clean_now)
    except Exception:  # noqa: BLE001 - one broken trial must not end the others
        trial.problems.append("trial error: " + traceback.format_exc(limit=3)[-800:])
    trial.seconds = round(time.monotonic() - started, 1)
    if trial.passed:
        shutil.rmtree(work, ignore_errors=True)
    return trial


def calibrate(lab: Lab) -> dict[str, Any]:
    """Time one normal incremental and one normal full run from A to a state B."""
    out: dict[str, Any] = {}
    for mode, extra in (("run", ()), ("run --full", ("--full",))):
        work = lab.root / "calibration" / mode.replace(" ", "")
        corpus, index = lab.copy_a(work)
        changes = mutate_corpus(corpus, random.Random(f"{lab.seed}-calibration"), "cal")
        obs = run_watched(ingest_cli(corpus, index, *extra), index, work / "run.log", None)
        reap_orphans(obs)
        if obs.exit_code != 0:
            raise RuntimeError(f"calibration {mode} failed: exit {obs.exit_code}")
        out[mode] = {
            "seconds": round(obs.seconds, 2),
            "changes": ", ".join(changes),
            "timeline": obs.timeline,
        }
        lab.log(f"calibration {mode}: {obs.seconds:.1f} s; phases {obs.timeline}")
        shutil.rmtree(work, ignore_errors=True)
    return out
