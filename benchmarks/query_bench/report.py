"""The figures as a table, one column per size."""

from __future__ import annotations

from typing import Any

from query_bench.filler import (
    FILTER_COUNTRIES,
)


def render(f: dict[str, Any]) -> str:
    runs = f["runs"]
    width = 14
    growth = len(runs) > 1

    def line(label: str, cells: list[str], last: str = "") -> str:
        out = label.ljust(34) + "".join(c.rjust(width) for c in cells)
        return out + (last.rjust(10) if growth else "")

    def ratio(a: float | None, b: float | None) -> str:
        return f"x{b / a:.1f}" if a and b is not None else "-"

    def num(v: Any, spec: str = ",.1f") -> str:
        return "-" if v is None else format(v, spec)

    lines = [
        f"Query latency benchmark: embedder {f['embedder']}, {f['questions']} questions, "
        f"sample corpus {f['sample_documents']} documents / {f['sample_chunks']} chunks "
        f"(ingested in {f['sample_ingest_s']:.0f} s), {f['cpus']} CPUs",
        "",
        line("filler chunks", [f"{r['filler_chunks']:,}" for r in runs], "growth"),
        line("chunks in index", [f"{r['chunks']:,}" for r in runs]),
        line("passage windows in index", [f"{r.get('windows', 0):,}" for r in runs]),
        line("documents in manifest", [f"{r['documents']:,}" for r in runs]),
        "",
        line("add filler: generate (s)", [num(r["filler_add_s"]["generate_s"]) for r in runs]),
        line("add filler: Chroma add (s)", [num(r["filler_add_s"]["chroma_add_s"]) for r in runs]),
        line("add filler: manifest (s)", [num(r["filler_add_s"]["manifest_s"]) for r in runs]),
        line("new generation: copy (s)", [num(r["generation_copy_s"], ".2f") for r in runs]),
        line(
            "new generation: BM25 + publish (s)",
            [num(r["lexical_build_and_publish_s"]) for r in runs],
        ),
        line("service start (s)", [num(r["service_init_s"], ".2f") for r in runs]),
        line("warm-up: 2 asks + 2 retrieves (s)", [num(r["warmup_s"], ".2f") for r in runs]),
        "",
        "latency p50 / p95 / p99 (ms)",
    ]
    names = {
        "retrieve": "retrieve",
        "ask": "ask (extractive)",
        "retrieve_filtered": f"retrieve, {'+'.join(FILTER_COUNTRIES)} filter",
        "ask_filtered": f"ask, {'+'.join(FILTER_COUNTRIES)} filter",
    }
    for key, label in names.items():
        stats = [r["latency_ms"][key] for r in runs]
        cells = [f"{s['p50']:.0f}/{s['p95']:.0f}/{s['p99']:.0f}" for s in stats]
        lines.append(line(f"  {label}", cells, ratio(stats[0]["p50"], stats[-1]["p50"])))
    stage_names = sorted({s for r in runs for s in r["ask_stages_p50_ms"]})
    if stage_names:
        lines.append("ask stages p50 (ms, Answer.timings_ms)")
        for stage in stage_names:
            values = [r["ask_stages_p50_ms"].get(stage) for r in runs]
            lines.append(line(f"  {stage}", [num(v) for v in values], ratio(values[0], values[-1])))
    lines += [
        "",
        line(
            "index on disk (MB)",
            [num(r["index_mb"]) for r in runs],
            ratio(runs[0]["index_mb"], runs[-1]["index_mb"]),
        ),  # fmt: skip
        line("  of which lexical.pkl (MB)", [num(r["lexical_file_mb"]) for r in runs]),
        line("RSS after the queries (MB)", [num(r["rss_mb"], ",.0f") for r in runs]),
        line("peak RSS so far (MB)", [num(r["peak_rss_mb"], ",.0f") for r in runs]),
        "",
        line(
            f"hit@{runs[0]['k']} of the sample questions",
            [f"{r['hits']}/{r['answerable']}" for r in runs],
        ),
        line("refused answerable (ask)", [str(r["refused_answerable"]) for r in runs]),
        line(
            f"answered unanswerable (of {runs[0]['unanswerable']})",
            [str(r["answered_unanswerable"]) for r in runs],
        ),
        line("filter violations", [str(r["filter_violations"]) for r in runs]),
        line(
            "load average before/after queries",
            ["{:.1f}/{:.1f}".format(*r["load_avg_1min"]) for r in runs],
        ),
        "",
        "Filler is cumulative: each column's index is the previous one plus more filler; "
        "peak RSS is the process peak up to that column.",
        f"A load average above {f['cpus']} means other processes shared the CPUs: "
        "latencies are inflated.",
    ]
    return "\n".join(lines)
