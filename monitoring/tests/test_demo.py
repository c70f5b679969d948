"""The demo seeder fills every state through the services, once."""

import pytest

from monitoring.demo import seed_demo_monitoring
from monitoring.models import (
    DisseminationReport,
    EvidenceLink,
    LinkClickDaily,
    Material,
)
from registry.demo import seed_demo_registry

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_clicks_and_checked_links(demo_users):
    users = dict(demo_users)
    seed_demo_registry(users=users, password="demo-pass-123")
    summary = seed_demo_monitoring(users=users, password="demo-pass-123")
    assert "laporan" in summary
    assert Material.objects.filter(is_narasi_tunggal=True).count() == 1
    assert set(Material.objects.values_list("level", flat=True)) == {
        "ministry",
        "province",
        "regency",
    }
    states = set(DisseminationReport.objects.values_list("state", flat=True))
    assert states == {"draft", "submitted", "validated", "returned"}
    assert 190 <= DisseminationReport.objects.filter(version=1).count() <= 210
    assert DisseminationReport.objects.filter(superseded_at__isnull=False).exists()
    assert DisseminationReport.objects.filter(created_by__username="kim-demo").exists()
    checks = set(EvidenceLink.objects.values_list("check_status", flat=True))
    assert {"ok", "blocked", "unreachable"} <= checks
    assert LinkClickDaily.objects.exists()
    # Seeding again adds nothing.
    before = DisseminationReport.objects.count()
    seed_demo_monitoring(users=users, password="demo-pass-123")
    assert DisseminationReport.objects.count() == before
