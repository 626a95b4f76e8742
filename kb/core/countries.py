"""Find the countries a question names, in the network's languages ('Austria', 'autrichien')."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

from kb.core.text import fold

# PES Network members and neighbours.
CODES = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "IS LI NO CH GB UA RS AL MK ME BA TR"
).split()
LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "sv", "pl", "da", "fi", "cs")
# Adjectives and short forms that do not start like the country's name.
EXTRA = {
    "ES": ["spanish", "spanisch", "spansk", "espanol", "espanola", "spagnolo", "spaans", "spanska"],
    "NL": ["dutch", "holland", "hollandais", "neerlandais", "niederlandisch", "olandese",
           "nederlands", "nederlandse"],
    "DK": ["danish", "danois", "danoise", "danes", "danesa", "danisch", "dansk", "danska",
           "danese"],
    "FI": ["finnish", "finlandais", "finnisch", "finsk", "finska", "fins", "finse"],
    "SE": ["swedish", "suedois", "suedoise", "schwedisch", "sueco", "sueca", "svedese",
           "svensk", "svenska", "zweeds"],
    "DE": ["german", "deutsch", "deutsche", "deutschen", "allemand", "allemande", "tedesco",
           "tedesca", "aleman", "alemana", "alemao", "duits", "duitse", "tysk", "tyska"],
    "FR": ["french", "francais", "francaise", "franzosisch", "frances", "francesa", "francese",
           "frans", "franse", "fransk", "franska"],
    "IE": ["irish", "irisch", "irlandais", "irlandes", "irlandese", "iers", "ierse", "irsk"],
    "GR": ["greek", "grec", "grecs", "grecque", "griechisch", "hellenic", "griego", "griega",
           "greco", "grek", "grieks"],
    "PL": ["polish", "polonais", "polonaise", "polnisch", "polaco", "polaca", "polacco",
           "polsk", "pools", "poolse"],
    "PT": ["portugues", "portuguesa", "portoghese", "portugiesisch"],
    "BE": ["belgian", "belgisch", "belge", "belga"], "GB": ["british", "uk"],
    "MT": ["maltese", "maltais", "maltes", "maltesisch"],
    "CZ": ["czech", "tcheque", "tschechisch", "checo", "checa", "ceco", "ceca", "tsjechisch"],
    "EE": ["estonian", "estonien", "estnisch", "estonio", "estone"],
    "HR": ["croatian", "croate", "kroatisch", "croata"], "SI": ["slovenian", "slovene"],
    "SK": ["slovak", "slovaque", "slowakisch"], "LU": ["luxembourgish", "luxemburgisch"],
    "AT": ["austrian", "osterreichisch", "autrichien", "autrichienne"],
    "IT": ["italian", "italien", "italienne", "italienisch", "italiano", "italiana"],
    "CH": ["swiss", "suisse", "schweizer", "schweizerisch"],
    "NO": ["norwegian", "norvegien", "norwegisch", "noruego", "norvegese"],
    "HU": ["hungarian", "hongrois", "ungarisch", "hungaro"],
    "RO": ["romanian", "roumain", "roumaine", "rumanisch", "rumano", "rumena"],
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
    return list(_mentioned(text))


@lru_cache(maxsize=4096)
def _mentioned(text: str) -> tuple[str, ...]:
    # Cached: retrieval asks about the same passages for ranking, support and refusal.
    folded = fold(text)
    words_ = set(re.findall(r"[a-z]+", folded))
    by_prefix: dict[str, list[str]] = {}
    for word in words_:
        if len(word) >= 6:
            by_prefix.setdefault(word[:6], []).append(word)
    found: list[str] = []
    for stem, code in _prefixes():
        if " " in stem or "-" in stem:
            hit = stem in folded
        elif len(stem) < 6:
            hit = stem in words_  # short names match whole words only ("chec" is in "checks")
        else:
            hit = any(w.startswith(stem) for w in by_prefix.get(stem[:6], ()))
        if hit and code not in found:
            found.append(code)
    order = {code: folded.find(stem) for stem, code in _prefixes() if code in found}
    return tuple(sorted(found, key=lambda c: order.get(c, 0)))
