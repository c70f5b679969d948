"""Rows of the role × URL access matrix (tests/test_access.py) for the accounts app's
security pages. Sessions of the matrix have passed the second factor (conftest.py);
kim-demo has no authenticator, so the verify page sends it on to enrolment (R)."""

EXPECTED = {
    #   anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo
    "accounts:mfa-verify": "L 200 200 200 200 200 R",
    "accounts:mfa-setup": "L 200 200 200 200 200 200",
    "accounts:token-list": "L 200 200 200 200 200 200",
    "accounts:token-revoke": "L 405 405 405 405 405 405",
    # Office teams: every officer sees their own office's team; the ministry every
    # office. Changes are POST only.
    "accounts:my-team": "L R R R R R 404",
    "accounts:office-list": "L 200 404 404 404 404 404",
    "accounts:office-team": "L 200 404 200 404 404 404",
    "accounts:member-deactivate": "L 405 405 405 405 405 405",
    "accounts:member-site-admin": "L 405 405 405 405 405 405",
    "accounts:member-step-down": "L 405 405 405 405 405 405",
    "api-team-list": "401 200 200 200 200 200 404",
    "api-team-list (format)": "401 200 200 200 200 200 404",
    "api-team-deactivate": "401 405 405 405 405 405 405",
    "api-team-deactivate (format)": "401 405 405 405 405 405 405",
    "api-team-site-admin": "401 405 405 405 405 405 405",
    "api-team-site-admin (format)": "401 405 405 405 405 405 405",
}


def _kab_malang_office(w):
    from kimportal.accounts.models import Office

    return {"pk": Office.objects.get(kind="regency", region_id="35.07").pk}


def _kab_malang_officer(w):
    from kimportal.accounts.models import User

    return {"pk": User.objects.get(username="kab-malang").pk}


PARAMETERS_BY_NAME = {
    "accounts:token-revoke": lambda w: {"key": "abcdef123456789"},
    "accounts:office-team": _kab_malang_office,
    "accounts:member-deactivate": _kab_malang_officer,
    "accounts:member-site-admin": _kab_malang_officer,
    "accounts:member-step-down": _kab_malang_officer,
    "api-team-deactivate": _kab_malang_officer,
    "api-team-site-admin": _kab_malang_officer,
    "api-team-deactivate (format)": lambda w: {
        **_kab_malang_officer(w),
        "format": "json",
    },
    "api-team-site-admin (format)": lambda w: {
        **_kab_malang_officer(w),
        "format": "json",
    },
}
