"""Language identification of questions, with the real offline classifier (py3langid)."""

import pytest

from kb.answer.retrieval.query import question_language
from kb.core.language import detect_language

# Questions written for this test (illustrative), one per language of the network.
QUESTIONS = {
    "cs": "Jak veřejné služby zaměstnanosti pomáhají dlouhodobě nezaměstnaným?",
    "da": "Hvordan hjælper de offentlige arbejdsformidlinger langtidsledige?",
    "el": "Πώς βοηθούν οι δημόσιες υπηρεσίες απασχόλησης τους μακροχρόνια ανέργους;",
    "et": "Kuidas avalikud tööturuasutused aitavad pikaajalisi töötuid?",
    "fi": "Miten julkiset työvoimapalvelut auttavat pitkäaikaistyöttömiä?",
    "hu": "Hogyan segítik az állami foglalkoztatási szolgálatok a tartósan munkanélkülieket?",
    "lt": "Kaip valstybinės užimtumo tarnybos padeda ilgalaikiams bedarbiams?",
    "lv": "Kā valsts nodarbinātības dienesti palīdz ilgstošajiem bezdarbniekiem?",
    "no": "Hvordan hjelper offentlige arbeidsformidlinger langtidsledige?",
    "ro": "Cum ajută serviciile publice de ocupare a forței de muncă șomerii de lungă durată?",
    "sk": "Ako pomáhajú verejné služby zamestnanosti dlhodobo nezamestnaným ľuďom?",
    "sl": "Kako javne službe za zaposlovanje pomagajo dolgotrajno brezposelnim?",
}


@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_a_short_question_is_recognised_in_the_networks_languages(language):
    assert question_language(QUESTIONS[language]) == language


def test_close_languages_pool_their_confidence_instead_of_falling_back_to_english():
    # The classifier splits a short Croatian question between Croatian, Bosnian and
    # Serbian, none of which alone reaches the bar.
    question = "Kako javne službe za zapošljavanje pomažu dugotrajno nezaposlenima?"
    assert question_language(question) in {"hr", "bs"}
    assert detect_language("Der Bericht beschreibt die Beratung von Arbeitslosen.") == "de"
    assert detect_language("short") is None
