#!/usr/bin/env python
"""How far re-ranking could go: recall of the supporting passage at deep cut-offs, and how
well the calibrated best support separates answerable from unanswerable questions.

    python benchmarks/ceiling.py --index data/ceil/realpdfs \
        --questions corpus/eval/realpdfs.jsonl [...] [--split dev test] \
        [--shared ../shared] [--json out.json]

For each split, every question goes through the product's retriever (the application
layer's ``KnowledgeService`` and ``Retriever``, the product's settings) in four runs:

* ``dense``, ``bm25``: the product's modes, with ``candidates`` raised to the deepest
  cut-off so each list is that long;
* ``hybrid``: the product as it is (``candidates`` as configured);
* ``hybrid-deep``: the hybrid with ``candidates`` raised as well.

Recall@k is the share of answerable questions whose first hit (``kb eval``'s hit rule,
``kb.eval.score_ranking``) is within k, per group (same-language / cross-lingual). A
question missed at 100 cannot be lifted into the top 5 by any re-ranking of these lists.

The refusal side uses the product's hybrid at ``kb eval``'s depth (10 passages): the
decision (found, reason) and the best calibrated support of the passages. The support
sweep gives, for each threshold t (refuse when best support < t), the refusal recall
on unanswerable questions and the false-refusal rate on answerable ones; ``frontier``
lists the Pareto-best pairs, alone and together with the product's other refusal rules
(a named country or name the corpus lacks).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import Any

from common import project_on_path

CUTOFFS = (5, 10, 20, 50, 100)
GROUPS = ("same-language", "cross-lingual")


def recall_table(ranks: dict[str, list[int | None]]) -> dict[str, dict[str, float | None]]:
    """group -> {"n", "r@5", ...} from the first-hit ranks of its questions."""
    out: dict[str, dict[str, float | None]] = {}
    for group, values in ranks.items():
        row: dict[str, float | None] = {"n": len(values)}
        for k in CUTOFFS:
            row[f"r@{k}"] = (
                sum(1 for r in values if r is not None and r <= k) / len(values) if values else None
            )
        out[group] = row
    return out


def frontier(
    answerable: list[tuple[float, bool]], unanswerable: list[tuple[float, bool]]
) -> list[tuple[float, float, float]]:
    """Pareto-best (threshold, refusal recall, false refusal) when a question is refused
    if a rule refuses it (the bool) or its best support is below the threshold."""
    thresholds = sorted({0.0, *(s for s, _ in answerable), *(s for s, _ in unanswerable)})
    thresholds.append(max(thresholds) + 1e-6)
    points = []
    for t in thresholds:
        recall = sum(1 for s, r in unanswerable if r or s < t) / max(1, len(unanswerable))
        false = sum(1 for s, r in answerable if r or s < t) / max(1, len(answerable))
        points.append((t, recall, false))
    best: list[tuple[float, float, float]] = []
    top = -1.0
    for t, recall, false in sorted(points, key=lambda p: (p[2], -p[1])):
        if recall > top:
            top = recall
            best.append((round(t, 4), round(recall, 3), round(false, 3)))
    return best


def run_split(service: Any, questions: list[Any], depth: int) -> dict[str, Any]:
    from kb.answer.retrieval import Retriever
    from kb.eval.questions import index_languages
    from kb.eval.runner import question_groups, score_ranking

    kb = service.kb
    groups, _ = question_groups(questions, index_languages(kb))
    deep = kb.settings.retrieval.model_copy(update={"candidates": max(depth, 40)})
    runs = {
        "dense": (Retriever(kb, deep), "dense"),
        "bm25": (Retriever(kb, deep), "bm25"),
        "hybrid": (service.retriever, "hybrid"),
        "hybrid-deep": (Retriever(kb, deep), "hybrid"),
    }
    recall: dict[str, Any] = {}
    per_question: dict[str, dict[str, Any]] = {q.id: {"group": groups[q.id]} for q in questions}
    for name, (retriever, mode) in runs.items():
        ranks: dict[str, list[int | None]] = {g: [] for g in GROUPS}
        for q in questions:
            if not q.answerable:
                continue
            got = retriever.search(q.question, k=depth, mode=mode)
            rank = score_ranking(q, got.passages, groups[q.id], mode).rank
            ranks[groups[q.id]].append(rank)
            per_question[q.id][name] = rank
        recall[name] = recall_table(ranks)
    # the refusal side: the product's decision at kb eval's depth
    answerable, unanswerable = [], []
    for q in questions:
        got = service.retrieve(q.question, k=10)
        best = max((p.support for p in got.passages), default=0.0)
        by_rule = not got.found and not got.reason.startswith("no passage supports")
        row = per_question[q.id]
        row.update(found=got.found, reason=got.reason, best_support=best, rule=by_rule)
        (answerable if q.answerable else unanswerable).append((best, by_rule))
    return {
        "recall": recall,
        "support": {
            "answerable": sorted(round(s, 4) for s, _ in answerable),
            "unanswerable": sorted(round(s, 4) for s, _ in unanswerable),
        },
        "product": {
            "refusal_recall": sum(
                1 for q in questions if not q.answerable and not per_question[q.id]["found"]
            )
            / max(1, len(unanswerable)),
            "false_refusal": sum(
                1 for q in questions if q.answerable and not per_question[q.id]["found"]
            )
            / max(1, len(answerable)),
        },
        "frontier_support": frontier(
            [(s, False) for s, _ in answerable], [(s, False) for s, _ in unanswerable]
        ),
        "frontier_with_rules": frontier(answerable, unanswerable),
        "questions": per_question,
    }


def print_split(label: str, result: dict[str, Any]) -> None:
    print(f"## {label}")
    print("| run | group | n | " + " | ".join(f"R@{k}" for k in CUTOFFS) + " |")
    for name, table in result["recall"].items():
        for group in GROUPS:
            row = table[group]
            cells = " | ".join(
                "-" if row[f"r@{k}"] is None else f"{row[f'r@{k}']:.2f}" for k in CUTOFFS
            )
            print(f"| {name} | {group} | {row['n']} | {cells} |")
    p = result["product"]
    print(
        f"product decision: refusal recall {p['refusal_recall']:.2f}, "
        f"false refusal {p['false_refusal']:.2f}"
    )
    print("best support, unanswerable:", result["support"]["unanswerable"])
    print("best support, answerable (sorted):", result["support"]["answerable"])
    print("frontier (threshold, refusal recall, false refusal), support only:")
    print("  ", result["frontier_support"])
    print("frontier with the product's country/name rules:")
    print("  ", result["frontier_with_rules"])
    print(flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="a copied index folder")
    parser.add_argument("--questions", type=Path, nargs="+", required=True)
    parser.add_argument("--split", nargs="+", default=["dev", "test"])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--depth", type=int, default=max(CUTOFFS))
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)

    project_on_path()
    from kb.app.services import open_service
    from kb.core.settings import load_settings
    from kb.eval import prepare_questions

    settings = load_settings()
    settings.store.index_dir = args.index
    service = open_service(settings)
    # every run embeds the same questions: embed each once
    embedder = service.kb.embedder
    embedder.embed_query = functools.lru_cache(maxsize=None)(embedder.embed_query)
    results: dict[str, Any] = {}
    for path in args.questions:
        for split in args.split:
            questions = prepare_questions(path, split, args.shared)
            result = run_split(service, questions, args.depth)
            results[f"{path.stem}-{split}"] = result
            print_split(f"{path.name} {split} ({args.index})", result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
