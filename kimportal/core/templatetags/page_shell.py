"""The page shell's fixed markup (`templates/base.html`), written as strings.

Every page renders the same head (stylesheet, icon, scripts) and the same header (brand,
menu links, sign-out form); through the template language their `{% static %}`,
`{% url %}` and `{% translate %}` tags were about half of the shell's time on every
request (perf, issue #6 item 12). The markup is joined once per language, URL
configuration, script prefix and static URL, kept per process; a request only adds what
is its own (the menu of its role, its CSRF token, the user's name). The HTML is the
template's, byte for byte.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.templatetags.static import static
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kimportal.core.urls_cache import markup_key, reverse_cached

register = template.Library()

_pieces: dict[tuple, dict[str, str]] = {}
_CSRF_INPUT = CsrfTokenNode()


def _shell() -> dict[str, str]:
    key = markup_key()
    pieces = _pieces.get(key)
    if pieces is None:
        pieces = _build()
        _pieces[key] = pieces
    return pieces


def _build() -> dict[str, str]:
    def url(name: str) -> str:
        return escape(reverse_cached(name))

    def asset(path: str) -> str:
        return escape(static(path))

    def text(message: str) -> str:
        return escape(_(message))

    head = (
        '  <meta name="description" content="BerMiTRA — Bersama Masyarakat Indonesia, '
        "Tingkatkan Reputasi Bangsa. Portal kemitraan Dinas Kominfo dengan Komunitas "
        'Informasi Masyarakat.">\n'
        f'  <link rel="stylesheet" href="{asset("css/app.css")}">\n'
        f'  <link rel="icon" href="{asset("img/logo.svg")}" type="image/svg+xml">\n'
        # htmx may not eval (CSP: no 'unsafe-eval') nor inject its indicator <style>.
        "  \n"
        '  <meta name="htmx-config" content=\'{"allowEval": false, '
        '"includeIndicatorStyles": false}\'>\n'
        f'  <script src="{asset("vendor/htmx.min.js")}" defer></script>\n'
        f'  <script src="{asset("core/region-picker.js")}" defer></script>\n'
        f'  <script src="{asset("core/autosubmit.js")}" defer></script>'
    )
    brand = (
        f'  <a class="skip" href="#main">{text("Lewati ke isi")}</a>\n'
        '  <header class="top">\n'
        f'    <a class="brand" href="{url("home")}">\n'
        f'      <img src="{asset("img/logo.svg")}" alt="" width="28" height="28">\n'
        "      <span><strong>BerMiTRA</strong> <small>KIM Portal</small></span>\n"
        "    </a>\n"
        "    "
    )
    menu_start = (
        "\n"
        '    <details class="menu">\n'
        f"      <summary>{text('Menu')}</summary>\n"
        f'      <nav aria-label="{text("Navigasi utama")}">\n'
        "        <ul>\n"
        "          "
    )
    menu_account = (
        "\n"
        f'          <li><a href="{url("accounts:password-change")}">'
        f"{text('Ubah kata sandi')}</a></li>\n"
        "          <li>\n"
        f'            <form method="post" action="{url("logout")}">'
    )
    menu_sign_out = (
        f'\n              <button type="submit" class="link">{text("Keluar")} ('
    )
    menu_end = (
        ")</button>\n"
        "            </form>\n"
        "          </li>\n"
        "        </ul>\n"
        "      </nav>\n"
        "    </details>\n"
        "    "
    )
    return {
        "head": head,
        "brand": brand,
        "menu_start": menu_start,
        "menu_account": menu_account,
        "menu_sign_out": menu_sign_out,
        "menu_end": menu_end,
        "end": "\n  </header>",
    }


@register.simple_tag
def page_head() -> SafeString:
    """The head's description, stylesheet, icon and scripts."""
    return mark_safe(_shell()["head"])  # noqa: S308 — URLs and texts escaped in _build


@register.simple_tag(takes_context=True)
def page_header(context) -> SafeString:
    """The skip link and the header: the brand, and for a signed-in user the menu (the
    entries of their role, `nav_html`), the password link and the sign-out form."""
    pieces = _shell()
    parts = [pieces["brand"]]
    user = context.get("user")
    if user is not None and user.is_authenticated:
        parts += [
            pieces["menu_start"],
            conditional_escape(context.get("nav_html", "")),
            pieces["menu_account"],
            _CSRF_INPUT.render(context),
            pieces["menu_sign_out"],
            conditional_escape(user.username),
            pieces["menu_end"],
        ]
    parts.append(pieces["end"])
    return mark_safe("".join(parts))  # noqa: S308 — every part escaped
