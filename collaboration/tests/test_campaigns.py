import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collaboration import services
from collaboration.choices import CampaignPhase, CampaignState
from collaboration.models import Campaign, CampaignKim
from collaboration.selectors_campaigns import campaign_list, home_panel_kim
from kimportal.core.errors import TransitionError
from mapping.choices import Approach
from mapping.services import public_issue_create
from monitoring.models import MaterialDelivery

from .factories import assessed

pytestmark = pytest.mark.django_db


def plan(**overrides):
    data = {
        "title": "Cegah DBD",
        "message": "Menguras, menutup, mendaur ulang.",
        "kind": "proactive",
        "target_kim_types": ["A", "B"],
        "trial_months": 2,
        "fixed_months": 6,
    }
    data.update(overrides)
    return data


def delivered(material):
    return set(
        MaterialDelivery.objects.filter(material=material).values_list(
            "kim_id", flat=True
        )
    )


def test_full_lifecycle_hands_material_to_exactly_the_campaigns_kim(
    kab, kims, kim_user
):
    assessed(kims["a"], Approach.DEVELOP)
    assessed(kims["b"], Approach.PARTNER)
    campaign = services.campaign_create(
        actor=kab, data=plan(target_quadrants=[Approach.DEVELOP, Approach.PARTNER])
    )
    assert campaign.state == CampaignState.DRAFT and campaign.region_id == "35.07"
    assert services.campaign_open(actor=kab, campaign=campaign) == 2
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.PARTICIPATION
    assert campaign.phase == CampaignPhase.TRIAL
    # The KIM gives feedback on the plan from its account.
    feedback = services.campaign_feedback_add(
        actor=kim_user, campaign=campaign, data={"body": "Lewat grup WA RT saja."}
    )
    assert feedback.kim_id == kims["a"].pk and feedback.stage == "participation"
    services.campaign_start_collaboration(actor=kab, campaign=campaign)
    proposal = services.campaign_feedback_add(
        actor=kim_user,
        campaign=campaign,
        data={"body": "Usul video", "angle": "Kisah kader", "material_format": "video"},
    )
    assert proposal.stage == "collaboration" and proposal.angle == "Kisah kader"
    with pytest.raises(TransitionError):
        services.campaign_launch(actor=kab, campaign=campaign)  # not designed yet
    services.campaign_design(
        actor=kab,
        campaign=campaign,
        data={"angle": "Kisah kader jumantik", "material_format": "video"},
    )
    reached = services.campaign_launch(
        actor=kab, campaign=campaign, data={"url": "https://ayosehat.kemkes.go.id/"}
    )
    campaign.refresh_from_db()
    assert reached == 2
    assert campaign.state == CampaignState.ACTION
    # Kab. Malang's third KIM (Cempaka, unassessed) matches the material's own
    # targets but is not among the campaign's KIM: it receives nothing.
    assert delivered(campaign.material) == {kims["a"].pk, kims["b"].pk}
    assert campaign.material.state == "published"
    assert campaign.trial_ends_on == campaign.action_started_on + datetime.timedelta(
        days=(campaign.trial_ends_on - campaign.action_started_on).days
    )
    assert campaign.trial_ends_on.month != campaign.action_started_on.month


def test_fixed_period_is_chosen_from_the_trial_after_it_ends(kab, kims):
    campaign = services.campaign_create(actor=kab, data=plan())
    services.campaign_open(actor=kab, campaign=campaign)
    services.campaign_start_collaboration(actor=kab, campaign=campaign)
    services.campaign_design(
        actor=kab, campaign=campaign, data={"angle": "x", "material_format": "text"}
    )
    services.campaign_launch(actor=kab, campaign=campaign)
    campaign.refresh_from_db()
    with pytest.raises(TransitionError):  # the trial is still running
        services.campaign_fix_period(
            actor=kab, campaign=campaign, kim_ids=[kims["a"].pk]
        )
    Campaign.objects.filter(pk=campaign.pk).update(
        trial_ends_on=datetime.date(2020, 1, 31)
    )
    campaign.refresh_from_db()
    with pytest.raises(ValidationError):  # Kota Malang's KIM was never in the trial
        services.campaign_fix_period(
            actor=kab, campaign=campaign, kim_ids=[kims["kota"].pk]
        )
    services.campaign_fix_period(
        actor=kab, campaign=campaign, kim_ids=[kims["a"].pk, kims["c"].pk]
    )
    campaign.refresh_from_db()
    assert campaign.phase == CampaignPhase.FIXED
    assert campaign.ends_on == datetime.date(2020, 7, 31)
    fixed = CampaignKim.objects.filter(campaign=campaign, phase="fixed")
    assert set(fixed.values_list("kim_id", flat=True)) == {kims["a"].pk, kims["c"].pk}
    # The trial list stays as it was.
    assert CampaignKim.objects.filter(campaign=campaign, phase="trial").count() == 3
    with pytest.raises(TransitionError):  # only once
        services.campaign_fix_period(
            actor=kab, campaign=campaign, kim_ids=[kims["a"].pk]
        )
    services.campaign_close(actor=kab, campaign=campaign)
    with pytest.raises(TransitionError):
        services.campaign_cancel(actor=kab, campaign=campaign)


def test_type_b_only_campaign_needs_a_trial_and_gets_two_months_by_default(kab):
    campaign = services.campaign_create(
        actor=kab, data=plan(target_kim_types=["B"], trial_months=None)
    )
    assert campaign.trial_months == 2
    with pytest.raises(ValidationError) as error:
        services.campaign_create(
            actor=kab, data=plan(target_kim_types=["B"], trial_months=0)
        )
    assert "trial_months" in error.value.message_dict


def test_responsive_campaign_answers_a_public_issue_in_scope(kab, demo_users):
    with pytest.raises(ValidationError) as error:
        services.campaign_create(actor=kab, data=plan(kind="responsive"))
    assert "public_issue" in error.value.message_dict
    issue = public_issue_create(
        actor=kab, data={"title": "Isu DBD", "field": "kesehatan"}, kim_ids=[]
    )
    campaign = services.campaign_create(
        actor=kab, data=plan(kind="responsive", public_issue=issue.pk)
    )
    assert campaign.public_issue == issue
    # Another kab/kota's issue is not found from here.
    with pytest.raises(ValidationError):
        services.campaign_create(
            actor=demo_users["kota-malang"],
            data=plan(kind="responsive", public_issue=issue.pk),
        )


def test_wrong_actors_and_states_are_refused(kab, kims, kim_user, demo_users):
    campaign = services.campaign_create(actor=kab, data=plan())
    for user in (kim_user, demo_users["kl-demo"]):
        with pytest.raises(PermissionDenied):
            services.campaign_create(actor=user, data=plan())
    with pytest.raises(PermissionDenied):  # another office
        services.campaign_open(actor=demo_users["kota-malang"], campaign=campaign)
    with pytest.raises(PermissionDenied):  # not yet involved
        services.campaign_feedback_add(
            actor=kim_user, campaign=campaign, data={"body": "x"}
        )
    with pytest.raises(TransitionError):
        services.campaign_start_collaboration(actor=kab, campaign=campaign)
    with pytest.raises(ValidationError):
        services.campaign_create(actor=kab, data=plan(target_region_codes=["35.73"]))


def test_open_refuses_a_campaign_that_targets_nobody(kab, kims):
    campaign = services.campaign_create(
        actor=kab, data=plan(target_need_skills=["video"])
    )
    with pytest.raises(ValidationError):
        services.campaign_open(actor=kab, campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT


def test_kim_sees_only_campaigns_it_takes_part_in_once_and_on_its_home(
    kab, kims, kim_user, demo_users
):
    mine = services.campaign_create(actor=kab, data=plan())
    services.campaign_open(actor=kab, campaign=mine)
    services.campaign_create(actor=kab, data=plan(title="Belum dibuka"))
    assert [c.title for c in campaign_list(user=kim_user)] == ["Cegah DBD"]
    assert list(campaign_list(user=demo_users["kota-malang"])) == []
    assert campaign_list(user=kab).count() == 2
    panel = home_panel_kim(user=kim_user)
    assert [c.pk for c in panel["open_campaigns"]] == [mine.pk]
    assert panel["open_campaigns"][0].kim_count == 3
    assert panel["needs_due"] is True
