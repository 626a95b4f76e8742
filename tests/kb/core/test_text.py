from kb.core.text import anchors, passage_windows, terms, words


def test_elided_articles_are_dropped_from_words():
    assert words("l'AMS et d'emploi, dell'Agenzia, O'Brien") == [
        "AMS",
        "et",
        "emploi",
        "Agenzia",
        "O'Brien",
    ]
    assert anchors("Le rôle de l'AMS") == ["ams"]
    assert terms("l'avis du comité", "fr") == terms("avis du comité", "fr")


def test_passage_windows_are_runs_of_consecutive_sentences():
    text = "One is here. Two is here. Three is here. Four is here. Five is here."
    assert passage_windows(text, 3) == [
        "One is here. Two is here. Three is here.",
        "Two is here. Three is here. Four is here.",
        "Three is here. Four is here. Five is here.",
    ]
    assert len(passage_windows(text, 2)) == 4
    assert passage_windows("Only one sentence here.", 3) == ["Only one sentence here."]
    assert passage_windows("First line\nSecond line", 3) == ["First line Second line"]
    assert passage_windows("   ", 3) == []
