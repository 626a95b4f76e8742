from ingest.cleaning import Line, drop_running_lines, join_lines, normalise


def test_join_lines_undoes_hyphenation_but_keeps_real_hyphens():
    assert join_lines(["Langzeit-", "arbeitslose Personen"]) == "Langzeitarbeitslose Personen"
    assert join_lines(["Aus-", "und Weiterbildung"]) == "Aus- und Weiterbildung"
    assert join_lines(["die EU-", "Jugendgarantie"]) == "die EU-Jugendgarantie"
    assert join_lines(["first  line", "", "second\tline"]) == "first line second line"


def test_normalise_ligatures_soft_hyphens_and_spaces():
    assert normalise("e\ufb03cient\u00a0pro\u00adgramme ") == "efficient programme"


def test_running_headers_and_page_numbers_dropped_only_at_page_edges():
    pages = [
        [
            Line("PES Network report"),
            Line(f"In {2020 + n} the service placed {n}00 people"),
            Line("Body line"),
            Line("PES Network report"),
            Line(f"Page {n} of 3"),
        ]
        for n in (1, 2, 3)
    ]
    cleaned = drop_running_lines(pages)
    for n, lines in enumerate(cleaned, start=1):
        texts = [line.text for line in lines]
        assert texts == [f"In {2020 + n} the service placed {n}00 people", "Body line"]


def test_single_page_documents_lose_only_the_page_number():
    pages = [[Line("Header"), Line("Body about 2024"), Line("Page 1 sur 1")]]
    assert drop_running_lines(pages) == [[Line("Header"), Line("Body about 2024")]]


def test_page_numbers_in_many_languages_are_furniture():
    for footer in ("3", "- 3 -", "Seite 3 von 9", "Página 3 de 9", "p. 3/9", "Sida 2 av 2"):
        pages = [[Line("Top"), Line("Body text here"), Line("More body"), Line(footer)]]
        assert [ln.text for ln in drop_running_lines(pages)[0]] == [
            "Top",
            "Body text here",
            "More body",
        ], footer
