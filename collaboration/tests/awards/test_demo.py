"""The awards demo: a published award period of Kabupaten Malang computed from the
monitoring demo, with one adjustment and certificates; a nomination selected by the
province and one waiting for it."""

import pytest

from collaboration.demo_awards import AWARD_TITLE, COMPETITION_TITLE, seed_demo_awards
from collaboration.models import (
    AwardAdjustment,
    AwardCertificate,
    AwardPeriod,
    Nomination,
)
from conftest import DEMO_PASSWORD
from kimportal.core.contributions import demo_seeders
from monitoring.demo import seed_demo_monitoring
from registry.demo import seed_demo_registry

pytestmark = pytest.mark.django_db


def test_seeder_runs_after_monitoring():
    apps = [seeder.app for seeder in demo_seeders()]
    assert apps.index("collaboration.awards") > apps.index("monitoring")


def test_demo_awards_and_nominations_once(demo_users):
    users = dict(demo_users)
    seed_demo_registry(users=users, password=DEMO_PASSWORD)
    seed_demo_monitoring(users=users, password=DEMO_PASSWORD)
    summary = seed_demo_awards(users=users)
    period = AwardPeriod.objects.get(title=AWARD_TITLE)
    assert period.state == "published", summary
    assert period.entries.count() >= 4
    assert AwardAdjustment.objects.filter(entry__period=period).count() == 1
    assert AwardCertificate.objects.filter(grant__period=period).count() == 3
    nominations = Nomination.objects.filter(competition__title=COMPETITION_TITLE)
    assert sorted(nominations.values_list("state", flat=True)) == [
        "nominated",
        "selected",
    ]
    assert all(n.regency_id == "35.07" for n in nominations)
    assert "sudah ada" in seed_demo_awards(users=users)
    assert AwardPeriod.objects.count() == 1
