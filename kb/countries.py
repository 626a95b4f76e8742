"""Find the countries a question names, in the network's languages ('Austria', 'autrichien')."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

from kb.text import fold

# PES Network members and neighbours.
CODES = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "IS LI NO CH GB UA RS AL MK ME BA TR"
).split()
LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "sv", "pl", "da", "fi", "cs")
# Adjectives and short forms that do not start like the country's name.
EXTRA = {
    "ES": ["spanish", "spanisch", "spansk", "espanol", "spagnol", "spaans"],
    "NL": ["dutch", "holland", "hollandais", "neerland", "niederland", "oland", "nederlands"],
    "DK": ["danish", "danois", "danes", "danisch", "dansk", "danese"],
    "FI": ["finnish", "finlandais", "finnisch", "finsk", "fins"],
    "SE": ["swedish", "suedois", "schwed", "sueco", "sved", "svensk", "zweeds"],
    "DE": ["german", "deutsch", "allemand", "tedesc", "aleman", "alema", "duits", "tysk"],
    "FR": ["french", "francais", "franzos", "frances", "frans", "fransk"],
    "IE": ["irish", "irisch", "irland", "iers", "irsk"],
    "GR": ["greek", "grec", "griech", "hellenic", "grieg", "grek"],
    "PL": ["polish", "polonais", "polnisch", "polac", "polsk", "pools"],
    "PT": ["portugues", "portogh", "portugies"], "BE": ["belgian", "belgisch", "belge", "belga"],
    "GB": ["british", "uk"], "MT": ["maltese", "maltais", "maltes", "maltesisch"],
    "CZ": ["czech", "tchequ", "tschech", "chec"], "EE": ["estonian", "estoni", "estnisch"],
    "HR": ["croatian", "croat", "kroat"], "SI": ["sloven"], "SK": ["slovak", "slowak"],
    "LU": ["luxembourgish", "luxemburg"], "AT": ["austrian"], "IT": ["italian", "ital"],
    "CH": ["swiss", "suisse", "schweiz"], "NO": ["norwegian", "norv", "norweg"],
    "HU": ["hungarian", "hongrois", "ungar"], "RO": ["romanian", "roumain", "rumän"],
}  # fmt: skip


@lru_cache(maxsize=1)
def _prefixes() -> list[tuple[str, str]]:
    names: dict[str, set[str]] = {}
    for code in CODES:
        country = pycountry.countries.get(alpha_2=code)
        base = [country.name, getattr(country, "common_name", country.name)]
        found = set(base)
        for lang in LANGUAGES:
            try:
                tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
            except OSError:
                continue
            found |= {tr.gettext(n) for n in base}
        names[code] = {fold(n) for n in found} | {fold(x) for x in EXTRA.get(code, [])}
    pairs = []
    for code, variants in names.items():
        for name in variants:
            first = name.split(",")[0].strip()
            # Names match as prefixes so adjectives follow: 'austri' -> austrian, austriaco.
            stem = first if " " in first or len(first) <= 6 else first[: max(6, len(first) - 2)]
            pairs.append((stem, code))
    return sorted(pairs, key=lambda p: -len(p[0]))


def mentioned_countries(text: str) -> list[str]:
    """ISO codes of the countries named in ``text``, in order of first mention."""
    folded = fold(text)
    words_ = re.findall(r"[a-z]+", folded)
    found: list[str] = []
    for stem, code in _prefixes():
        if " " in stem or "-" in stem:
            hit = stem in folded
        elif len(stem) <= 3:
            hit = stem in words_
        else:
            hit = any(w.startswith(stem) for w in words_)
        if hit and code not in found:
            found.append(code)
    order = {code: folded.find(stem) for stem, code in _prefixes() if code in found}
    return sorted(found, key=lambda c: order.get(c, 0))
