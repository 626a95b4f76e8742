"""Question files with locators, splits, page accuracy, refusal precision/recall, check.

The "shared" folder is a temp dir holding a text file and a PDF written here
(illustrative text made up for these tests).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from kb.core.types import Passage
from kb.eval import (
    EvalError,
    EvalQuestion,
    LocatorError,
    QuestionFileError,
    SupportingPassage,
    check,
    excerpt_hash,
    load_questions,
    prepare_questions,
    render_eval,
    run_eval,
    select_split,
)
from tests.factories import make_pdf

TEXT = (
    "Illustrative note for the evaluation tests.\n"
    "The Lakeside job centre offers evening workshops for career changers.\n"
    "Participants meet a mentor twice a month during the first half year.\n"
)
PAGE_TWO = "Employers in the harbour district report a shortage of welders and crane drivers."


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    root = tmp_path / "shared"
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "lakeside_note.txt").write_text(TEXT, encoding="utf-8")
    make_pdf(
        root / "pdfs" / "harbour_report.pdf",
        [
            [("title", "Harbour report (illustrative)"), ("para", "An opening page.")],
            [("heading", "Skills"), ("para", PAGE_TWO)],
        ],
    )
    return root


def text_locator(excerpt: str) -> dict:
    start = TEXT.index(excerpt)
    return {
        "source": "texts/lakeside_note.txt",
        "start": start,
        "end": start + len(excerpt),
        "sha256": excerpt_hash(excerpt),
    }


def pdf_locator(shared: Path, page: int, words: str) -> dict:
    page_text = PdfReader(shared / "pdfs" / "harbour_report.pdf").pages[page - 1].extract_text()
    start = page_text.index(words)
    end = start + len(words)
    return {
        "source": "pdfs/harbour_report.pdf",
        "page": page,
        "start": start,
        "end": end,
        "sha256": excerpt_hash(page_text[start:end]),
    }


def row(qid: str, doc_id: str, locator: dict, **extra: object) -> dict:
    return {
        "id": qid,
        "question": f"question {qid}?",
        "question_language": "en",
        "answerable": True,
        "supporting_passages": [{"doc_id": doc_id, "locator": locator}],
        **extra,
    }


def write(tmp_path: Path, *rows: dict, name: str = "q.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


# --- resolving locators ------------------------------------------------------------


def test_text_and_pdf_locators_resolve_to_their_excerpts(tmp_path: Path, shared: Path) -> None:
    mentor = "Participants meet a mentor twice a month"
    path = write(
        tmp_path,
        row("t1", "lakeside_note", text_locator(mentor)),
        row("p1", "harbour_report", pdf_locator(shared, 2, "shortage of welders")),
    )
    questions = prepare_questions(path, shared=shared)
    assert questions[0].supporting_passages[0].text == mentor
    assert questions[0].supporting_passages[0].page is None
    pdf_passage = questions[1].supporting_passages[0]
    assert pdf_passage.text == "shortage of welders" and pdf_passage.page == 2


def test_a_changed_document_fails_naming_question_and_source(tmp_path: Path, shared: Path) -> None:
    path = write(tmp_path, row("t7", "lakeside_note", text_locator("evening workshops")))
    note = shared / "texts" / "lakeside_note.txt"
    note.write_text(TEXT.replace("evening", "morning"), encoding="utf-8")
    with pytest.raises(LocatorError) as err:
        prepare_questions(path, shared=shared)
    message = str(err.value)
    assert "t7" in message and "texts/lakeside_note.txt" in message and "changed" in message

    note.unlink()
    with pytest.raises(LocatorError, match=r"t7 .*texts/lakeside_note.txt: no such document"):
        prepare_questions(path, shared=shared)


def test_a_pdf_page_out_of_range_fails(tmp_path: Path, shared: Path) -> None:
    locator = pdf_locator(shared, 2, "welders") | {"page": 9}
    path = write(tmp_path, row("p9", "harbour_report", locator))
    with pytest.raises(LocatorError, match=r"p9 .*page 9 of a 2-page PDF"):
        prepare_questions(path, shared=shared)


@pytest.mark.parametrize(
    ("change", "field_name", "problem"),
    [
        ({"page": 3}, "locator.page", "only PDF locators have a page"),
        ({"end": 0}, "locator.end", "integer >= 1"),
        ({"sha256": "xyz"}, "locator.sha256", "hex digits"),
        ({"source": "../outside.txt"}, "locator.source", "inside the shared folder"),
        ({"source": "texts/other.txt"}, "locator.source", "is not the file of document"),
    ],
)
def test_bad_locators_are_reported_with_line_and_field(
    tmp_path: Path, change: dict, field_name: str, problem: str
) -> None:
    locator = text_locator("evening workshops") | change
    path = write(tmp_path, row("t1", "lakeside_note", locator))
    with pytest.raises(QuestionFileError) as err:
        load_questions(path)
    assert f":1: field 'supporting_passages[0].{field_name}'" in str(err.value)
    assert problem in str(err.value)


def test_unresolved_locators_cannot_be_evaluated(tmp_path: Path) -> None:
    path = write(tmp_path, row("t1", "lakeside_note", text_locator("evening workshops")))
    with pytest.raises(EvalError, match="t1: .*not resolved"):
        run_eval(object(), load_questions(path), modes=("hybrid",), ask=False)


# --- unknown fields, cross_lingual on unanswerables, splits ------------------------


def test_unknown_fields_are_ignored_with_one_warning(tmp_path: Path) -> None:
    base = row("t1", "lakeside_note", text_locator("evening workshops"))
    base["supporting_passages"][0]["note"] = "ours"
    path = write(
        tmp_path,
        base | {"difficulty": "hard"},
        row("t2", "lakeside_note", text_locator("mentor")) | {"difficulty": "easy", "x": 1},
    )
    warnings: list[str] = []
    questions = load_questions(path, warn=warnings.append)
    assert [q.id for q in questions] == ["t1", "t2"]
    assert len(warnings) == 1
    assert "difficulty (2 lines: 1, 2)" in warnings[0]
    assert "x (line 2)" in warnings[0] and "supporting_passages[].note (line 1)" in warnings[0]


def test_unanswerable_questions_may_be_cross_lingual(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {"id": "u1", "question": "Wie ist es in Island?", "question_language": "de",
         "answerable": False, "cross_lingual": True, "supporting_passages": [],
         "kind": "absent-country", "split": "test"},
    )  # fmt: skip
    (q,) = load_questions(path)
    assert q.cross_lingual is True and q.kind == "absent-country" and q.split == "test"


def make_split_questions() -> list[EvalQuestion]:
    return [
        EvalQuestion("a", "a?", "en", False, split="dev"),
        EvalQuestion("b", "b?", "en", False, split="test"),
        EvalQuestion("c", "c?", "en", False, split="dev"),
        EvalQuestion("d", "d?", "en", False),
    ]


def test_split_selects_one_half() -> None:
    questions = make_split_questions()
    assert [q.id for q in select_split(questions, "dev")] == ["a", "c"]
    assert [q.id for q in select_split(questions, "test")] == ["b"]
    assert len(select_split(questions, None)) == 4
    with pytest.raises(EvalError, match=r"no question has split 'test' \(1 of 1 have no split"):
        select_split(questions[3:], "test")


def test_the_sample_question_sets_have_balanced_splits() -> None:
    from kb.core.settings import PROJECT_ROOT

    for name in ("questions.jsonl", "heldout.jsonl"):
        questions = load_questions(PROJECT_ROOT / "corpus" / "eval" / name)
        dev, test = select_split(questions, "dev"), select_split(questions, "test")
        assert len(dev) + len(test) == len(questions)
        assert abs(len(dev) - len(test)) <= 3  # halves, stratified by group
        assert any(not q.answerable for q in test)


# --- page accuracy and refusal precision / recall on a fake service ----------------


@dataclass
class Retrieval:
    query: str
    language: str
    passages: list[Passage]
    found: bool


class PagedService:
    """Question -> (passages, found); passages carry page_start/page_end metadata."""

    kb = None

    def __init__(self, plan: dict[str, tuple[list[Passage], bool]]) -> None:
        self.plan = plan

    def retrieve(self, question, filters=None, k=None, history=None, mode="hybrid"):
        passages, found = self.plan[question]
        return Retrieval(question, "en", passages, found)


def paged(doc: str, text: str, start: int, end: int) -> Passage:
    return Passage(f"{doc}-{start}", doc, text, {"page_start": start, "page_end": end})


FILLER = paged("other", "unrelated words", 1, 1)


def q(qid: str, answerable: bool = True, page: int | None = None) -> EvalQuestion:
    support = [SupportingPassage("doc", f"excerpt of {qid} here", page)] if answerable else []
    return EvalQuestion(qid, qid, "en", answerable, support, cross_lingual=False)


def test_page_accuracy_and_refusal_precision_recall() -> None:
    questions = [
        q("p-right", page=4),  # hit at rank 2 on pages 3..5: right page
        q("p-wrong", page=9),  # hit at rank 1 on page 2: wrong page
        q("p-late", page=7),  # hit only at rank 7, beyond k = 5: not counted
        q("no-page"),  # no page given: not counted
        q("u-refused", answerable=False),
        q("u-answered", answerable=False),
    ]
    plan = {
        "p-right": ([FILLER, paged("doc", "excerpt of p-right here", 3, 5)], True),
        "p-wrong": ([paged("doc", "excerpt of p-wrong here", 2, 2)], False),  # false refusal
        "p-late": ([FILLER] * 6 + [paged("doc", "excerpt of p-late here", 7, 7)], True),
        "no-page": ([paged("doc", "excerpt of no-page here", 1, 1)], True),
        "u-refused": ([FILLER], False),
        "u-answered": ([FILLER], True),
    }
    report = run_eval(PagedService(plan), questions, k=5, modes=("hybrid",), ask=False)
    m = report.groups["hybrid"]["all"]
    assert m.page_questions == 2 and m.page_accuracy == 0.5
    # refused: p-wrong (answerable) and u-refused (unanswerable)
    assert m.refused == 2
    assert m.refusal_precision == 0.5 and m.refusal_recall == 0.5
    assert m.refusal_accuracy == m.refusal_recall
    assert report.groups["hybrid"]["same-language"].refusal_precision is None
    data = report.to_dict()["metrics"]["hybrid"]["all"]
    assert data["page_accuracy"] == 0.5 and data["refusal_precision"] == 0.5
    assert data["hit@5"] == 0.75 and "false_refusal_rate" in data  # old fields stay
    text = render_eval(report)
    assert "refusal precision" in text and "page accuracy (2 hit@5 w/ page)" in text


# --- the check command -------------------------------------------------------------


def test_check_lists_every_failing_locator(
    tmp_path: Path, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(
        tmp_path,
        row("g1", "lakeside_note", text_locator("evening workshops")),
        row("g2", "harbour_report", pdf_locator(shared, 2, "crane drivers")),
        name="good.jsonl",
    )
    assert check([good], shared) == 0
    bad_hash = text_locator("mentor") | {"sha256": "0123456789abcdef"}
    bad = write(
        tmp_path,
        row("b1", "lakeside_note", bad_hash),
        row("b2", "harbour_report", pdf_locator(shared, 1, "opening") | {"page": 5}),
        row("b3", "lakeside_note", text_locator("evening workshops")),
        name="bad.jsonl",
    )
    capsys.readouterr()
    assert check([good, bad], shared) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith(f"{bad}: b1 (line 1)") and "hash" in out[0]
    assert out[1].startswith(f"{bad}: b2 (line 2)") and "page 5" in out[1]


def test_check_command_line(tmp_path: Path, shared: Path) -> None:
    import subprocess
    import sys

    from kb.core.settings import PROJECT_ROOT

    bad = write(tmp_path, row("b1", "lakeside_note", text_locator("mentor") | {"end": 9999}))
    done = subprocess.run(
        [sys.executable, "-m", "kb", "check", str(bad), "--shared", str(shared)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "b1 (line 1)" in done.stdout and "only" in done.stdout
