"""The command line (``python benchmarks/crash_trials.py``)."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from common import log

from crash.config import CURATION_ACTIONS, ENV
from crash.curation_child import curation_child
from crash.reader import build_reference, inspect_index
from crash.report import render, totals
from crash.trials import Lab, Trial, calibrate, curation_trial, ingestion_trial, stratified_delays


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="ingestion trials")
    parser.add_argument("--curation-trials", type=int, default=20, help="curation trials")
    parser.add_argument(
        "--publish-trials",
        type=int,
        default=4,
        help="extra ingestion trials killed 0-0.15 s after the draft's lexical index is saved",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--workdir", type=Path, help="keep the work here (default: a temp dir)")
    parser.add_argument("--inspect", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build-reference", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--curation-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inspect:
        os.environ.update({k: v for k, v in ENV.items() if k not in os.environ})
        built = build_reference(args.build_reference, args.inspect) if args.build_reference else {}
        print(json.dumps(inspect_index(args.inspect, args.corpus, args.vectors) | built))
        return 0
    if args.curation_child:
        return curation_child(json.loads(args.curation_child.read_text()))

    root = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="crash_"))
    root.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    lab = Lab(root, args.seed, log)
    lab.setup()
    calibration = calibrate(lab) if args.trials or args.publish_trials else {}
    rng = random.Random(args.seed)
    trials: list[Trial] = []
    modes = [i % 2 == 1 for i in range(args.trials)]
    delays: dict[bool, list[float]] = {}
    for full in (False, True):
        seconds = calibration.get("run --full" if full else "run", {}).get("seconds", 0.0)
        delays[full] = stratified_delays(rng, modes.count(full), seconds)
    for number, full in enumerate(modes):
        delay = delays[full].pop()
        ref = calibration["run --full" if full else "run"]["seconds"]
        trial = ingestion_trial(lab, number, full, delay, ref)
        trials.append(trial)
        log(
            f"ingest {number:02d} {trial.action:<10} kill at {delay:5.2f}/{ref:.2f} s: "
            f"{trial.phase} -> {trial.state_after_kill}; {trial.recovery}; "
            f"{'PASS' if trial.passed else 'FAIL ' + '; '.join(trial.problems)}"
        )
    for number in range(args.publish_trials):
        full = number % 2 == 1
        delay = round(rng.uniform(0.0, 0.15), 3)
        ref = calibration["run --full" if full else "run"]["seconds"]
        trial = ingestion_trial(lab, number, full, delay, ref, after_lexical=True)
        trials.append(trial)
        log(
            f"publish {number:02d} {trial.action:<10} kill {delay:.3f} s after lexical-delta.pkl: "
            f"{trial.phase} -> {trial.state_after_kill}; {trial.recovery}; "
            f"{'PASS' if trial.passed else 'FAIL ' + '; '.join(trial.problems)}"
        )
    actions = [CURATION_ACTIONS[i % len(CURATION_ACTIONS)] for i in range(args.curation_trials)]
    fractions = {a: stratified_delays(rng, actions.count(a), 1.0) for a in set(actions)}
    for number, action in enumerate(actions):
        trial = curation_trial(lab, number, action, fractions[action].pop())
        trials.append(trial)
        log(
            f"curation {number:02d} {action:<16} kill at {trial.delay_s:5.2f}/"
            f"{trial.reference_s:.2f} s: {trial.phase} -> {trial.state_after_kill}; "
            f"folder {trial.folder_after_kill}; {trial.recovery}; "
            f"{'PASS' if trial.passed else 'FAIL ' + '; '.join(trial.problems)}"
        )
    summary = totals(trials)
    elapsed = round(time.monotonic() - t0, 1)
    failed = any(not t.passed for t in trials)
    if args.json:
        print(
            json.dumps(
                {
                    "seconds": elapsed,
                    "calibration": calibration,
                    "totals": summary,
                    "trials": [asdict(t) | {"passed": t.passed} for t in trials],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(render(trials, summary, calibration))
        print(f"\nwall time {elapsed} s; work folder {root}")
    if not args.workdir:
        if failed:
            log(f"failed trials kept in {root}/trials")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0
