import pytest
from django.urls import reverse
from django.utils import timezone

from registry.tests.factories import KAB_MALANG_VILLAGE, VerifiedKimFactory

from ...models import Attendance, Invitation
from ...services.events import event_create
from ...services.invitations import invitation_add_person, invitations_send
from .conftest import event_data, make_kim_user

pytestmark = pytest.mark.django_db


def _post_check_in(client, event, code, **extra):
    return client.post(
        reverse("collaboration:event-check-in", args=[event.pk]),
        {"code": code, **extra},
        HTTP_ACCEPT="application/json",
    )


def test_check_in_endpoint_is_idempotent_for_a_replayed_queue(client, officer, event):
    person = invitation_add_person(
        actor=officer, event=event, name="Budi", role="peserta"
    )
    client.force_login(officer)
    scanned_at = timezone.now().isoformat()
    first = _post_check_in(
        client, event, person.code, scanned_at=scanned_at, queued="1"
    )
    again = _post_check_in(
        client, event, person.code, scanned_at=scanned_at, queued="1"
    )
    assert first.status_code == again.status_code == 200
    assert first.json()["created"] is True and again.json()["created"] is False
    assert "sudah tercatat" in again.json()["message"]
    row = Attendance.objects.get(invitation=person)
    assert row.method == "offline"
    unknown = _post_check_in(client, event, "bukan-kode")
    assert unknown.status_code == 400 and unknown.json()["ok"] is False


def test_other_office_cannot_reach_the_event(client, demo_users, event):
    client.force_login(demo_users["kota-malang"])
    assert (
        client.get(reverse("collaboration:event-detail", args=[event.pk])).status_code
        == 404
    )
    assert _post_check_in(client, event, "x").status_code == 404


def test_event_pages_keep_a_constant_number_of_queries(
    client, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    for n in range(3):
        event = event_create(actor=officer, data=event_data(title=f"Kegiatan {n}"))
    kims = [
        VerifiedKimFactory(name=f"KIM {n}", village_id=KAB_MALANG_VILLAGE)
        for n in range(12)
    ]
    invitations_send(actor=officer, event=event, kim_ids=[k.pk for k in kims])
    for invitation in Invitation.objects.filter(event=event)[:6]:
        client.post(
            reverse("collaboration:event-tick", args=[event.pk]),
            {"invitation": invitation.pk},
        )
    with django_assert_max_num_queries(20):
        assert client.get(reverse("collaboration:event-list")).status_code == 200
    with django_assert_max_num_queries(25):
        response = client.get(reverse("collaboration:event-detail", args=[event.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("KIM ") >= 12


def test_kim_page_shows_its_qr_and_rsvp(client, officer, event, malang_kim):
    invitations_send(actor=officer, event=event, kim_ids=[malang_kim.pk])
    invitation = Invitation.objects.get(kim=malang_kim)
    client.force_login(make_kim_user(malang_kim))
    page = client.get(reverse("collaboration:my-invitation", args=[invitation.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "<svg" in body and invitation.code in body
    response = client.post(
        reverse("collaboration:my-invitation-rsvp", args=[invitation.pk]),
        {"attending": "1"},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.rsvp == "yes"
