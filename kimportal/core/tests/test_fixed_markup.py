"""`{% fixed %}` (kimportal.core.templatetags.fixed_markup): markup rendered once per
language and URL configuration, never holding one request's data."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse
from django.utils import translation

FIXED = (
    "{% load i18n static fixed_markup %}"
    '{% fixed %}<a href="{% url \'home\' %}">{% translate "Beranda" %}</a>'
    "<img src=\"{% static 'img/logo.svg' %}\">{% endfixed %}"
)


def test_renders_its_tags_as_the_template_would():
    plain = Template(FIXED.replace("{% fixed %}", "").replace("{% endfixed %}", ""))
    fixed = Template(FIXED)
    assert fixed.render(Context()) == plain.render(Context())
    assert reverse("home") in fixed.render(Context())


def test_is_rendered_once_per_language_and_kept(monkeypatch):
    template = Template(FIXED)
    template.render(Context())
    calls = []
    node = template.nodelist[-1]
    original = node.nodelist.render
    monkeypatch.setattr(
        node.nodelist, "render", lambda context: calls.append(1) or original(context)
    )
    template.render(Context())
    assert calls == []
    with translation.override("en"):
        template.render(Context())
    assert calls == [1]  # another language is rendered anew


@pytest.mark.parametrize(
    "body",
    [
        "{{ user.username }}",
        "{% translate greeting %}",
        "{% translate 'Beranda' as label %}",
        "{% url 'registry:kim-detail' kim.pk %}",
        "{% url 'home' as home %}",
        "{% static path %}",
        "{% translate 'Beranda'|upper %}",
        "{% if user %}x{% endif %}",
        "{% csrf_token %}",
    ],
)
def test_refuses_a_body_that_reads_the_context(body):
    with pytest.raises(TemplateSyntaxError, match="fixed"):
        Template(
            f"{{% load i18n static fixed_markup %}}{{% fixed %}}{body}{{% endfixed %}}"
        )


def test_a_request_context_does_not_reach_the_body():
    # Rendered against an empty context: even a tag that could read one sees nothing.
    template = Template(FIXED)
    first = template.render(Context({"user": "alice", "csrf_token": "secret"}))
    assert "alice" not in first and "secret" not in first
