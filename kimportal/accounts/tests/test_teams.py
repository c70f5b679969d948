"""Office teams and rotation (issue 7): invite, hand over, deactivate; the office keeps
at least one active site admin; deactivation ends sessions and tokens at once."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from kimportal.accounts.models import User, UserEvent
from kimportal.accounts.teams import (
    officer_deactivate,
    officer_invite,
    site_admin_grant,
    site_admin_step_down,
)
from kimportal.core.errors import TransitionError


@pytest.fixture
def admin(demo_users):
    return demo_users["kab-malang"]


def invite(admin, email="budi@malangkab.go.id", name="Budi Santoso"):
    return officer_invite(
        invited_by=admin, office=admin.office, email=email, full_name=name
    )


def test_site_admin_invites_a_colleague_of_the_same_office_and_scope(
    admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        colleague = invite(admin)

    assert (colleague.office, colleague.role) == (admin.office, admin.role)
    assert colleague.scope_code == admin.scope_code == "35.07"
    assert colleague.is_active and not colleague.is_site_admin
    [message] = mailoutbox
    assert message.to == ["budi@malangkab.go.id"]
    assert "/accounts/password/reset/" in message.body
    assert UserEvent.objects.filter(
        pgh_obj=colleague, pgh_context__metadata__user=admin.pk
    ).exists()


def test_another_office_cannot_manage_this_team(admin, demo_users):
    colleague = invite(admin)
    with pytest.raises(PermissionDenied):
        officer_deactivate(user=colleague, by=demo_users["kota-malang"])
    with pytest.raises(PermissionDenied):
        officer_invite(
            invited_by=demo_users["kota-malang"],
            office=admin.office,
            email="x@example.go.id",
            full_name="X",
        )


def test_the_last_site_admin_cannot_leave_without_a_successor(admin, demo_users):
    colleague = invite(admin)
    ministry = demo_users["kementerian"]
    with pytest.raises(TransitionError):
        officer_deactivate(user=admin, by=ministry)
    with pytest.raises(TransitionError):
        site_admin_step_down(user=admin, by=admin)

    colleague = site_admin_grant(user=colleague, by=admin)  # the hand-over
    officer_deactivate(user=admin, by=colleague)

    admin.refresh_from_db()
    assert not admin.is_active
    assert list(
        User.objects.filter(office=admin.office, is_active=True, is_site_admin=True)
    ) == [colleague]


def test_deactivation_ends_sessions_and_tokens_at_once(admin, demo_users):
    colleague = invite(admin)
    session = Client()
    session.force_login(colleague)
    _instance, token = AuthToken.objects.create(user=colleague)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/kim/").status_code == 200

    officer_deactivate(user=colleague, by=admin)

    assert session.get(reverse("home")).status_code == 302
    assert api.get("/api/v1/kim/").status_code == 401
    assert not AuthToken.objects.filter(user=colleague).exists()


def test_team_page_invites_and_deactivates(client, admin, demo_users):
    client.force_login(admin)
    page = client.get(reverse("accounts:my-team"), follow=True)
    assert "Undang rekan" in page.content.decode()

    response = client.post(
        reverse("accounts:office-team", args=[admin.office_id]),
        {"full_name": "Sari Dewi", "email": "sari@malangkab.go.id"},
    )
    assert response.status_code == 302
    colleague = User.objects.get(email="sari@malangkab.go.id")
    client.post(reverse("accounts:member-deactivate", args=[colleague.pk]))
    colleague.refresh_from_db()
    assert not colleague.is_active

    refused = client.post(reverse("accounts:member-deactivate", args=[admin.pk]))
    admin.refresh_from_db()
    assert admin.is_active
    assert refused.status_code in (302, 403)


def test_an_officer_who_is_not_site_admin_only_reads_the_team(client, admin):
    colleague = invite(admin)
    client.force_login(colleague)

    page = client.get(reverse("accounts:office-team", args=[admin.office_id]))
    assert page.status_code == 200
    assert "Undang rekan" not in page.content.decode()
    response = client.post(reverse("accounts:member-deactivate", args=[admin.pk]))
    assert response.status_code == 403


def test_ministry_sees_every_office_with_active_people_and_last_login(
    client, demo_users, django_assert_max_num_queries
):
    client.force_login(demo_users["kementerian"])
    with django_assert_max_num_queries(8):
        page = client.get(reverse("accounts:office-list")).content.decode()
    assert "Dinas Kominfo Kabupaten Malang" in page
    assert "Dinas Kominfo Kota Malang" in page

    colleague = invite(demo_users["kab-malang"])
    response = client.post(reverse("accounts:member-deactivate", args=[colleague.pk]))
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_active


def test_team_api_lists_invites_and_deactivates(admin, demo_users):
    api = APIClient()
    api.force_authenticate(admin)

    listed = api.get("/api/v1/team/").json()
    assert "kab-malang" in [row["username"] for row in listed["results"]]
    created = api.post(
        "/api/v1/team/",
        {"full_name": "Rina", "email": "rina@malangkab.go.id"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert api.post(f"/api/v1/team/{pk}/deactivate/").json()["is_active"] is False
    ministry = APIClient()
    ministry.force_authenticate(demo_users["kementerian"])
    last_admin = ministry.post(f"/api/v1/team/{admin.pk}/deactivate/")
    assert last_admin.status_code == 409
    assert "admin situs terakhir" in last_admin.json()["detail"]

    other = APIClient()
    other.force_authenticate(demo_users["kota-malang"])
    assert other.post(f"/api/v1/team/{admin.pk}/deactivate/").status_code == 404
