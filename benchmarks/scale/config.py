"""The synthetic corpus's vocabularies and sizes, the query kinds and the layouts."""

from __future__ import annotations

from typing import Any

MB = 1024 * 1024
DIM = 384
K = 10
SEED = 20261125
WARMUP = 3
MEAN_DOC_CHUNKS = 25
# 30 countries in Zipf rank order (weight 1/rank): DE ~25 %, AT ~5 %, CH ~0.8 %.
COUNTRIES = (
    "DE FR IT ES AT NL BE PL SE PT CZ EL HU DK FI IE SK BG HR LT SI LV EE CY LU MT RO IS NO CH"
).split()
COUNTRY_LANGUAGE = {
    "DE": "de", "FR": "fr", "IT": "it", "ES": "es", "AT": "de", "NL": "nl", "BE": "fr",
    "PL": "pl", "SE": "sv", "PT": "pt", "CZ": "cs", "EL": "el", "HU": "hu", "DK": "da",
    "FI": "fi", "IE": "en", "SK": "sk", "BG": "bg", "HR": "hr", "LT": "lt", "SI": "sl",
    "LV": "lv", "EE": "et", "CY": "el", "LU": "fr", "MT": "en", "RO": "ro", "IS": "is",
    "NO": "no", "CH": "de",
}  # fmt: skip
TOPICS = (
    "youth-guarantee long-term-unemployment digital-services skills-and-training "
    "green-transition migrant-integration disability older-workers apprenticeships "
    "job-matching career-guidance employer-services"
).split()
TARGET_GROUPS = (
    "jobseekers long-term-unemployed older-workers employers young-people migrants "
    "people-with-disabilities low-skilled"
).split()
PRACTICE_TYPES = ["case-study", "evaluation", "guidance", "policy", "toolkit"]
YEARS = list(range(2010, 2027))
WORDS = (
    "employment service jobseeker training programme labour market public support "
    "counselling youth skills digital career guidance employer partnership measure "
    "activation outreach evaluation results placement vacancy profiling integration "
    "apprenticeship older workers disability migrants regional local office online "
    "platform case management wage subsidy upskilling reskilling green transition"
).split()

# Query kinds: name -> filter spec. A spec is None (no filter) or a dict with any of
# countries (any-of), year_from/year_to, topics (any-of), docs (document indices).
# "docs" specs are drawn per query (see _query_specs).
ATTRIBUTE_KINDS: dict[str, dict[str, Any] | None] = {
    "none": None,
    "country=AT": {"countries": ["AT"]},
    "country=DE": {"countries": ["DE"]},
    "country in AT,DE": {"countries": ["AT", "DE"]},
    "year 2020-2022": {"year_from": 2020, "year_to": 2022},
    "DE + topic": {"countries": ["DE"], "topics": ["digital-services"]},
}
DOC_SET_KINDS = {"10 docs": 10, "100 docs": 100}
ALL_KINDS = [*ATTRIBUTE_KINDS, *DOC_SET_KINDS]

# Which on-disk index each layout queries.
LAYOUT_INDEX = {
    "single": "single",
    "doc-ids": "single",
    "overfetch": "single",
    "numpy-exact": "single",
    "hybrid": "single",
    "partitioned": "partitioned",
    "single-notext": "notext",
}
LAYOUT_KINDS = {
    "single": list(ATTRIBUTE_KINDS),
    "single-notext": ["none", "country=AT", "country=DE"],
    "doc-ids": [k for k in ALL_KINDS if k != "none"],
    "partitioned": ["none", "none (threads)", *ALL_KINDS[1:]],
    "overfetch": ALL_KINDS,
    "numpy-exact": ALL_KINDS,
    "hybrid": ALL_KINDS,
}
DEFAULT_LAYOUTS = ["single", "doc-ids", "partitioned", "overfetch", "numpy-exact", "hybrid"]
