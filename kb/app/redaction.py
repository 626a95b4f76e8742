"""Remove personal data from free text before it is logged: e-mails, phones, IBANs, national IDs.

``redact(text)`` replaces what its context gives away (``kb.app.redaction_context``, run
after e-mails and IBANs: names after a title, birth dates, street addresses, numbers
after an ID, customer or case keyword and PES reference shapes, obfuscated e-mails,
local phone numbers), and by their shape

* e-mail addresses with ``[email]``;
* IBANs (two letters, two check digits, 11-30 letters/digits, optionally in groups of
  four) with ``[iban]``;
* national identification numbers with ``[id]``: French NIR (13 digits + 2-digit key,
  with or without spaces, Corsican 2A/2B), German Steuer-ID (11 digits, also
  ``12 345 678 901``), Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter),
  Italian codice fiscale (16 characters, omocodia letters allowed), Belgian national
  number (``YY.MM.DD-XXX.XX``), Dutch BSN (9 digits, also ``1234.56.789``), Polish PESEL
  (11 digits), Swedish personnummer (``YYMMDD-XXXX``, ``YYMMDD+XXXX``, ``YYYYMMDDXXXX``),
  Danish CPR (``DDMMYY-XXXX``), Finnish HETU (``DDMMYY[-+A..F,U..Y]XXXC``), Irish PPSN
  (7 digits + 1-2 letters), Portuguese NIF (9 digits), Austrian SVNR (10 digits, also
  ``1234 010180``);
* phone numbers (``+CC`` or ``00CC`` international forms and national forms written with
  spaces, dashes, dots, slashes or parentheses; 8 digits or more) with ``[phone]``.

Numbers that are not personal data are kept: years (2023), year ranges (2021-2027,
2023/24), EU act numbers (2021/1057, 1304/2013), dates with a four-digit year
(12.03.2024, 2024-03-12, 12/03/2024, 20240312), amounts with thousands separators
(1,200 / 12.000.000 / 1 200 000) and anything with fewer than 8 digits (percentages,
"50 plus", "12 months").

The labels are best effort: several formats are nothing but a run of digits (a 9-digit
number may be a BSN, a NIF or a phone number). A bare run of 9 digits or more that does
not start with 0 is labelled ``[id]``; one that starts with 0 (a national trunk prefix),
an 8-digit one, or one written with separators is labelled ``[phone]`` -- either way it
is removed. The rules favour removing too much over leaking: an amount glued to a year
("in 2023 1 200 000 people") may be taken for a phone number.

Pure and thread-safe: compiled patterns only, no state.
"""

from __future__ import annotations

import re

from kb.app.redaction_context import redact_context

EMAIL = "[email]"
PHONE = "[phone]"
IBAN = "[iban]"
ID = "[id]"

_SP = r"[ \u00a0]"  # a space or a no-break space
_DAY = r"(?:0[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0[1-9]|1[0-2])"
_YEAR4 = r"(?:19|20)\d{2}"
# Letters that replace digits in an Italian codice fiscale when two people collide.
_CF_DIGIT = r"[0-9LMNP-V]"

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
_IBAN = re.compile(
    rf"\b[A-Z]{{2}}\d{{2}}(?:{_SP}?[A-Z0-9]{{4}}){{2,7}}(?:{_SP}?[A-Z0-9]{{1,4}})?\b"
)

# Identification numbers with a shape of their own; checked before phones and amounts.
_STRUCTURED_IDS = [
    # Spanish DNI: 8 digits (maybe 12.345.678) + control letter; NIE: X/Y/Z + 7 digits + letter.
    r"\b\d{2}\.?\d{3}\.?\d{3}[ -]?[TRWAGMYFPDXBNJZSQVHLCKE]\b",
    r"\b[XYZ][ -]?\d{7}[ -]?[A-Z]\b",
    # Italian codice fiscale: SSS NNN YY M DD ZZZZ C (digits may be omocodia letters).
    rf"\b(?=[A-Z]*\d)[A-Z]{{6}}{_CF_DIGIT}{{2}}[ABCDEHLMPRST]{_CF_DIGIT}{{2}}[A-Z]{_CF_DIGIT}{{3}}[A-Z]\b",
    # Belgian national number: YY.MM.DD-XXX.XX
    r"\b\d{2}\.\d{2}\.\d{2}[-. ]\d{3}\.\d{2}\b",
    # French NIR: sex, YY, MM, department (2A/2B for Corsica), commune, order, key.
    rf"(?<![\w+])[12378]{_SP}?\d{{2}}{_SP}?(?:{_MONTH}|[2-9]\d){_SP}?(?:\d{{2}}|2[AB])"
    rf"{_SP}?\d{{3}}{_SP}?\d{{3}}(?:{_SP}?\d{{2}})?(?![\w])",
    # Finnish HETU: DDMMYY, century sign, 3-digit individual number, check character.
    rf"\b{_DAY}{_MONTH}\d{{2}}[-+A-FU-Y]\d{{3}}[0-9A-FHJ-NPR-Y]\b",
    # Swedish personnummer and Danish CPR: (YY)YYMMDD-XXXX / DDMMYY-XXXX ('+' = aged 100+).
    r"(?<![\w+-])(?:19|20)?\d{6}[-+]\d{4}(?![\w-])",
    # Irish PPSN: 7 digits + check letter + optional second letter.
    r"\b\d{7}[A-W][A-IW]?\b",
    # German Steuer-ID in its printed grouping: 12 345 678 901.
    rf"(?<![\w+])(?<!\d{_SP})[1-9]\d{_SP}\d{{3}}{_SP}\d{{3}}{_SP}\d{{3}}(?!\w|{_SP}\d)",
    # Dutch BSN printed as 1234.56.789.
    r"(?<![\w.])\d{4}\.\d{2}\.\d{3}(?!\w|\.\d)",
    # Austrian SVNR printed as 1234 DDMMYY.
    rf"(?<![\w+])(?<!\d{_SP})[1-9]\d{{3}}{_SP}{_DAY}{_MONTH}\d{{2}}(?!\w|{_SP}\d)",
]
_ID = re.compile("|".join(f"(?:{p})" for p in _STRUCTURED_IDS), re.IGNORECASE)

# Numbers that look like long digit runs but are not personal data. They are hidden
# behind placeholders while phones and bare ID numbers are looked for.
_NOT_DIGIT_BEFORE = r"(?<![\d+])(?<!\d[./-])"
_NOT_DIGIT_AFTER = r"(?![./-]?\d)"
_KEEP = re.compile(
    "|".join(
        f"(?:{_NOT_DIGIT_BEFORE}{p}{_NOT_DIGIT_AFTER})"
        for p in (
            # dates with a four-digit year: 12.03.2024, 1/3/2024, 2024-03-12, 20240312
            rf"(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1{_YEAR4}",
            rf"{_YEAR4}([./-])(?:0?[1-9]|1[0-2])\2(?:0?[1-9]|[12]\d|3[01])",
            rf"{_YEAR4}{_MONTH}{_DAY}",
            # year ranges and EU act numbers: 2021-2027, 2023/24, 2021/1057, 1304/2013
            rf"{_YEAR4}{_SP}?[-\u2013/]{_SP}?(?:{_YEAR4}|\d{{2}})",
            rf"{_YEAR4}/\d{{1,4}}",
            # numbered acts: "décret n° 2023-1234", "Nr. 2019-45"
            rf"(?:(?<=n[°º]{_SP})|(?<=n[°º])|(?<=[Nn]r\.{_SP})|(?<=[Nn]o\.{_SP})){_YEAR4}-\d{{1,5}}",
            rf"{_YEAR4}(?:{_SP}{_YEAR4})+",  # "in 2019 2020 and 2021"
            rf"\d{{1,4}}/{_YEAR4}",
            # amounts (and ranges of them) grouped by thousands with ',' or '.'
            r"[1-9]\d{0,2}([.,])\d{3}(?:\3\d{3})*(?:[.,]\d+)?"
            r"(?:\s?[-\u2013]\s?[1-9]\d{0,2}(?:[.,]\d{3})+)?",
        )
    )
    # amounts grouped by thousands with spaces: 1 200 000, 12 000 000 (but not 612 345 678),
    # and ranges of them: 1 000-2 000
    + rf"|(?:(?<![\d+])(?<!\d{_SP})[1-9]\d?(?:{_SP}\d{{3}}){{2,}}(?!{_SP}?\d))"
    + rf"|(?:(?<![\d+])(?<!\d{_SP})[1-9]\d{{0,2}}(?:{_SP}\d{{3}})+{_SP}?[-\u2013]{_SP}?"
    + rf"[1-9]\d{{0,2}}(?:{_SP}\d{{3}})+(?!{_SP}?\d))"
)
# An ID number glued to letters ("BSN111222333", "Steuer-ID12345678901").
_GLUED = re.compile(r"(?<=[^\W\d_])\d{8,}(?!\d)")
_PLACEHOLDER = "\ue000"
_RESTORE = re.compile(_PLACEHOLDER + "(.)", re.DOTALL)

# A phone number or bare ID candidate: digits joined by single separators.
_SEP = rf"(?:{_SP}?[-/]{_SP}?|\.|{_SP}?\({_SP}?|\){_SP}?|{_SP})"
_NUMBER = re.compile(rf"(?<![\w+])(?:\+{_SP}?|\(\+?)?\d(?:{_SEP}?\d)*\)?(?!\w)")


def redact(text: str) -> str:
    """``text`` with e-mails, phone numbers, IBANs and national ID numbers replaced."""
    if not text:
        return text
    text = text.replace(_PLACEHOLDER, "")
    text = _EMAIL.sub(EMAIL, text)
    text = _IBAN.sub(_iban, text)
    text = redact_context(text)
    text = _ID.sub(ID, text)
    text = _GLUED.sub(ID, text)
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return _PLACEHOLDER + chr(0xE100 + len(kept) - 1)

    text = _KEEP.sub(keep, text)
    text = _NUMBER.sub(_number, text)
    return _RESTORE.sub(lambda m: kept[ord(m.group(1)) - 0xE100], text)


def _iban(match: re.Match[str]) -> str:
    found = match.group(0)
    compact = re.sub(r"\s", "", found)
    digits = sum(ch.isdigit() for ch in compact)
    return IBAN if 15 <= len(compact) <= 34 and digits >= 8 else found


def _number(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = re.sub(r"\D", "", found)
    if len(digits) < 8:
        return found
    if found.startswith(("+", "(")) or digits.startswith("00") or not found.isdigit():
        return PHONE
    if len(digits) == 11 and _pesel_ok(digits):
        return ID
    if digits.startswith("0") or len(digits) == 8:
        return PHONE
    return ID


def _pesel_ok(digits: str) -> bool:
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    total = sum(int(d) * w for d, w in zip(digits[:10], weights, strict=True))
    month = int(digits[2:4]) % 20
    return 1 <= month <= 12 and (10 - total % 10) % 10 == int(digits[10])
