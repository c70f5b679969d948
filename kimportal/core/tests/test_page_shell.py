"""The page shell's fixed markup (templatetags/page_shell) is the markup base.html held
as template tags before, byte for byte, for a visitor and a signed-in user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.utils.safestring import mark_safe

from kimportal.core.templatetags.page_shell import page_head

# base.html's head and header as they were written in the template language.
TEMPLATE_HEAD = """{% load static i18n %}  <meta name="description" content="BerMiTRA — Bersama Masyarakat Indonesia, Tingkatkan Reputasi Bangsa. Portal kemitraan Dinas Kominfo dengan Komunitas Informasi Masyarakat.">
  <link rel="stylesheet" href="{% static 'css/app.css' %}">
  <link rel="icon" href="{% static 'img/logo.svg' %}" type="image/svg+xml">
  {# htmx may not eval (CSP: no 'unsafe-eval') nor inject its indicator <style>. #}
  <meta name="htmx-config" content='{"allowEval": false, "includeIndicatorStyles": false}'>
  <script src="{% static 'vendor/htmx.min.js' %}" defer></script>
  <script src="{% static 'core/region-picker.js' %}" defer></script>
  <script src="{% static 'core/autosubmit.js' %}" defer></script>"""
TEMPLATE_HEADER = """{% load static i18n %}  <a class="skip" href="#main">{% translate "Lewati ke isi" %}</a>
  <header class="top">
    <a class="brand" href="{% url 'home' %}">
      <img src="{% static 'img/logo.svg' %}" alt="" width="28" height="28">
      <span><strong>BerMiTRA</strong> <small>KIM Portal</small></span>
    </a>
    {% if user.is_authenticated %}
    <details class="menu">
      <summary>{% translate "Menu" %}</summary>
      <nav aria-label="{% translate 'Navigasi utama' %}">
        <ul>
          {{ nav_html }}
          <li><a href="{% url 'accounts:password-change' %}">{% translate "Ubah kata sandi" %}</a></li>
          <li>
            <form method="post" action="{% url 'logout' %}">{% csrf_token %}
              <button type="submit" class="link">{% translate "Keluar" %} ({{ user.username }})</button>
            </form>
          </li>
        </ul>
      </nav>
    </details>
    {% endif %}
  </header>"""


def _render(source: str, context: dict) -> str:
    return engines["django"].from_string(source).render(context)


def test_head_is_the_template_markup():
    assert page_head() == _render(TEMPLATE_HEAD, {})


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_header_is_the_template_markup(demo_users, signed_in):
    user = demo_users["kab-malang"] if signed_in else AnonymousUser()
    user.username = "o'neil & <co>" if signed_in else user.username
    context = {
        "user": user,
        "nav_html": mark_safe('<li><a href="/x/?a=1&amp;b=2">X</a></li>'),
        "csrf_token": "token<&>",
    }
    expected = _render(TEMPLATE_HEADER, context)
    assert ("Keluar" in expected) is signed_in
    assert (
        engines["django"]
        .from_string("{% load page_shell %}{% page_header %}")
        .render(context)
        == expected
    )


@pytest.mark.django_db
def test_header_without_a_csrf_token_or_menu(demo_users):
    context = {"user": demo_users["kementerian"]}
    assert engines["django"].from_string(
        "{% load page_shell %}{% page_header %}"
    ).render(context) == _render(TEMPLATE_HEADER, context)


@pytest.mark.django_db
def test_pages_speak_indonesian_whatever_language_the_browser_asks_for(client):
    # One language: nothing to choose from the request, nothing to vary on.
    for asked in ("en-US,en;q=0.9", "id", ""):
        response = client.get("/login/", HTTP_ACCEPT_LANGUAGE=asked)
        assert response.status_code == 200
        assert "Kata sandi" in response.text, asked
        assert response["Content-Language"] == "id"
        assert "Accept-Language" not in response.get("Vary", "")


def test_the_one_language_is_active_while_a_request_is_served(rf, settings):
    from django.http import HttpResponse
    from django.utils.translation import deactivate, get_language

    from kimportal.core.language import OneLanguageMiddleware

    # Another language than LANGUAGE_CODE (the one Django falls back to), to tell an
    # activated language from no language at all.
    settings.LANGUAGES = [("en", "English")]
    seen = []
    deactivate()
    OneLanguageMiddleware(
        lambda request: seen.append(get_language()) or HttpResponse()
    )(rf.get("/"))
    deactivate()
    assert seen == ["en"]


def test_a_second_language_needs_the_locale_middleware(settings):
    from django.core.exceptions import ImproperlyConfigured

    from kimportal.core.language import OneLanguageMiddleware

    settings.LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
    with pytest.raises(ImproperlyConfigured):
        OneLanguageMiddleware(lambda request: None)
