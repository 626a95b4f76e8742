from kb.app.auth import CURATOR, STAFF, resolve_identity
from kb.core.settings import AppSettings


def test_local_mode_everyone_is_staff_by_default():
    who = resolve_identity(AppSettings(), None, None)
    assert who.role == STAFF and who.email is None and not who.signed_in


def test_local_mode_curator_from_secrets_file():
    local = {"user": "Sec@Example.org", "curators": ["sec@example.org"]}
    assert resolve_identity(AppSettings(), None, local).role == CURATOR
    assert (
        resolve_identity(
            AppSettings(), None, {"user": "x@example.org", "curators": ["sec@example.org"]}
        ).role
        == STAFF
    )


def test_oidc_mode_requires_sign_in_and_uses_curator_list_or_claim():
    settings = AppSettings(auth_mode="oidc", curators=["cur@pes.example"])
    assert not resolve_identity(settings, {"is_logged_in": False}).signed_in
    staff = resolve_identity(settings, {"is_logged_in": True, "email": "a@pes.example"})
    assert staff.signed_in and staff.role == STAFF
    cur = resolve_identity(settings, {"is_logged_in": True, "email": "CUR@pes.example"})
    assert cur.role == CURATOR
    by_claim = AppSettings(auth_mode="oidc", curator_claim="groups")
    user = {"is_logged_in": True, "email": "b@pes.example", "groups": ["staff", "pes-curators"]}
    assert resolve_identity(by_claim, user).role == CURATOR
    assert resolve_identity(by_claim, {**user, "groups": ["staff"]}).role == STAFF


def test_unverified_email_is_never_a_curator():
    settings = AppSettings(auth_mode="oidc", curators=["cur@pes.example"])
    user = {"is_logged_in": True, "email": "cur@pes.example", "email_verified": False}
    assert resolve_identity(settings, user).role == STAFF


def test_local_secrets_cannot_make_an_oidc_user_a_curator_without_listing():
    settings = AppSettings(auth_mode="oidc")
    user = {"is_logged_in": True, "email": "a@pes.example"}
    assert resolve_identity(settings, user, {"user": "a@pes.example"}).role == STAFF
