"""Knowledge gaps: what staff asked that the corpus could not answer, or answered badly."""

from __future__ import annotations

import streamlit as st

from ui.common import identity, md_text, services

if not identity().is_curator:
    st.error("Knowledge gaps are for the Network Secretariat's curators.")
    st.stop()

feedback = services().feedback
st.title("Knowledge gaps")
st.caption("Questions that got 'not found' or a thumbs-down. Questions are stored redacted.")

group = st.radio("Group by", ["topic", "country", "language"], horizontal=True)
period = st.radio("Period", ["week", "month"], horizontal=True)
summary = feedback.gap_summary(group, period)
if summary:
    st.dataframe(summary, hide_index=True, width="stretch")
else:
    st.info("No gaps recorded yet.")

st.subheader("Questions")
for row in feedback.gaps():
    when = f"{row.time:%Y-%m-%d %H:%M}"
    line = f"- {md_text(when)} · **{md_text(row.reason)}** · {md_text(row.language or '?')}"
    line += f" · {md_text(row.question)}"
    if row.comment:
        line += f" — _{md_text(row.comment)}_"
    st.markdown(line)
