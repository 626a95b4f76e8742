"""The lexical index's update for one changed document against a full rebuild, at a size.

The chunks of an existing index (``--index``, a copied published index) are repeated
under new document ids until ``--size`` chunks; the index is built once in full, then one
document is replaced (its chunks re-added with a changed sentence) with
``LexicalIndex.updated``. Reports both times and checks that the update equals a rebuild
on a few queries (BM25 scores to the bit).

    python benchmarks/bench_lexical_update.py --index /tmp/copy-of-index --size 100000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kb.core.settings import load_settings  # noqa: E402
from kb.index.generations import LocalGenerations  # noqa: E402
from kb.index.lexical import LexicalIndex  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--check", action="store_true", help="also rebuild after the update")
    args = parser.parse_args()

    gens = LocalGenerations(args.index, load_settings().store.collection)
    current = gens.current()
    assert current is not None, f"{args.index}: nothing published"
    info = gens.built_with(current.generation)
    assert info is not None, f"{args.index}: no chunks"
    got = gens.open_store(current.generation, info).all_chunks(
        ["documents", "metadatas", "embeddings"]
    )
    base = list(zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True))
    ids, texts, metas, vecs = [], [], [], []
    copy = 0
    while len(ids) < args.size:
        for chunk_id, text, md, emb in base[: args.size - len(ids)]:
            ids.append(f"c{copy}-{chunk_id}")
            texts.append(text)
            metas.append({**md, "doc_id": f"c{copy}-{md['doc_id']}"})
            vecs.append(emb)
        copy += 1
    t0 = time.perf_counter()
    empty = LexicalIndex.build([], [], [], "000001")
    full = empty.updated(set(), ids, texts, metas, "000001", np.asarray(vecs))
    full_s = time.perf_counter() - t0

    doc = metas[len(metas) // 2]["doc_id"]
    rows = [i for i, md in enumerate(metas) if md["doc_id"] == doc]
    new_texts = [texts[i] + " Added sentence about mentoring." for i in rows]
    t0 = time.perf_counter()
    updated = full.updated(
        {doc}, [ids[i] for i in rows], new_texts, [metas[i] for i in rows], "000002",
        np.asarray([vecs[i] for i in rows]),
    )  # fmt: skip
    update_s = time.perf_counter() - t0
    report = {
        "chunks": len(ids),
        "changed_chunks": len(rows),
        "full_build_s": round(full_s, 1),
        "update_s": round(update_s, 2),
    }
    if args.check:
        texts2 = list(texts)
        for i, t in zip(rows, new_texts, strict=True):
            texts2[i] = t
        order = [i for i in range(len(ids)) if i not in set(rows)] + rows
        rebuilt = empty.updated(
            set(), [ids[i] for i in order], [texts2[i] for i in order],
            [metas[i] for i in order], "000002", np.asarray([vecs[i] for i in order]),
        )  # fmt: skip
        same = all(
            np.array_equal(updated.terms_bm25.get_scores(q), rebuilt.terms_bm25.get_scores(q))
            for q in (["mentoring"], ["employment", "service"], ["2023"])
        )
        report["update_equals_rebuild"] = same and updated.ids == rebuilt.ids
    print(json.dumps(report))


if __name__ == "__main__":
    main()
