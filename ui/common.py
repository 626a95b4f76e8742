"""What every page shares: the process-wide services, the identity, links to sources.

Every string from a document, a catalogue or a user is rendered through
``kb.core.markup.md_text`` (re-exported here): no page renders such text as Markdown.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from kb.app.auth import Identity, resolve_identity
from kb.app.services import Services, open_services
from kb.app.sources import source_query
from kb.core.markup import md_text
from kb.core.settings import load_settings

__all__ = ["Services", "identity", "md_text", "services", "source_link"]


@st.cache_resource(show_spinner="Loading the knowledge base…")
def services() -> Services:
    """Built once per process and shared by all sessions (all of it is thread-safe)."""
    return open_services(load_settings(), feedback_salt=_secret("feedback_salt"))


def _secret(key: str) -> str | None:
    """A value from .streamlit/secrets.toml; None without one (the store keeps its own salt)."""
    try:
        value = st.secrets.get(key)
    except FileNotFoundError:
        return None
    return str(value) if value else None


def identity() -> Identity:
    settings = services().settings.app
    user = None
    if settings.auth_mode == "oidc":
        user = st.user.to_dict() if hasattr(st.user, "to_dict") else dict(st.user)
    try:
        local = dict(st.secrets.get("local", {}))
    except FileNotFoundError:
        local = {}
    return resolve_identity(settings, user, local)


def source_link(doc_id: str, page: int = 0, *, absolute: bool = False) -> str:
    """The app's source page for a document, opening a PDF at ``page``.

    Relative for links inside the app; ``absolute`` (scheme and host of the browser's
    address) for the Markdown export, so its links lead back here, through sign-in.
    """
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    path = f"/{base}/source" if base else "/source"
    link = f"{path}?{source_query(doc_id, page)}"
    if absolute:
        where = urlsplit(st.context.url or "")
        if where.scheme in ("http", "https") and where.netloc:
            return f"{where.scheme}://{where.netloc}{link}"
    return link
