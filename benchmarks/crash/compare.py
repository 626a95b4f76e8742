"""Comparing a killed index with the before and after builds."""

from __future__ import annotations

from typing import Any

from crash.config import KEEP_GENERATIONS

# --- comparing ------------------------------------------------------------------------


VECTOR_RTOL, VECTOR_ATOL = 1e-5, 1e-6


def vector_diff(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Largest absolute difference between the two indexes' vectors of the same chunk ids
    (None when the ids differ or a tolerance is exceeded is judged by the caller)."""
    import numpy as np

    if "vectors" not in a or "vectors" not in b:
        return None
    key = (a["vectors"], b["vectors"])
    if key not in _VECTOR_CACHE:
        with np.load(a["vectors"]) as fa, np.load(b["vectors"]) as fb:
            ia = {cid: n for n, cid in enumerate(fa["ids"].tolist())}
            ib = {cid: n for n, cid in enumerate(fb["ids"].tolist())}
            if ia.keys() != ib.keys():
                _VECTOR_CACHE[key] = (None, False)
            else:
                order = sorted(ia)
                va = fa["vectors"][[ia[c] for c in order]]
                vb = fb["vectors"][[ib[c] for c in order]]
                close = bool(np.allclose(va, vb, rtol=VECTOR_RTOL, atol=VECTOR_ATOL))
                diff = float(np.abs(va - vb).max()) if order else 0.0
                _VECTOR_CACHE[key] = (diff, close)
    return _VECTOR_CACHE[key][0] if _VECTOR_CACHE[key][1] else None


_VECTOR_CACHE: dict[tuple[str, str], tuple[float | None, bool]] = {}


def same_content(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same chunk ids, chunk metadata and text, manifest records, and vectors (tolerance)."""
    return (
        a.get("published") is not None
        and b.get("published") is not None
        and a["chunks"] == b["chunks"]
        and a["docs"] == b["docs"]
        and vector_diff(a, b) is not None
    )


def differences(got: dict[str, Any], want: dict[str, Any]) -> str:
    if got.get("published") is None:
        return "nothing published"
    gc, wc = got["chunks"], want["chunks"]
    missing = len(wc.keys() - gc.keys())
    extra = len(gc.keys() - wc.keys())
    changed = sum(1 for k in gc.keys() & wc.keys() if gc[k] != wc[k])
    gd, wd = got["docs"], want["docs"]
    doc_diff = sorted(set(gd) ^ set(wd) | {d for d in set(gd) & set(wd) if gd[d] != wd[d]})
    vectors = vector_diff(got, want)
    return (
        f"chunks: {missing} missing, {extra} extra, {changed} differ; "
        f"documents differing: {len(doc_diff)} {doc_diff[:4]}; vectors "
        + ("differ" if vectors is None else f"equal within {vectors:.1e}")
    )


def integrity_problems(seen: dict[str, Any]) -> list[str]:
    """Internal consistency of one published generation."""
    if seen.get("published") is None:
        return ["no published generation"]
    problems = []
    docs = seen["docs"]
    pending = sorted(d for d, r in docs.items() if r["status"] != "complete")
    if pending:
        problems.append(f"records not complete: {pending[:5]}")
    total = sum(r["chunk_count"] for r in docs.values())
    if not seen["chunk_ids"] == seen["unique_chunk_ids"] == seen["store_count"] == total:
        problems.append(
            f"chunk ids {seen['chunk_ids']} (unique {seen['unique_chunk_ids']}, count "
            f"{seen['store_count']}) != sum of records' chunk_count {total}"
        )
    wrong = sorted(
        d for d, r in docs.items() if seen["actual_chunks"].get(d, 0) != r["chunk_count"]
    )
    stray = sorted(set(seen["actual_chunks"]) - set(docs))
    if wrong or stray:
        problems.append(f"per-document chunk counts wrong: {wrong[:5]}, stray: {stray[:5]}")
    lex = seen["lexical"]
    if lex is None or not lex["same_ids"] or lex["generation"] != seen["published"]:
        problems.append(f"lexical index does not match the chunks: {lex}")
    return problems


def listing_problems(listing: dict[str, Any]) -> list[str]:
    problems = []
    if listing["drafts"]:
        problems.append(f"drafts left: {listing['drafts']}")
    if len(listing["published_dirs"]) > KEEP_GENERATIONS:
        problems.append(f"{len(listing['published_dirs'])} published generation folders")
    if listing["current"] not in listing["published_dirs"]:
        problems.append(f"CURRENT {listing['current']} has no folder")
    if listing["tmp_files"]:
        problems.append(f"temp files in the index folder: {listing['tmp_files']}")
    if listing["writer_json"]:
        problems.append("writer.json left after the recovery run")
    return problems
