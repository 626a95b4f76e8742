"""The shape of a statement: sentence splitting around ordinals (written for this test)."""

from kb.core.prose import ends_with_ordinal, split_sentences


def test_an_ordinal_date_does_not_end_a_sentence():
    text = (
        "Das Arbeitsverhältnis endet am 30. April. Erster Tag der Arbeitslosigkeit ist "
        "der 1. Mai. Die Agentur ist an diesem Feiertag geschlossen."
    )
    assert split_sentences(text) == [
        "Das Arbeitsverhältnis endet am 30. April.",
        "Erster Tag der Arbeitslosigkeit ist der 1. Mai.",
        "Die Agentur ist an diesem Feiertag geschlossen.",
    ]
    assert split_sentences("Smlouva končí 30. dubna. Poté se uchazeč registruje.") == [
        "Smlouva končí 30. dubna.",
        "Poté se uchazeč registruje.",
    ]


def test_years_and_figures_still_end_sentences():
    assert split_sentences("The programme started in 2023. It covers older people.") == [
        "The programme started in 2023.",
        "It covers older people.",
    ]
    assert ends_with_ordinal("ist der 1.") and ends_with_ordinal("§ 12.")
    assert not ends_with_ordinal("in 2023.") and not ends_with_ordinal("3.5.")
    assert not ends_with_ordinal("wie z. B.")
