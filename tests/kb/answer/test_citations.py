import logging

from kb.answer.citations import build_citations, claims, lexical_support, parse_markers
from kb.core.types import Passage


def _p(n, text, lang="en", page=3, country="AT"):
    return Passage(
        f"c{n}",
        f"doc{n}",
        text,
        {
            "title": f"Doc {n}",
            "page_start": page,
            "path": f"samples/doc{n}.pdf",
            "country": country,
            "year": 2023,
            "chunk_language": lang,
        },
        score=0.5,
    )


PASSAGES = [
    _p(
        1,
        "The Austrian PES meets every school leaver within four weeks. It offers a training place.",
    ),
    _p(2, "Counsellors in Ireland use a probability score to refer jobseekers to case managers."),
]


def test_markers_pointing_nowhere_are_removed_and_logged(caplog):
    with caplog.at_level(logging.WARNING):
        m = parse_markers("A [1]. B [3]. C [0]. D [1, 2]. E [x1]. Keep [sic].", 2)
    assert m.text == "A [1]. B. C. D [1][2]. E. Keep [sic]."
    assert m.used == [1, 2] and m.removed == ["[3]", "[0]", "[x1]"]
    assert "point to no passage" in caplog.text


def test_claims_attach_to_the_sentence_before_the_marker():
    text = "First point. The school leavers are met in four weeks. [1] Second [2][1]"
    assert claims(text) == [("The school leavers are met in four weeks.", [1]), ("Second", [2, 1])]


def test_supported_citations_are_renumbered_in_order_of_use():
    text = (
        "Ireland refers jobseekers using a probability score [2]. "
        "Austria meets school leavers within four weeks [1]."
    )
    out, cites, unsupported, removed = build_citations(text, PASSAGES, "en")
    assert out == (
        "Ireland refers jobseekers using a probability score [1]. "
        "Austria meets school leavers within four weeks [2]."
    )
    assert [(c.n, c.doc_id) for c in cites] == [(1, "doc2"), (2, "doc1")]
    assert cites[1].link == "samples/doc1.pdf#page=3" and cites[1].page == 3
    assert cites[1].quote == "The Austrian PES meets every school leaver within four weeks."
    assert unsupported == [] and removed == []


def test_unsupported_citation_is_flagged_and_not_shown_as_support():
    text = "Austria pays every jobseeker a monthly bonus of 900 euros for relocating [1]."
    out, cites, unsupported, _ = build_citations(text, PASSAGES, "en")
    assert "[1]" not in out and cites == []
    assert [c.doc_id for c in unsupported] == ["doc1"] and not unsupported[0].supported


def test_verbatim_quote_in_another_language_is_supported():
    german = _p(1, "Das Jobcenter betreut ältere Langzeitarbeitslose mit einem Coaching.", "de")
    out, cites, _, _ = build_citations(
        "Intro:\nDas Jobcenter betreut ältere Langzeitarbeitslose mit einem Coaching. [1]",
        [german],
        "fr",
    )
    assert [c.n for c in cites] == [1] and out.endswith("[1]")


def test_lexical_support_scores():
    assert lexical_support("school leavers within four weeks", PASSAGES[0].text, "en") == 1.0
    assert lexical_support("relocation bonus of 900 euros", PASSAGES[0].text, "en") == 0.0
