"""Who is asking and what they may do. Pure functions; the Streamlit shell supplies the user."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kb.core.settings import AppSettings

STAFF = "staff"
CURATOR = "curator"


@dataclass(frozen=True)
class Identity:
    email: str | None
    name: str | None
    role: str  # STAFF or CURATOR
    signed_in: bool

    @property
    def is_curator(self) -> bool:
        return self.role == CURATOR


def _is_curator(
    email: str | None, claims: Mapping[str, Any], settings: AppSettings, extra_curators: list[str]
) -> bool:
    curators = {c.strip().lower() for c in [*settings.curators, *extra_curators] if c.strip()}
    if email and email.strip().lower() in curators:
        return True
    if settings.curator_claim:
        value = claims.get(settings.curator_claim)
        values = value if isinstance(value, list | tuple | set) else [value]
        return settings.curator_claim_value in {str(v) for v in values if v is not None}
    return False


def resolve_identity(
    settings: AppSettings, user: Mapping[str, Any] | None, local: Mapping[str, Any] | None = None
) -> Identity:
    """The identity and role for a request.

    ``user`` is what ``st.user`` holds in OIDC mode; ``local`` is the ``[local]``
    table of the secrets file in local mode (``user`` and ``curators`` keys).
    Without a signed-in or configured user everybody is staff: curation is never
    reachable by default.
    """
    local = local or {}
    extra = [str(c) for c in local.get("curators", [])]
    if settings.auth_mode == "oidc":
        if not user or not user.get("is_logged_in"):
            return Identity(None, None, STAFF, False)
        email = user.get("email")
        # An address the provider says is unverified never grants curator rights.
        trusted = None if user.get("email_verified") is False else email
        role = CURATOR if _is_curator(trusted, user, settings, extra) else STAFF
        return Identity(email, user.get("name"), role, True)
    email = local.get("user")
    role = CURATOR if email and _is_curator(str(email), {}, settings, extra) else STAFF
    return Identity(str(email) if email else None, None, role, False)
