"""Personal data leaves questions and comments before they are logged; ordinary numbers stay."""

import threading

import pytest

from kb.app.redaction import EMAIL, IBAN, ID, PHONE, redact


def _redacts(value: str, label: str) -> None:
    text = f"Please check {value} for me."
    assert redact(text) == f"Please check {label} for me.", value


def _keeps(text: str) -> None:
    assert redact(text) == text


# --- e-mail -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "jean.dupont@pole-emploi.fr",
        "Anna.Mueller+kb@arbeitsagentur.de",
        "jürgen@ams.at",
        "j_o-e@sub.example.co.uk",
    ],
)
def test_email_addresses_are_redacted(value):
    _redacts(value, EMAIL)


@pytest.mark.parametrize("text", ["Follow @PES_Network on social media", "a@b is not an address"])
def test_email_lookalikes_are_kept(text):
    _keeps(text)


# --- phone numbers --------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "+33 1 23 45 67 89",
        "+33123456789",
        "+49 (0)30 1234 5678",
        "(+44) 20 7946 0958",
        "+353 1 234 5678",
        "0049 30 12345678",
        "06 12 34 56 78",
        "06-12-34-56-78",
        "01.23.45.67.89",
        "030-1234567",
        "030 / 123 456 78",
        "(030) 123 4567",
        "0612345678",
        "070-123 45 67",
        "612 345 678",
        "0800 123 456",
    ],
)
def test_phone_numbers_are_redacted(value):
    _redacts(value, PHONE)


@pytest.mark.parametrize(
    "text",
    [
        "Call 112 or 3949.",  # short numbers
        "The hotline 0800 123 is free.",  # 7 digits
        "Open 09:00-17:00, Monday to Friday.",
    ],
)
def test_short_phone_like_numbers_are_kept(text):
    _keeps(text)


# --- IBAN -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000",
        "FR14 2004 1010 0505 0001 3M02 606",
        "GB82 WEST 1234 5698 7654 32",
        "BE68 5390 0754 7034",
    ],
)
def test_ibans_are_redacted(value):
    _redacts(value, IBAN)


def test_iban_does_not_swallow_the_next_word():
    assert redact("IBAN BE68 5390 0754 7034 from Anna") == "IBAN [iban] from Anna"


@pytest.mark.parametrize("text", ["See DE12 and FR34 in the annex.", "Codes AT11 BE22 CZ33."])
def test_iban_lookalikes_are_kept(text):
    _keeps(text)


# --- national identification numbers ----------------------------------------

NATIONAL_IDS = {
    "FR NIR with spaces": "1 84 12 76 451 089 46",
    "FR NIR compact": "184127645108946",
    "FR NIR without key": "1841276451089",
    "FR NIR Corsica": "2 84 12 2A 451 089 46",
    "DE Steuer-ID": "12345678901",
    "DE Steuer-ID grouped": "12 345 678 901",
    "ES DNI": "12345678Z",
    "ES DNI with dash": "12.345.678-Z",
    "ES NIE": "X1234567L",
    "ES NIE with dashes": "Y-1234567-X",
    "IT codice fiscale": "RSSMRA85T10A562S",
    "IT codice fiscale lower case": "rssmra85t10a562s",
    "IT codice fiscale omocodia": "RSSMRA85T10A56NS",
    "BE national number": "85.07.30-033.61",
    "BE national number compact": "85073003361",
    "NL BSN": "123456782",
    "NL BSN dotted": "1234.56.782",
    "PL PESEL": "44051401359",
    "PL PESEL born 2002": "02270803624",
    "SE personnummer": "850730-1234",
    "SE personnummer aged 100+": "850730+1234",
    "SE personnummer long": "19850730-1234",
    "SE personnummer 12 digits": "198507301234",
    "DK CPR": "010190-1234",
    "FI HETU 1900s": "131052-308T",
    "FI HETU 2000s": "131052A308T",
    "FI HETU new separator": "010594Y9032",
    "IE PPSN": "1234567T",
    "IE PPSN two letters": "1234567TA",
    "PT NIF": "123456789",
    "AT SVNR": "1237010180",
    "AT SVNR grouped": "1237 010180",
}


@pytest.mark.parametrize("value", NATIONAL_IDS.values(), ids=NATIONAL_IDS.keys())
def test_national_ids_are_redacted(value):
    _redacts(value, ID)


NEAR_MISSES = {
    "FR NIR too short": "NIR starts 1 84 12 then more.",
    "DE Steuer-ID too short": "Case 1234567 was closed.",
    "ES DNI too short": "Code 1234567Z is a product.",
    "ES NIE too short": "Model X123 was shown.",
    "IT codice fiscale without digits": "The word RSSMRAOOTOOAOOOS is not a code.",
    "BE date only": "Dated 85.07.30 in Liège.",
    "NL BSN too short": "Ref 1234.56 in the annex.",
    "SE date range": "From 2023-2024 onwards.",
    "DK date without serial": "Dated 01.01.1990 in Aarhus.",
    "FI short": "Form 1310-308T was used.",
    "IE PPSN too short": "Room 123456T is upstairs.",
    "PT short": "Budget line 1234567.",
    "AT short": "Grade 1237 010 applies.",
}


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_id_near_misses_are_kept(text):
    _keeps(text)


# --- numbers that are not personal data ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In 2023, 75% of 1,200 jobseekers aged 50 plus found work within 12 months.",
        "We met on 12.03.2024, 2024-03-12, 12/03/2024 and 20240312.",
        "The 12.03.2024 12:00 meeting was moved.",
        "The ESF+ 2021-2027 period, 2023/24 and 2021 – 2027.",
        "Regulation (EU) 2021/1057 and Regulation (EU) No 1304/2013 of 17 December 2013.",
        "A budget of 12.000.000 EUR, 1.200.000 euros or 1,200,000.50 USD.",
        "1 200 000 people and 12 000 000 € were involved.",
        "Between 1 000-2 000 people and 10 000 – 20 000 euros.",
        "Youth Guarantee 2.0 (2020) for 15-29 year olds, 10-15% and 3.5 million.",
        "Reports from 2019 2020 and 2021.",
        "ISO 3166-1, Q4 2023, article 12345, page 1234567.",
    ],
)
def test_ordinary_numbers_are_kept(text):
    _keeps(text)


def test_several_kinds_in_one_question():
    text = (
        "I am anna@example.org, PESEL 44051401359, tel. +48 22 123 45 67, "
        "IBAN DE89 3704 0044 0532 0130 00. What did PES do in 2023 for 1,200 people?"
    )
    assert redact(text) == (
        "I am [email], PESEL [id], tel. [phone], "
        "IBAN [iban]. What did PES do in 2023 for 1,200 people?"
    )


def test_empty_and_private_use_text():
    assert redact("") == ""
    assert redact("a\ue000b 2023") == "ab 2023"


def test_redact_is_thread_safe():
    text = "Call +33 1 23 45 67 89 on 12.03.2024, mail a@b.fr, ID 12345678Z."
    expected = redact(text)
    results: list[str] = []

    def work() -> None:
        results.extend(redact(text) for _ in range(200))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(results) == {expected}
