"""Streamlit entry point: staff chat and library for everyone, curation for curators."""

from __future__ import annotations

import streamlit as st

from ui.common import identity, md_text, services

# An emoji icon becomes a data: URL; a ":material/...:" one is fetched from fonts.gstatic.com
# by every browser that opens the app (a remote request, and nothing may download at run time).
st.set_page_config(page_title="PES knowledge base", page_icon="\N{BOOKS}", layout="wide")

services()  # build the shared knowledge base before the first page runs
who = identity()
settings = services().settings.app

if settings.auth_mode == "oidc" and not who.signed_in:
    st.title("PES knowledge base")
    st.write("Sign in with your PES Network account to ask the knowledge base.")
    if st.button("Sign in"):
        st.login()
    st.stop()

pages = [
    st.Page("ui/chat.py", title="Ask", icon=":material/chat:", default=True),
    st.Page("ui/library.py", title="Library", icon=":material/library_books:"),
    # Reached from citations and the library (/source?doc=...&page=N), not from the menu.
    st.Page("ui/source.py", title="Source", url_path="source", visibility="hidden"),
]
if who.is_curator:
    # Curation pages exist only in a curator's navigation; each page checks the role again.
    pages += [
        st.Page("ui/curation.py", title="Curation", icon=":material/folder_managed:"),
        st.Page("ui/gaps.py", title="Knowledge gaps", icon=":material/travel_explore:"),
    ]

with st.sidebar:
    if who.email:
        st.caption(md_text(f"{who.email} · {who.role}", breaks=False))
    if who.signed_in and st.button("Sign out"):
        st.logout()

st.navigation(pages).run()
