import pytest

from collaboration.choices import CampaignPhase, CampaignState
from collaboration.demo import DEMO_CAMPAIGN_TITLE, seed_demo_collaboration
from collaboration.models import Campaign, CampaignFeedback, CapacityNeed
from collaboration.selectors_needs import needs_summary
from conftest import DEMO_PASSWORD
from kimportal.core.contributions import demo_seeders
from registry.demo import seed_demo_registry

pytestmark = pytest.mark.django_db


def test_seeder_runs_after_mapping():
    apps = [seeder.app for seeder in demo_seeders()]
    assert apps.index("collaboration.needs") > apps.index("mapping")


def test_demo_seeds_needs_and_a_campaign_in_its_trial_once(demo_users):
    users = dict(demo_users)
    seed_demo_registry(users=users, password=DEMO_PASSWORD)
    summary = seed_demo_collaboration(users=users)
    assert "kampanye" in summary
    kab = users["kab-malang"]
    filings = CapacityNeed.objects.filter(is_latest=True)
    assert filings.count() >= 1
    assert all(
        code.startswith("35.07")
        for code in filings.values_list("village_id", flat=True)
    )
    assert any(row["needing"] for row in needs_summary(user=kab)["skills"])
    campaign = Campaign.objects.get(title=DEMO_CAMPAIGN_TITLE)
    assert campaign.state == CampaignState.ACTION
    assert campaign.phase == CampaignPhase.TRIAL and campaign.trial_months == 2
    assert campaign.material is not None and campaign.participants.exists()
    assert CampaignFeedback.objects.filter(campaign=campaign).exists()
    assert "sudah ada" in seed_demo_collaboration(users=users)
    assert Campaign.objects.count() == 1
