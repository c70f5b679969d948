import pytest
from django.urls import reverse

from collaboration.models import Campaign, CampaignFeedback
from monitoring.models import MaterialDelivery

pytestmark = pytest.mark.django_db


def test_office_runs_a_campaign_through_its_pages_and_the_kim_gives_feedback(
    client, kab, kims, kim_user
):
    client.force_login(kab)
    answer = client.post(
        reverse("collaboration:campaign-create"),
        {
            "title": "Cegah DBD",
            "message": "3M Plus",
            "kind": "proactive",
            "target_kim_types": ["A", "B"],
            "target_region_codes": "35.07.01",
            "trial_months": "2",
            "fixed_months": "6",
        },
    )
    campaign = Campaign.objects.get()
    assert answer["Location"] == campaign.get_absolute_url()
    assert campaign.target_region_codes == ["35.07.01"]

    def post(action, data=None, user=kab):
        client.force_login(user)
        return client.post(
            reverse(f"collaboration:campaign-{action}", args=[campaign.pk]), data or {}
        )

    post("open")
    post("feedback", {"body": "Lewat WA RT"}, user=kim_user)
    assert CampaignFeedback.objects.get().body == "Lewat WA RT"
    # Wrong step: refused with a message, nothing changes.
    page = client.get(campaign.get_absolute_url())
    post("launch")
    campaign.refresh_from_db()
    assert campaign.state == "participation"
    post("collaborate")
    post("design", {"angle": "Kisah kader", "material_format": "poster"})
    post("launch", {"url": "https://ayosehat.kemkes.go.id/"})
    campaign.refresh_from_db()
    assert campaign.state == "action"
    # Cempaka lies in another kecamatan: outside the campaign's region.
    assert set(
        MaterialDelivery.objects.filter(material=campaign.material).values_list(
            "kim_id", flat=True
        )
    ) == {kims["a"].pk, kims["b"].pk}
    page = client.get(campaign.get_absolute_url())
    assert "Tetapkan KIM masa tetap" in page.content.decode()
    client.force_login(kim_user)
    assert "Kisah kader" in client.get(campaign.get_absolute_url()).content.decode()


def test_campaign_list_has_constant_queries(
    client, kab, kims, django_assert_max_num_queries
):
    from collaboration import services

    client.force_login(kab)
    data = {"title": "K", "message": "M", "kind": "proactive", "trial_months": 0}
    services.campaign_open(
        actor=kab, campaign=services.campaign_create(actor=kab, data=data)
    )
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("collaboration:campaign-list"))
    for _ in range(5):
        services.campaign_open(
            actor=kab, campaign=services.campaign_create(actor=kab, data=data)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("collaboration:campaign-list"))
    assert len(page.context["page"].object_list) == 6
