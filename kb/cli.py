"""``python -m kb``: ask the knowledge base, evaluate it, or check question files.
Parses, calls the application layer (``kb.app``) and ``kb.eval``, renders."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kb.answer.questions import QuestionError, clean_question
from kb.app.services import EmbedderMismatchError, NoIndexError, open_service
from kb.core.settings import load_settings
from kb.core.types import Answer, Filters

EXAMPLES = """\
examples:
  python -m kb ask "How do other PES activate long-term unemployed people over 50?"
  python -m kb ask "Wie nutzen andere Dienste statistisches Profiling?" --filter country=AT,IE
  python -m kb ask "youth guarantee outreach" --filter year=2021-2023 --filter topic=youth-guarantee
  python -m kb eval corpus/eval/questions.jsonl --k 5 --json
  python -m kb eval corpus/eval/questions.jsonl --split test --limit 6 --generator provider
  python -m kb --index data/eval/realpdfs/index eval realpdfs.jsonl --split dev --shared ../shared
  python -m kb check corpus/eval/*.jsonl --shared ../shared   every locator still resolves

filters: country=AT,DE  language=de  topic=profiling  target_group=young-people
         practice_type=case-study  doc=samples/at_profiling_chancenkompass_2023  year=2020-2023
"""
_LIST_KEYS = {"country": "countries", "language": "languages", "topic": "topics",
              "target_group": "target_groups", "practice_type": "practice_types",
              "doc": "doc_ids"}  # fmt: skip


def parse_filters(items: list[str]) -> Filters:
    """``key=value[,value]`` items into Filters; raises ValueError with the bad item."""
    filters = Filters()
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or not value.strip():
            raise ValueError(f"filter {item!r}: expected key=value")
        if key == "year":
            lo, _, hi = value.partition("-")
            try:
                filters.year_from = int(lo) if lo.strip() else None
                filters.year_to = int(hi) if hi.strip() else (None if _ else filters.year_from)
            except ValueError:
                raise ValueError(f"filter {item!r}: year must be YYYY or YYYY-YYYY") from None
        elif key in _LIST_KEYS:
            values = [v.strip() for v in value.split(",") if v.strip()]
            if key == "country":
                values = [v.upper() for v in values]
            getattr(filters, _LIST_KEYS[key]).extend(values)
        else:
            raise ValueError(f"filter {item!r}: unknown key (known: year, {', '.join(_LIST_KEYS)})")
    return filters


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kb",
        description="Ask the PES knowledge base or evaluate it.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--index", type=Path, help="index folder (default: from settings)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ask = sub.add_parser("ask", help="answer a question with cited sources")
    ask.add_argument("question")
    ask.add_argument("--filter", action="append", default=[], metavar="KEY=VALUE")
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    ask.add_argument("--index", type=Path, default=argparse.SUPPRESS)
    ev = sub.add_parser("eval", help="measure retrieval, refusals and citations on a question set")
    ev.add_argument("questions", type=Path)
    ev.add_argument("--k", type=int, default=5)
    ev.add_argument(
        "--baseline",
        choices=["bm25"],
        default="bm25",
        help="baseline retrieval run alongside (default: bm25)",
    )
    ev.add_argument("--split", choices=["dev", "test"], help="evaluate one half of the set")
    ev.add_argument(
        "--shared",
        type=Path,
        help="folder the questions' locators point into (default: "
        "$PESKB_EVALUATION__SHARED_DIR, else ../shared beside the repository)",
    )
    ev.add_argument("--no-ask", action="store_true", help="skip service.ask (citations)")
    ev.add_argument(
        "--generator",
        choices=["extractive", "llamacpp", "provider"],
        help="answer generator for the asked questions (default: generator.mode of the settings)",
    )
    ev.add_argument(
        "--limit", type=int, metavar="N", help="only the first N questions (after --split)"
    )
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--index", type=Path, default=argparse.SUPPRESS)
    check = sub.add_parser(
        "check",
        help="resolve every locator of question files against the shared folder "
        "(exit 1 when one fails, 2 when a file is malformed)",
    )
    check.add_argument("files", nargs="+", type=Path)
    check.add_argument("--shared", type=Path, help="shared folder (default: ../shared)")
    return parser


def _progress(stage: str, done: int, total: int) -> None:
    if done == total or done % 10 == 0:
        print(f"  {stage}: {done}/{total}", file=sys.stderr)


def render_answer(answer: Answer) -> str:
    lines = [f"Note: {answer.notice}", ""] if answer.notice else []
    lines += [answer.text, ""]
    for c in answer.citations:
        where = f", p. {c.page_display}" if c.page else ""
        meta = ", ".join(str(x) for x in (c.country, c.year) if x)
        lines.append(f"[{c.n}] {c.title} ({meta}{where}) - {c.link}")
        if c.quote:
            lines.append(f"    \u201c{c.quote}\u201d")
    if answer.filters:
        lines.append(f"Filters: {json.dumps(answer.filters, ensure_ascii=False)}")
    lines.append(f"Mode: {answer.mode}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        from kb.eval import check, default_shared_dir

        return check(args.files, args.shared or default_shared_dir())
    if args.command == "eval" and args.k < 1:
        parser.error("--k must be at least 1")
    settings = load_settings()
    if args.command == "ask":
        # Before opening the index: a bad question is a usage error (exit 2), not a traceback.
        try:
            args.question = clean_question(args.question, settings.retrieval.max_question_chars)
        except QuestionError as exc:
            parser.error(str(exc))
    if args.index:
        settings.store.index_dir = args.index
    if args.command == "eval" and args.generator:
        settings.generator.mode = args.generator
    try:
        service = open_service(settings)
    except NoIndexError as exc:
        parser.error(str(exc))
    except EmbedderMismatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "ask":
        try:
            filters = parse_filters(args.filter)
        except ValueError as exc:
            parser.error(str(exc))
        if args.json:
            answer = service.ask(args.question, filters)
            print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
            return 0
        answer = None
        for piece in service.ask_stream(args.question, filters):
            if isinstance(piece, Answer):
                answer = piece
            elif sys.stdout.isatty():
                print(piece, end="", flush=True)
        if sys.stdout.isatty():
            print("\n")
        assert answer is not None
        print(render_answer(answer))
        return 0
    from kb.eval import EvalError, prepare_questions, render_eval, run_eval

    warnings: list[str] = []
    try:
        questions = prepare_questions(args.questions, args.split, args.shared, warnings.append)
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    except EvalError as exc:  # a split nobody has, a locator that does not resolve
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.limit is not None:
        if args.limit < 1:
            parser.error(f"--limit must be at least 1, got {args.limit}")
        questions = questions[: args.limit]
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        report = run_eval(
            service, questions, k=args.k, modes=("hybrid", args.baseline), ask=not args.no_ask,
            progress=_progress,
        )  # fmt: skip
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report.warnings[:0] = warnings
    report.split, report.questions_file = args.split, str(args.questions)
    print(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
        if args.json
        else render_eval(report)
    )
    return 0
