"""``python -m ingest``: the batch CLI. It parses, calls ingest functions, renders."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ingest.report import shown
from kb.app.ingestion import (
    CatalogueError,
    EmbedderMismatchError,
    IndexBusyError,
    check_data,
    compact_index,
    ingest_corpus,
    status_data,
)
from kb.core.settings import Settings, load_settings

EXAMPLES = """\
examples:
  python -m ingest run                      ingest what changed in the configured corpus
  python -m ingest run --dry-run            only report what would change
  python -m ingest run --full               rebuild the index from scratch
  python -m ingest --corpus ~/pes-docs --index /srv/kb/index run --json
  python -m ingest compact                  collapse the index's segments into one
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
    compact = sub.add_parser(
        "compact",
        parents=[common],
        help="collapse the index's stack of segments into one (same content; heavy: "
        "rewrites the whole index, holding the writer lock)",
    )
    compact.add_argument(
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
        if args.command == "compact":
            return _compact(args, settings, as_json)
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

    bar: tqdm | None = None

    def progress(done: int, total: int, item: Any) -> None:
        nonlocal bar
        if bar is None:
            # disable=None: silent when stderr is not a terminal (cron, CI, pipes).
            bar = tqdm(total=total, unit="doc", disable=None, file=sys.stderr)
        bar.set_postfix_str(shown(item.path)[-40:], refresh=False)
        bar.update(1)

    report = ingest_corpus(
        settings,
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


def _compact(args: argparse.Namespace, settings: Settings, as_json: bool) -> int:
    data = compact_index(
        settings,
        wait_s=args.wait,
        on_wait=lambda message: print(message, file=sys.stderr, flush=True),
    )
    if as_json:
        print(json.dumps(data, indent=2))
    elif data["compacted"]:
        print(
            f"Compacted generation {data['generation_before']} ({data['segments_before']} "
            f"segments) into {data['generation']} ({data['segments']}) in {data['seconds']} s"
        )
    else:
        print(f"Nothing to compact: generation {data['generation'] or 'none yet'} is one segment")
    return 0


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
    segments = f" ({data['segments']} segments)" if data["segments"] else ""
    print(f"Published generation: {data['generation'] or 'none yet'}{segments}")
    if data["writer"]:
        print(f"Being updated by: {data['writer']}")
    if data["pending_documents"]:
        print(f"Interrupted (repaired by the next run): {', '.join(data['pending_documents'])}")
    print("By language: " + ", ".join(f"{k} {v}" for k, v in sorted(data["by_language"].items())))
    print("By country:  " + ", ".join(f"{k} {v}" for k, v in sorted(data["by_country"].items())))
    if emb := data["embedding"]:
        second = emb["second"]
        print(
            f"Embedded: {emb['chunks']} chunks + {emb['windows']} passage windows = "
            f"{emb['per_chunk']}x the chunks"
            + (f"; second embedder {second['model']}: {second['rows']} chunks" if second else "")
        )
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
