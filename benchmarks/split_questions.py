#!/usr/bin/env python
"""Assign every question of a question file to a dev or a test half, in place.

    python benchmarks/split_questions.py corpus/eval/questions.jsonl [--seed 10]

Stratified by group (same-language, cross-lingual, unanswerable, from the
``answerable`` and ``cross_lingual`` fields): each group is shuffled with a seeded
generator (seed, file name and group) and dealt alternately to dev and test, the
first card of each group going to the half that is smaller so far. Only a
``"split"`` field is appended to each line; nothing else in the line changes.
A file that already has splits is left alone (``--force`` re-deals it).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

DEFAULT_SEED = 10
_SPLIT_FIELD = re.compile(r',\s*"split":\s*"(dev|test)"(?=\s*}\s*$)')


def group(row: dict) -> str:
    if not row["answerable"]:
        return "unanswerable"
    return "cross-lingual" if row.get("cross_lingual") else "same-language"


def assign(rows: list[dict], seed: int, name: str) -> dict[str, str]:
    """question id -> "dev" / "test"."""
    strata: dict[str, list[str]] = {}
    for row in rows:
        strata.setdefault(group(row), []).append(row["id"])
    halves: dict[str, str] = {}
    sizes = {"dev": 0, "test": 0}
    for stratum in sorted(strata):
        ids = sorted(strata[stratum])
        random.Random(f"{seed}:{name}:{stratum}").shuffle(ids)
        first = "dev" if sizes["dev"] <= sizes["test"] else "test"
        other = "test" if first == "dev" else "dev"
        for i, qid in enumerate(ids):
            half = first if i % 2 == 0 else other
            halves[qid] = half
            sizes[half] += 1
    return halves


def split_file(path: Path, seed: int, force: bool) -> dict[str, int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    if any("split" in row for row in rows):
        if not force:
            raise SystemExit(f"{path}: already split (use --force to re-deal)")
        lines = [_SPLIT_FIELD.sub("", line) for line in lines]
        rows = [json.loads(line) for line in lines if line.strip()]
    halves = assign(rows, seed, path.name)
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        row = json.loads(line)
        stripped = line.rstrip()
        new = f'{stripped[:-1]}, "split": "{halves[row["id"]]}"}}'
        assert json.loads(new) == row | {"split": halves[row["id"]]}
        out.append(new)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for row in rows:
        key = f"{halves[row['id']]}/{group(row)}"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="re-deal a file already split")
    args = parser.parse_args(argv)
    for path in args.files:
        print(f"{path}: {split_file(path, args.seed, args.force)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
