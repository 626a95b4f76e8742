"""``python -m ingest``: the batch CLI. It parses, calls ingest functions, renders."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ingest.catalogue import CatalogueError, load_catalogue
from ingest.filetypes import type_problem
from ingest.pipeline import catalogue_path, last_run, run_ingest, scan_corpus
from ingest.report import shown
from kb.core.settings import Settings, load_settings
from kb.index.factory import build_knowledge_base
from kb.index.locks import IndexBusyError
from kb.index.store import COMPLETE, EmbedderMismatchError

EXAMPLES = """\
examples:
  python -m ingest run                      ingest what changed in the configured corpus
  python -m ingest run --dry-run            only report what would change
  python -m ingest run --full               rebuild the index from scratch
  python -m ingest --corpus ~/pes-docs --index /srv/kb/index run --json
  python -m ingest status                   documents, chunks, last run and its failures
  python -m ingest check                    validate the catalogue without ingesting

exit codes: 0 all went well, 1 some files failed (the rest were ingested), 2 usage error,
            3 another writer held the index for longer than --wait
server mode: CHROMA_URL=http://host:8000 (or PESKB_STORE__URL) uses a Chroma server
settings: defaults < settings.toml < settings-$PESKB_PROFILE.toml < PESKB_* environment
"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus",
        type=Path,
        default=argparse.SUPPRESS,
        help="corpus folder (default: from settings)",
    )
    common.add_argument(
        "--index",
        type=Path,
        default=argparse.SUPPRESS,
        help="index folder (default: from settings)",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Ingest PES reports and practice case studies into the knowledge base.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser(
        "run",
        parents=[common],
        help="incremental ingestion",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("--full", action="store_true", help="drop the index and rebuild everything")
    run.add_argument(
        "--dry-run", action="store_true", help="report what would change, write nothing"
    )
    run.add_argument(
        "--wait",
        type=float,
        metavar="SECONDS",
        help="wait this long for another writer to finish (default: store.writer_wait_s)",
    )
    sub.add_parser(
        "status", parents=[common], help="what the index holds and how the last run went"
    )
    sub.add_parser("check", parents=[common], help="validate the catalogue and corpus files")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings()
    if getattr(args, "corpus", None):
        settings.ingest.corpus_dir = args.corpus
    if getattr(args, "index", None):
        settings.store.index_dir = args.index
    return settings


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    settings = _settings(args)
    as_json = getattr(args, "json", False)
    corpus = settings.ingest.corpus_dir
    if args.command in ("run", "check") and not corpus.is_dir():
        parser.error(f"corpus folder {corpus} does not exist")
    try:
        if args.command == "run":
            return _run(args, settings, as_json)
        if args.command == "status":
            return _status(settings, as_json)
        return _check(settings, as_json)
    except (CatalogueError, EmbedderMismatchError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except IndexBusyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3


def _run(args: argparse.Namespace, settings: Settings, as_json: bool) -> int:
    from tqdm import tqdm

    kb = build_knowledge_base(settings)
    bar: tqdm | None = None

    def progress(done: int, total: int, item: Any) -> None:
        nonlocal bar
        if bar is None:
            # disable=None: silent when stderr is not a terminal (cron, CI, pipes).
            bar = tqdm(total=total, unit="doc", disable=None, file=sys.stderr)
        bar.set_postfix_str(shown(item.path)[-40:], refresh=False)
        bar.update(1)

    report = run_ingest(
        kb,
        settings.ingest.corpus_dir,
        full=args.full,
        dry_run=args.dry_run,
        progress=progress,
        wait_s=args.wait,
        on_wait=lambda message: print(message, file=sys.stderr, flush=True),
    )
    if bar is not None:
        bar.close()
    print(json.dumps(report.to_dict(), indent=2) if as_json else report.render())
    return report.exit_code


def status_data(settings: Settings) -> dict[str, Any]:
    kb = build_knowledge_base(settings)
    published = kb.published()
    records = kb.store.documents() if published else {}
    complete = [r for r in records.values() if r.status == COMPLETE]
    run = last_run(settings)
    return {
        "index_dir": settings.store.url or str(settings.store.index_dir),
        "generation": published.generation if published else None,
        "writer": kb.busy(),
        "embedder": {"name": kb.embedder_info.name, "dim": kb.embedder_info.dim},
        "documents": len(complete),
        "pending_documents": sorted(r.doc_id for r in records.values() if r.status != COMPLETE),
        "chunks": kb.store.chunk_count() if published else 0,
        "by_language": dict(Counter(r.metadata.get("language", "?") for r in complete)),
        "by_country": dict(Counter(r.metadata.get("country", "?") for r in complete)),
        # How the relevance decision is calibrated on this index (kb.calibration).
        "calibration": _calibration(kb) if published else None,
        # Files that failed a size or time limit; not retried until they change.
        "not_retried": [
            {k: failure.get(k) for k in ("path", "error", "failed_at")}
            for failure in sorted(
                (kb.store.failures() if published else {}).values(),
                key=lambda f: str(f.get("path")),
            )
        ],
        "last_run": None
        if run is None
        else {
            "started_at": run["started_at"],
            "summary": run["summary"],
            "failures": [
                {"path": f["path"], "error": f["error"]}
                for f in run["files"]
                if f["action"] == "failed"
            ],
        },
    }


def _calibration(kb: Any) -> dict[str, Any] | None:
    calibration = kb.snapshot().calibration
    return calibration.summary() if calibration is not None else None


def _status(settings: Settings, as_json: bool) -> int:
    data = status_data(settings)
    if as_json:
        print(json.dumps(data, indent=2))
        return 0
    print(
        f"Index: {data['index_dir']} (embedder {data['embedder']['name']}, "
        f"dim {data['embedder']['dim']})"
    )
    print(f"Documents: {data['documents']}  Chunks: {data['chunks']}")
    print(f"Published generation: {data['generation'] or 'none yet'}")
    if data["writer"]:
        print(f"Being updated by: {data['writer']}")
    if data["pending_documents"]:
        print(f"Interrupted (repaired by the next run): {', '.join(data['pending_documents'])}")
    print("By language: " + ", ".join(f"{k} {v}" for k, v in sorted(data["by_language"].items())))
    print("By country:  " + ", ".join(f"{k} {v}" for k, v in sorted(data["by_country"].items())))
    if cal := data["calibration"]:
        print(
            f"Calibration: {cal['pseudo_questions']} pseudo-questions; best similarity of a "
            f"miss p50 {cal['miss']['p50']} / p90 {cal['miss']['p90']} / p99 "
            f"{cal['miss']['p99']}; of the answer p50 {cal['answer']['p50']}; "
            f"separable {cal['separable']}"
        )
    run = data["last_run"]
    if run is None:
        print("Last run: never")
    else:
        s = run["summary"]
        print(
            f"Last run: {run['started_at']}: {s['added']} added, {s['changed']} changed, "
            f"{s['unchanged']} unchanged, {s['removed']} removed, {s['failed']} failed "
            f"in {s['seconds']} s"
        )
        for failure in run["failures"]:
            print(f"  FAILED  {shown(failure['path'])}: {shown(failure['error'] or '')}")
    if data["not_retried"]:
        print("Not retried until the file or the limits change (failed a size or time limit):")
        for failure in data["not_retried"]:
            print(
                f"  {shown(failure['path'])} (since {failure['failed_at']}): "
                f"{shown(failure['error'] or '')}"
            )
    return 0


def check_data(settings: Settings) -> dict[str, Any]:
    corpus = settings.ingest.corpus_dir
    cat_file = catalogue_path(settings, corpus)
    catalogue = load_catalogue(cat_file)
    sources, rejected = scan_corpus(corpus, settings)
    on_disk = {s.rel_path for s in sources} | {r.path for r in rejected}
    problems = catalogue.all_messages() + [f"{r.path}: {r.error}" for r in rejected]
    problems += [f"{s.rel_path}: {p}" for s in sources if (p := type_problem(s.path))]
    return {
        "catalogue": str(cat_file) if catalogue.exists else None,
        "files": len(sources),
        "entries": len(catalogue.entries) + len(catalogue.errors),
        "errors": problems,
        "warnings": [
            f"{rel}: catalogue entry names no file"
            for rel in catalogue.entries
            if rel not in on_disk
        ],
        "derived": sorted(
            s.rel_path
            for s in sources
            if s.rel_path not in catalogue.entries and s.rel_path not in catalogue.errors
        ),
    }


def _check(settings: Settings, as_json: bool) -> int:
    data = check_data(settings)
    if as_json:
        print(json.dumps(data, indent=2))
    else:
        where = data["catalogue"] or "no catalogue file (all metadata derived)"
        print(f"Catalogue: {where}: {data['entries']} entries, {data['files']} files")
        for msg in data["errors"]:
            print(f"  ERROR   {shown(msg)}")
        for msg in data["warnings"]:
            print(f"  warning {shown(msg)}")
        if data["derived"]:
            names = ", ".join(shown(d) for d in data["derived"][:5])
            more = ", ..." if len(data["derived"]) > 5 else ""
            print(
                f"  {len(data['derived'])} file(s) without an entry: metadata will be derived "
                f"({names}{more})"
            )
        print("OK" if not data["errors"] else f"{len(data['errors'])} problem(s)")
    return 1 if data["errors"] else 0
