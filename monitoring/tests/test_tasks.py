"""The background check of evidence links, through the core's guarded client."""

import types

import pytest

from kimportal.core.outbound import BlockedURL, OutboundError
from monitoring.models import EvidenceLink
from monitoring.tasks import evidence_links_check

from .factories import make_report

pytestmark = pytest.mark.django_db


def _fake(monkeypatch, behaviour):
    calls = []

    def fake(method, url, **kwargs):
        calls.append((method, url))
        return behaviour(method, url)

    monkeypatch.setattr("monitoring.tasks.guarded_request", fake)
    return calls


def _link(kim, kim_user, url):
    report = make_report(kim=kim, user=kim_user, urls=[url])
    link = report.evidence.get()
    EvidenceLink.objects.filter(pk=link.pk).update(check_status="pending")
    return link


@pytest.mark.parametrize(
    ("behaviour", "expected"),
    [
        (lambda m, u: types.SimpleNamespace(status_code=200), "ok"),
        (lambda m, u: types.SimpleNamespace(status_code=404), "unreachable"),
        (lambda m, u: (_ for _ in ()).throw(BlockedURL("private")), "blocked"),
        (lambda m, u: (_ for _ in ()).throw(OutboundError("timeout")), "unreachable"),
    ],
)
def test_each_result_is_recorded(monkeypatch, kim, kim_user, behaviour, expected):
    link = _link(kim, kim_user, "https://desa.example/berita")
    _fake(monkeypatch, behaviour)
    assert evidence_links_check([link.pk]) == {expected: 1}
    link.refresh_from_db()
    assert link.check_status == expected and link.checked_at is not None


def test_head_refused_falls_back_to_get(monkeypatch, kim, kim_user):
    link = _link(kim, kim_user, "https://desa.example/berita")
    calls = _fake(
        monkeypatch,
        lambda m, u: types.SimpleNamespace(status_code=405 if m == "HEAD" else 200),
    )
    evidence_links_check([link.pk])
    assert [c[0] for c in calls] == ["HEAD", "GET"]
    link.refresh_from_db()
    assert link.check_status == "ok"


def test_checked_links_are_not_checked_again(monkeypatch, kim, kim_user):
    link = _link(kim, kim_user, "https://desa.example/berita")
    calls = _fake(monkeypatch, lambda m, u: types.SimpleNamespace(status_code=200))
    evidence_links_check([link.pk])
    evidence_links_check([link.pk])
    assert len(calls) == 1


def test_a_link_to_an_inward_address_is_blocked_without_connecting(
    kim, kim_user, monkeypatch
):
    # The real guarded client (not the autouse stub), with a name that resolves inward.
    from kimportal.core.testing import outbound_resolver

    monkeypatch.undo()
    link = _link(kim, kim_user, "https://intranet.example/rahasia")
    with outbound_resolver({"intranet.example": ["10.0.0.1"]}) as calls:
        assert evidence_links_check([link.pk]) == {"blocked": 1}
    assert calls == ["intranet.example"]
