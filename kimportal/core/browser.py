"""Playwright in Debian's headless Chromium, for the browser tests of every app.

Chromium is the machine's (`/usr/bin/chromium`, installed by `.ci/run`); Playwright never
downloads a browser. The flags keep Chromium off the network: this machine has none, and
background connections would only fail slowly.
"""

import os
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_VIEWPORT = {"width": 360, "height": 740}
AXE_SCRIPT = (
    Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
)


def serious_axe_violations(page) -> list[dict]:
    """Run axe-core in the page; return the violations of impact serious or critical."""
    # Evaluated through the DevTools protocol: an injected <script> tag would be inline
    # script, which the portal's Content-Security-Policy (rightly) refuses.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_fits_phone_and_accessible(page) -> None:
    """The page is no wider than the phone viewport and axe finds nothing serious."""
    limit = PHONE_VIEWPORT["width"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= limit, f"{page.url} is {width}px wide on a {limit}px screen"
    assert serious_axe_violations(page) == [], page.url


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in through the login form and, for an account with a second factor, type
    the current code of its authenticator (or enrol one first, as a new staff member
    would), as a person with the phone in hand does."""
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/mfa/setup/" in page.url:
        secret = page.inner_text("#mfa-secret").strip()
        page.fill("#id_code", _code_for_secret(secret))
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        page.click("text=Lanjut")
        page.wait_for_load_state()
    elif "/accounts/mfa/verify/" in page.url:
        from conftest import totp_now

        page.fill("#id_code", totp_now(username))
        page.click("main form button[type=submit]")
        page.wait_for_load_state()


def _code_for_secret(secret: str) -> str:
    import base64

    from django_otp.oath import TOTP

    return f"{TOTP(base64.b32decode(secret)).token():06d}"
