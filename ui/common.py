"""What every page shares: the process-wide services, the identity, safe text rendering."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import streamlit as st

from kb.auth import Identity, resolve_identity
from kb.factory import KnowledgeBase, build_knowledge_base
from kb.feedback import FeedbackStore
from kb.service import KnowledgeService
from kb.settings import Settings, load_settings


@dataclass
class Services:
    settings: Settings
    kb: KnowledgeBase
    service: KnowledgeService
    feedback: FeedbackStore


@st.cache_resource(show_spinner="Loading the knowledge base…")
def services() -> Services:
    """Built once per process and shared by all sessions (all of it is thread-safe)."""
    settings = load_settings()
    kb = build_knowledge_base(settings)
    return Services(
        settings,
        kb,
        KnowledgeService(kb),
        FeedbackStore(settings.app.feedback_db, salt=_secret("feedback_salt")),
    )


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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def plain(text: str) -> str:
    """Corpus text for st.markdown: every Markdown character escaped, so it shows as text."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def source_url(path: str, page: int) -> str:
    base = services().settings.app.static_url.strip("/")
    return f"/{base}/{quote(path)}" + (f"#page={page}" if page else "")
