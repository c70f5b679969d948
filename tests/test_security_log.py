"""The security log: what is recorded, that it survives a rollback, who reads it."""

from datetime import timedelta

import pytest
from django.db import ProgrammingError, transaction
from django.urls import reverse
from django.utils import timezone

from conftest import DEMO_PASSWORD
from kimportal.security.events import record_security_event
from kimportal.security.models import SecurityEvent, SecurityEventKind
from kimportal.security.tasks import prune_security_events
from registry.tests.factories import KimFactory

pytestmark = pytest.mark.django_db


def kinds():
    return list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True))


def test_failed_and_successful_login_are_recorded(client, demo_users):
    client.post(reverse("login"), {"username": "kab-malang", "password": "salah"})
    client.post(reverse("login"), {"username": "kab-malang", "password": DEMO_PASSWORD})
    failed, succeeded = SecurityEvent.objects.order_by("id")
    assert failed.kind == SecurityEventKind.LOGIN_FAILED
    assert failed.username == "kab-malang" and failed.user_id is None
    assert "salah" not in str(failed.detail)
    assert failed.client_address == "127.0.0.1"
    assert succeeded.kind == SecurityEventKind.LOGIN_SUCCEEDED
    assert succeeded.user_id == demo_users["kab-malang"].pk
    assert succeeded.region_code == "35.07"
    # A later success does not erase the failure (axes resets its own counter only).
    assert SecurityEvent.objects.filter(kind="login_failed").count() == 1


def test_lockout_is_recorded(client, demo_users, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        client.post(reverse("login"), {"username": "kota-malang", "password": "x"})
    assert SecurityEventKind.LOCKOUT in kinds()


def test_export_records_who_which_filter_and_rows(client, demo_users):
    KimFactory.create_batch(3)
    client.force_login(demo_users["kab-malang"])
    url = reverse("registry:kim-export", kwargs={"fmt": "csv"})
    response = client.get(url, {"q": "KIM Uji"})
    b"".join(response.streaming_content)
    (event,) = SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT)
    assert event.user_id == demo_users["kab-malang"].pk
    assert event.detail["export"] == "kim" and event.detail["rows"] == 3
    assert event.detail["filters"] == {"q": ["KIM Uji"]}


def test_denial_and_out_of_scope_object_are_recorded(client, demo_users):
    kim = KimFactory()
    client.force_login(demo_users["kementerian"])
    # The ministry reads a KIM but may not edit it: 403.
    assert client.get(reverse("registry:kim-update", args=[kim.pk])).status_code == 403
    client.force_login(demo_users["kota-malang"])
    assert client.get(reverse("registry:kim-detail", args=[kim.pk])).status_code == 404
    denied, not_found = SecurityEvent.objects.exclude(kind="login_succeeded").order_by(
        "id"
    )
    assert denied.kind == "denied" and denied.username == "kementerian"
    assert denied.detail["url_name"] == "registry:kim-update"
    assert not_found.kind == "not_found" and not_found.username == "kota-malang"
    assert not_found.detail["object"] == {"pk": kim.pk}


def test_a_list_page_404_is_not_an_object_404(client, demo_users):
    client.force_login(demo_users["kl-demo"])
    assert client.get(reverse("registry:kim-list")).status_code == 404
    assert "not_found" not in kinds()


def test_private_download_is_recorded(client, demo_users):
    from registry.models import KimDocument
    from registry.tests.factories import KimDocumentFactory

    document = KimDocumentFactory()
    client.force_login(demo_users["kab-malang"])
    response = client.get(reverse("registry:document-download", args=[document.pk]))
    assert response.status_code == 200
    (event,) = SecurityEvent.objects.filter(kind="download")
    assert event.detail["object"] == {"pk": document.pk}
    assert KimDocument.objects.filter(pk=document.pk).exists()


@pytest.mark.django_db(transaction=True, databases=["default", "security_log"])
def test_event_inside_a_rolled_back_transaction_survives():
    with pytest.raises(RuntimeError), transaction.atomic():
        record_security_event(SecurityEventKind.DENIED, username="penyusup")
        raise RuntimeError("the service refuses and rolls back")
    assert list(SecurityEvent.objects.values_list("username", flat=True)) == [
        "penyusup"
    ]


def test_recording_never_raises_into_the_caller():
    assert record_security_event("no-such-kind") is None


def test_events_cannot_be_changed_or_deleted_except_by_the_retention_task():
    event = record_security_event(SecurityEventKind.LOGIN_FAILED, username="a")
    with pytest.raises(ProgrammingError), transaction.atomic():
        SecurityEvent.objects.filter(pk=event.pk).update(username="b")
    with pytest.raises(ProgrammingError), transaction.atomic():
        SecurityEvent.objects.filter(pk=event.pk).delete()
    old = record_security_event(SecurityEventKind.LOGIN_FAILED, username="old")
    # created_at is set on insert; move it back past the retention period by SQL
    # with the trigger off, as a two-year-old row would be.
    import pgtrigger

    with pgtrigger.ignore("security.SecurityEvent:protect_updates"):
        SecurityEvent.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - timedelta(days=731)
        )
    assert prune_security_events() == 1
    assert list(SecurityEvent.objects.values_list("username", flat=True)) == ["a"]


def test_ministry_reads_all_an_office_reads_its_own(client, demo_users):
    record_security_event("login_failed", user=demo_users["kab-malang"])
    record_security_event("login_failed", user=demo_users["kota-malang"])
    record_security_event("export", user=demo_users["prov-jatim"])
    client.force_login(demo_users["kementerian"])
    body = client.get(reverse("security:event-list")).content.decode()
    assert "kab-malang" in body and "kota-malang" in body
    client.force_login(demo_users["kab-malang"])
    body = client.get(reverse("security:event-list")).content.decode()
    assert "kab-malang" in body and "kota-malang" not in body
    assert "prov-jatim" not in body
    client.force_login(demo_users["prov-jatim"])
    api = client.get(reverse("api-security-event-list"), {"kind": "export"}).json()
    assert [e["username"] for e in api["results"]] == ["prov-jatim"]


def test_an_officer_who_is_not_the_site_admin_reads_no_log(client, demo_users):
    from kimportal.accounts.tests.factories import UserFactory

    record_security_event("login_failed", user=demo_users["kab-malang"])
    colleague = UserFactory(office=demo_users["kab-malang"].office, is_site_admin=False)
    client.force_login(colleague)
    assert client.get(reverse("security:event-list")).status_code == 404
    assert client.get(reverse("api-security-event-list")).status_code == 403


def test_filters_by_kind_user_and_day(client, demo_users):
    record_security_event("login_failed", user=demo_users["kab-malang"])
    record_security_event("export", user=demo_users["kab-malang"])
    record_security_event("denied", user=demo_users["kota-malang"])
    client.force_login(demo_users["kementerian"])
    url = reverse("api-security-event-list")
    assert [
        e["kind"] for e in client.get(url, {"kind": "export"}).json()["results"]
    ] == ["export"]
    by_user = client.get(url, {"username": "kota-malang"}).json()["results"]
    assert [e["kind"] for e in by_user] == ["denied"]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert client.get(url, {"date_from": tomorrow}).json()["results"] == []
    assert client.get(url, {"kind": "nope"}).status_code == 400
    page = client.get(reverse("security:event-list"), {"kind": "denied"})
    assert b"kota-malang" in page.content and b"kab-malang" not in page.content


def test_page_query_count_is_constant(
    client, demo_users, django_assert_max_num_queries
):
    for _ in range(60):
        record_security_event("login_failed", user=demo_users["kab-malang"])
    client.force_login(demo_users["kementerian"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("security:event-list"))
    assert response.context["has_next"] is True
    assert len(response.context["events"]) == 50
