"""The evaluation harness: the hit rule and the question file's validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.core.settings import PROJECT_ROOT
from kb.core.types import Passage
from kb.eval import (
    QuestionFileError,
    SupportingPassage,
    first_hit_rank,
    lcs_length,
    load_questions,
    passage_hits,
    words,
)

DOC = "samples/at_profiling"
EXCERPT = "Die Beratungskräfte änderten die vorgeschlagene Zuordnung in 11 Prozent der Fälle"
# 11 words: a hit needs ceil(11 / 2) = 6 of them in order


def support(text: str = EXCERPT, doc_id: str = DOC) -> SupportingPassage:
    return SupportingPassage(doc_id, text)


# --- the hit rule ----------------------------------------------------------------


def test_exact_excerpt_inside_a_longer_passage_hits() -> None:
    passage = f"Einleitung. {EXCERPT}, am häufigsten bei Personen über 50 Jahren."
    assert passage_hits(passage, DOC, support())


def test_case_whitespace_and_punctuation_are_normalised() -> None:
    passage = (
        "DIE   beratungskräfte\nänderten die\tVORGESCHLAGENE zuordnung - in 11 prozent der fälle"
    )
    assert passage_hits(passage, DOC, support())


def test_unicode_forms_are_normalised() -> None:
    decomposed = "Die Beratungskra\u0308fte a\u0308nderten die vorgeschlagene Zuordnung"
    assert passage_hits(decomposed, DOC, support())


def test_wrong_document_is_no_hit() -> None:
    assert not passage_hits(EXCERPT, "samples/ie_profiling", support())


def test_exactly_half_the_words_in_order_hits() -> None:
    # 6 of 11 words, in order, with other words in between
    passage = "Die neuen Beratungskräfte haben änderten oft die Regel vorgeschlagene Zuordnung"
    assert lcs_length(words(EXCERPT), words(passage)) == 6
    assert passage_hits(passage, DOC, support())


def test_fewer_than_half_the_words_is_no_hit() -> None:
    passage = "Die Beratungskräfte änderten die vorgeschlagene"  # 5 of 11
    assert not passage_hits(passage, DOC, support())


def test_words_out_of_order_do_not_count() -> None:
    # all 11 words, but reversed: the longest common subsequence is 'die die' (2)
    reversed_text = " ".join(reversed(EXCERPT.split()))
    assert not passage_hits(reversed_text, DOC, support())


def test_half_rule_rounds_up_for_odd_lengths() -> None:
    three = support("alpha beta gamma")
    assert not passage_hits("alpha", DOC, three)  # 1 < ceil(3/2) = 2
    assert passage_hits("alpha x gamma", DOC, three)


def test_first_hit_rank_takes_any_supporting_passage() -> None:
    passages = [
        Passage("c1", "other/doc", EXCERPT, {}),
        Passage("c2", DOC, "unrelated words only", {}),
        Passage("c3", "samples/b", "second document excerpt here", {}),
        Passage("c4", DOC, EXCERPT, {}),
    ]
    supports = [support(), support("second document excerpt", "samples/b")]
    assert first_hit_rank(passages, supports) == 3
    assert first_hit_rank(passages[:2], supports) is None


# --- the question file -----------------------------------------------------------


def good(**overrides: object) -> dict:
    row = {
        "id": "q1",
        "question": "Wie oft weichen die Beratungskräfte ab?",
        "question_language": "de",
        "answerable": True,
        "supporting_passages": [{"doc_id": DOC, "text": EXCERPT}],
    }
    row.update(overrides)
    return row


def write(tmp_path: Path, *rows: object) -> Path:
    path = tmp_path / "questions.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loads_a_good_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        good(),
        "",
        good(id="q2", answerable=False, supporting_passages=[], cross_lingual=False),
    )
    qs = load_questions(path)
    assert [q.id for q in qs] == ["q1", "q2"]
    assert qs[0].supporting_passages == [SupportingPassage(DOC, EXCERPT)]
    assert qs[0].cross_lingual is None and qs[1].cross_lingual is False
    assert qs[1].line == 3


def test_the_project_question_sets_are_valid() -> None:
    qs = load_questions(PROJECT_ROOT / "corpus" / "eval" / "questions.jsonl")
    assert len(qs) > 50
    assert any(not q.answerable for q in qs)
    held_out = load_questions(PROJECT_ROOT / "corpus" / "eval" / "heldout.jsonl")
    assert len(held_out) >= 20 and sum(bool(q.cross_lingual) for q in held_out) >= 15
    assert not {q.question for q in qs} & {q.question for q in held_out}


@pytest.mark.parametrize(
    ("row", "field_name", "problem"),
    [
        ("{not json", None, "not valid JSON"),
        ("[1, 2]", None, "expected a JSON object"),
        (good(answerable="yes"), "answerable", "expected true or false"),
        ({k: v for k, v in good().items() if k != "question"}, "question", "missing"),
        (good(question="  "), "question", "non-empty string"),
        (good(question_language="German"), "question_language", "ISO 639-1"),
        (good(cross_lingual="no"), "cross_lingual", "true, false or absent"),
        (good(supporting_passages="x"), "supporting_passages", "expected a list"),
        (good(supporting_passages=[]), "supporting_passages", "at least one"),
        (good(answerable=False), "supporting_passages", "must be empty"),
        (
            good(supporting_passages=[{"doc_id": DOC}]),
            "supporting_passages[0].text",
            "non-empty string",
        ),
        (
            good(supporting_passages=[{"doc_id": DOC + ".pdf", "text": "a b"}]),
            "supporting_passages[0].doc_id",
            "without extension",
        ),
        (
            good(supporting_passages=[{"doc_id": DOC, "text": "..."}]),
            "supporting_passages[0].text",
            "no words",
        ),
        (good(split="train"), "split", "dev, test or absent"),
        (
            good(supporting_passages=[{"doc_id": DOC, "text": "a b", "locator": {}}]),
            "supporting_passages[0]",
            "not both",
        ),
    ],
)
def test_bad_lines_are_reported_with_line_and_field(
    tmp_path: Path, row: object, field_name: str | None, problem: str
) -> None:
    path = write(tmp_path, good(id="q0"), row)
    with pytest.raises(QuestionFileError) as err:
        load_questions(path)
    message = str(err.value)
    assert f"{path}:2:" in message
    if field_name:
        assert f"field {field_name!r}" in message
    assert problem in message


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, good(), good())
    with pytest.raises(QuestionFileError, match=r":2: field 'id': duplicate id 'q1' .*line 1"):
        load_questions(path)


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(QuestionFileError, match="no questions"):
        load_questions(write(tmp_path, ""))
