"""Pages: the KIM's home button and form, the queue and its scope, bulk validation."""

import pytest
from django.test import Client
from django.urls import reverse

from monitoring import services
from monitoring.models import DisseminationReport

from .factories import make_report, material_data

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_kim_home_has_the_report_button_and_new_material(kim, kim_user, kab):
    material = services.material_create(created_by=kab, data=material_data())
    services.material_publish(material=material, published_by=kab)
    html = _client(kim_user).get("/").content.decode()
    assert "Laporkan diseminasi" in html
    assert reverse("monitoring:report-create") in html
    assert material.title in html
    assert "https://wa.me/?text=" in html
    assert "/l/" in html  # the share text carries the tracked link
    # The primary button comes before the registry's status card.
    assert html.index("Laporkan diseminasi") < html.index("kim-status-title")


def test_kim_reports_through_the_form(kim, kim_user):
    client = _client(kim_user)
    form = client.get(reverse("monitoring:report-create"))
    key = form.context["form"]["idempotency_key"].value()
    data = {
        "evidence_url": "https://youtu.be/dQw4w9WgXcQ",
        "action_kind": "social_post",
        "medium": "social",
        "format": "video",
        "activity_date": form.context["form"]["activity_date"].value().isoformat(),
        "activity_count": "1",
        "idempotency_key": key,
        "action": "submit",
    }
    first = client.post(reverse("monitoring:report-create"), data)
    again = client.post(reverse("monitoring:report-create"), data)  # a retry
    report = DisseminationReport.objects.get()
    assert (
        first["Location"]
        == again["Location"]
        == reverse("monitoring:report-detail", args=[report.pk])
    )
    assert report.state == "submitted" and report.evidence.get().url.startswith(
        "https://youtu.be/"
    )


def test_form_shows_service_errors_in_indonesian(kim_user):
    response = _client(kim_user).post(
        reverse("monitoring:report-create"),
        {
            "evidence_url": "javascript:alert(1)",
            "action_kind": "social_post",
            "medium": "social",
            "format": "video",
            "activity_date": "2099-01-01",
            "activity_count": "1",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "evidence_url" in errors and "activity_date" in errors


def test_queue_scope_kab_vs_kota(kim, kim_user, kota_pair, kab, kota):
    mine = make_report(kim=kim, user=kim_user)
    other_kim, other_user = kota_pair
    theirs = make_report(kim=other_kim, user=other_user)
    page = _client(kab).get(reverse("monitoring:report-list"))
    assert list(page.context["page"].object_list) == [mine]
    assert (
        _client(kota)
        .get(reverse("monitoring:report-detail", args=[mine.pk]))
        .status_code
        == 404
    )
    assert (
        _client(kota)
        .post(reverse("monitoring:report-validate", args=[mine.pk]))
        .status_code
        == 404
    )
    response = _client(kota).post(
        reverse("monitoring:reports-validate"), {"report": [mine.pk, theirs.pk]}
    )
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.state == "submitted"


def test_kab_validates_in_bulk_and_returns_with_reason(kim, kim_user, kab):
    reports = [make_report(kim=kim, user=kim_user) for _ in range(3)]
    client = _client(kab)
    response = client.post(
        reverse("monitoring:reports-validate"),
        {"report": [r.pk for r in reports[:2]]},
    )
    assert response.status_code == 302
    assert DisseminationReport.objects.filter(state="validated").count() == 2
    client.post(
        reverse("monitoring:report-return", args=[reports[2].pk]),
        {"reason": "Tautan tidak dapat dibuka"},
    )
    reports[2].refresh_from_db()
    assert reports[2].state == "returned"
    home = _client(kim_user).get("/").content.decode()
    assert "Tautan tidak dapat dibuka" in home  # the KIM sees why


def test_province_reads_the_queue_without_actions(kim, kim_user, demo_users):
    report = make_report(kim=kim, user=kim_user)
    client = _client(demo_users["prov-jatim"])
    page = client.get(reverse("monitoring:report-list"))
    assert list(page.context["page"].object_list) == [report]
    assert not page.context["may_validate"]
    detail = client.get(reverse("monitoring:report-detail", args=[report.pk]))
    assert not detail.context["may_validate"] and not detail.context["may_return"]
    client.post(reverse("monitoring:report-validate", args=[report.pk]))
    report.refresh_from_db()
    assert report.state == "submitted"


def test_queue_filters(kim, kim_user, kab):
    a = make_report(kim=kim, user=kim_user)
    b = make_report(kim=kim, user=kim_user, submit=False)
    client = _client(kab)
    month = a.month.strftime("%Y-%m")
    page = client.get(reverse("monitoring:report-list"), {"state": "draft"})
    assert list(page.context["page"].object_list) == [b]
    page = client.get(
        reverse("monitoring:report-list"), {"month": month, "kim": kim.pk, "state": ""}
    )
    assert set(page.context["page"].object_list) == {a, b}
    page = client.get(reverse("monitoring:report-list"), {"month": "1999-01"})
    assert list(page.context["page"].object_list) == []
    # The queue opens on what waits, and its pages keep the filters.
    page = client.get(reverse("monitoring:report-list"))
    assert list(page.context["page"].object_list) == [a]
    assert page.context["page_query"] == "state=submitted"


def test_queue_query_count_is_constant(
    kim, kim_user, kab, django_assert_max_num_queries
):
    client = _client(kab)
    make_report(kim=kim, user=kim_user)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("monitoring:report-list"))
    for _ in range(15):
        make_report(kim=kim, user=kim_user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("monitoring:report-list"))


def test_queue_kim_pickers_escape_names_and_mark_the_filtered_kim(kim, kim_user, kab):
    from .effectiveness_factories import make_kim

    other = make_kim(name='KIM <b>"Maju"</b>')
    report = make_report(kim=kim, user=kim_user)
    html = (
        _client(kab)
        .get(reverse("monitoring:report-list"), {"kim": other.pk, "state": ""})
        .content.decode()
    )
    assert f'<option value="{other.pk}" selected>' in html  # the filter's select
    assert f'<option value="{other.pk}">' in html  # the on-behalf select
    assert "KIM &lt;b&gt;&quot;Maju&quot;&lt;/b&gt;" in html
    assert '<b>"Maju"</b>' not in html
    rows = _client(kab).get(reverse("monitoring:report-list")).content.decode()
    assert reverse("monitoring:report-detail", args=[report.pk]) in rows
    assert f'name="report" value="{report.pk}"' in rows  # waiting: selectable


def test_material_pages(kim, kim_user, kab, kota):
    material = services.material_create(created_by=kab, data=material_data())
    client = _client(kab)
    assert client.get(reverse("monitoring:material-list")).status_code == 200
    assert (
        client.post(
            reverse("monitoring:material-publish", args=[material.pk])
        ).status_code
        == 302
    )
    material.refresh_from_db()
    assert material.state == "published"
    # The KIM opens it: the delivery is marked, the share helpers are there.
    page = _client(kim_user).get(
        reverse("monitoring:material-detail", args=[material.pk])
    )
    assert page.status_code == 200 and "wa.me" in page.content.decode()
    assert material.deliveries.get(kim=kim).opened_at is not None
    assert (
        _client(kota)
        .get(reverse("monitoring:material-detail", args=[material.pk]))
        .status_code
        == 404
    )


def test_issuer_edits_a_draft_material_and_adds_a_file(
    kab, kota, django_assert_max_num_queries
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .access_expectations import PDF

    material = services.material_create(created_by=kab, data=material_data())
    url = reverse("monitoring:material-update", args=[material.pk])
    assert _client(kota).get(url).status_code == 404
    client = _client(kab)
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["title"].value() == material.title
    data = {
        k: v.isoformat() if hasattr(v, "isoformat") else v
        for k, v in material_data(title="Judul baru").items()
    }
    data["files"] = SimpleUploadedFile("baru.pdf", PDF, content_type="application/pdf")
    response = client.post(url, data)
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.title == "Judul baru"
    assert [f.original_name for f in material.files.all()] == ["baru.pdf"]
    # Once published it is no longer editable: back to its page with a message.
    services.material_publish(material=material, published_by=kab)
    response = client.post(url, data)
    assert response.status_code == 302 and material.files.count() == 1
    material.refresh_from_db()
    assert material.state == "published"
