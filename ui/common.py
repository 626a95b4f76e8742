"""What every page shares: the process-wide services, the identity, links to sources.

Every string from a document, a catalogue or a user is rendered through
``kb.core.markup.md_text`` (re-exported here): no page renders such text as Markdown.
"""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.secrets import secrets_singleton

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
    """Who runs this page, and their role, as the secrets file says *now*."""
    settings = services().settings.app
    user = None
    if settings.auth_mode == "oidc":
        user = st.user.to_dict() if hasattr(st.user, "to_dict") else dict(st.user)
    return resolve_identity(settings, user, _local_table())


def _local_table() -> dict[str, Any]:
    """The ``[local]`` table of the secrets file(s), read again on every page run.

    ``st.secrets`` keeps what it parsed first and never sees the file removed (its
    watcher gives up on a missing file), so a curator taken out of the file, or the
    file deleted, would stay a curator until restart. Secrets given to the app
    programmatically (``AppTest.secrets``) replace ``st.secrets`` and are used as given.
    """
    if st.secrets is not secrets_singleton:
        try:
            return dict(st.secrets.get("local", {}))
        except FileNotFoundError:
            return {}
    merged: dict[str, Any] = {}
    for name in st.get_option("secrets.files"):
        path = Path(name)
        if path.suffix != ".toml" or not path.is_file():
            continue
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("local", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            # An unreadable file grants nobody curator rights.
            logging.getLogger(__name__).warning("secrets file %s: %s", path, exc)
            return {}
        if isinstance(table, dict):
            merged.update(table)
    return merged


def source_link(doc_id: str, page: int = 0, *, absolute: bool = False) -> str:
    """The app's source page for a document, opening a PDF at ``page``.

    Relative for links inside the app; ``absolute`` for the Markdown export: from the
    app's address (``PESKB_APP__BASE_URL``, which includes any path prefix), so its
    links lead back here, through sign-in, wherever the file is opened.
    """
    query = source_query(doc_id, page)
    if absolute:
        return f"{services().settings.app.base_url.rstrip('/')}/source?{query}"
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    path = f"/{base}/source" if base else "/source"
    return f"{path}?{query}"
