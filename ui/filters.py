"""Sidebar catalogue filters, shared by the chat and the library."""

from __future__ import annotations

import streamlit as st

from kb.core.types import Filters


def filter_options(records: dict) -> dict[str, list]:
    values: dict[str, set] = {
        k: set()
        for k in ("country", "language", "topics", "target_groups", "practice_type", "year")
    }
    for rec in records.values():
        md = rec.metadata
        for key in values:
            v = md.get(key)
            if isinstance(v, list):
                values[key].update(v)
            elif v not in (None, ""):
                values[key].add(v)
    return {k: sorted(v) for k, v in values.items()}


def sidebar_filters(records: dict, key: str) -> Filters:
    opts = filter_options(records)
    with st.sidebar:
        st.subheader("Filters")
        countries = st.multiselect("Country", opts["country"], key=f"{key}_country")
        languages = st.multiselect("Language", opts["language"], key=f"{key}_language")
        topics = st.multiselect("Topic", opts["topics"], key=f"{key}_topic")
        groups = st.multiselect("Target group", opts["target_groups"], key=f"{key}_group")
        kinds = st.multiselect("Practice type", opts["practice_type"], key=f"{key}_kind")
        years = opts["year"] or [2000]
        lo, hi = min(years), max(years)
        span = (lo, hi)
        if lo < hi:
            span = st.slider("Year", lo, hi, (lo, hi), key=f"{key}_year")
    return Filters(
        countries=list(countries),
        languages=list(languages),
        topics=list(topics),
        target_groups=list(groups),
        practice_types=list(kinds),
        year_from=span[0] if span[0] > lo else None,
        year_to=span[1] if span[1] < hi else None,
    )
