import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from conftest import DEMO_PASSWORD
from kimportal.accounts.models import ApplicationStatus, Role, SiteAdminApplication
from kimportal.accounts.services import application_approve
from kimportal.accounts.tests.factories import PNG_BYTES, UserFactory
from kimportal.core.throttle import counter_key

from .conftest import letter_pdf
from .signin import enrol, sign_in

APPLY_FORM = {
    "office_kind": "regency",
    "province": "35",
    "regency": "35.07",
    "full_name": "Dewi Lestari",
    "nip": "19850101 201001 2 001",
    "position": "Kepala Bidang IKP",
    "email": "dewi.lestari@malangkab.go.id",
    "phone": "0341 123456",
}


def apply(client, letter=None, **overrides):
    data = {**APPLY_FORM, **overrides, "letter": letter or letter_pdf()}
    return client.post(reverse("accounts:apply"), data)


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_apply_page_is_open_to_anyone_and_in_indonesian(client, regions):
    response = client.get(reverse("accounts:apply"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Permohonan admin situs KIM" in page
    assert "Jawa Timur" in page
    assert 'hx-get="/regions/options/"' in page


def test_apply_creates_application_and_shows_confirmation(client, regions):
    response = apply(client)

    assert response.status_code == 302
    assert response.url == reverse("accounts:apply-done")
    application = SiteAdminApplication.objects.get()
    assert application.nip == "198501012010012001"
    assert application.region_id == "35.07"
    assert "Permohonan terkirim" in client.get(response.url).content.decode()


def test_apply_with_png_named_pdf_shows_error_and_stores_nothing(client, regions):
    response = apply(client, letter=letter_pdf("surat.pdf", PNG_BYTES))

    assert response.status_code == 200
    assert "Isi berkas bukan PDF" in response.content.decode()
    assert not SiteAdminApplication.objects.exists()


def test_apply_for_regency_requires_a_kabupaten(client, regions):
    response = apply(client, regency="")

    assert "Pilih kabupaten/kota kantor Anda." in response.content.decode()
    assert not SiteAdminApplication.objects.exists()


def test_apply_refuses_kabupaten_outside_the_chosen_province(client, regions):
    response = apply(client, province="33", regency="35.07")

    assert response.status_code == 200
    assert not SiteAdminApplication.objects.exists()


def test_apply_form_lists_only_kabupaten_of_chosen_province(client, regions):
    response = client.post(
        reverse("accounts:apply"), {"province": "35", "refresh": "1"}
    )

    page = response.content.decode()
    assert "Kabupaten Malang" in page
    assert "Kabupaten Semarang" not in page
    assert "errorlist" not in page


def test_duplicate_pending_application_is_refused_on_the_form(client, regions):
    apply(client)

    response = apply(client, email="DEWI.LESTARI@malangkab.go.id")

    assert "masih menunggu keputusan" in response.content.decode()
    assert SiteAdminApplication.objects.count() == 1


def test_apply_approve_set_password_and_log_in(
    client, demo_users, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply(client)
    application = SiteAdminApplication.objects.get()

    ministry = client.__class__()
    assert sign_in(ministry, "kementerian", DEMO_PASSWORD).status_code == 302
    queue = ministry.get(reverse("accounts:application-list"))
    assert "Dewi Lestari" in queue.content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = ministry.post(
            reverse("accounts:application-approve", args=[application.pk])
        )
    assert response.status_code == 302
    assert "disetujui" in ministry.get(response.url).content.decode()

    [message] = mailoutbox
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", message.body)[0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    set_password_page = client.get("/" + path, follow=True)
    assert "Buat kata sandi baru" in set_password_page.content.decode()
    done = client.post(
        set_password_page.redirect_chain[-1][0],
        {"new_password1": "Rahasia-Kuat-2026", "new_password2": "Rahasia-Kuat-2026"},
    )
    assert done.status_code == 302
    assert done.url == reverse("accounts:password-reset-complete")

    application.refresh_from_db()
    response = login(client, application.user.username, "Rahasia-Kuat-2026")
    assert response.status_code == 302
    # A new officer enrols an authenticator before any page opens (issue 7).
    assert client.get(reverse("home")).url.startswith(reverse("accounts:mfa-verify"))
    enrol(client)
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.wsgi_request.user == application.user
    assert home.wsgi_request.user.role == Role.REGENCY


def test_reject_page_requires_reason_then_emails_it(
    client, demo_users, mailoutbox, django_capture_on_commit_callbacks
):
    apply(client)
    application = SiteAdminApplication.objects.get()
    client.force_login(demo_users["kementerian"])
    url = reverse("accounts:application-reject", args=[application.pk])

    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 400
    assert "errorlist" in empty.content.decode()

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Surat belum bertanda tangan."})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert "Surat belum bertanda tangan." in mailoutbox[0].body


def test_approving_twice_from_the_page_shows_why_it_failed(client, demo_users):
    apply(client)
    application = SiteAdminApplication.objects.get()
    client.force_login(demo_users["kementerian"])
    url = reverse("accounts:application-approve", args=[application.pk])
    client.post(url)

    response = client.post(url, follow=True)

    assert "sudah disetujui" in response.content.decode()


def test_ministry_downloads_letter_as_attachment(client, demo_users):
    apply(client)
    application = SiteAdminApplication.objects.get()
    client.force_login(demo_users["kementerian"])

    response = client.get(reverse("accounts:application-letter", args=[application.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("username", ["prov-jatim", "kab-malang", "kl-demo", "kim"])
@pytest.mark.parametrize(
    "url_name",
    [
        "accounts:application-list",
        "accounts:application-detail",
        "accounts:application-letter",
        "accounts:application-approve",
        "accounts:application-reject",
    ],
)
def test_application_pages_answer_404_to_everyone_but_the_ministry(
    client, demo_users, username, url_name
):
    apply(client)
    application = SiteAdminApplication.objects.get()
    if username == "kim":
        user = UserFactory(role=Role.KIM)
    else:
        user = demo_users[username]
    client.force_login(user)
    args = [] if url_name.endswith("list") else [application.pk]

    if url_name.endswith(("approve", "reject")):
        response = client.post(reverse(url_name, args=args), {"reason": "x"})
    else:
        response = client.get(reverse(url_name, args=args))

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_application_queue_asks_anonymous_visitors_to_log_in(client, regions):
    response = client.get(reverse("accounts:application-list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_queue_shows_pending_by_default_filters_by_status_and_paginates(
    client, demo_users, submit_application
):
    for n in range(27):
        submit_application(email=f"pemohon{n}@malangkab.go.id")
    approved = SiteAdminApplication.objects.order_by("pk").first()
    application_approve(application=approved, decided_by=demo_users["kementerian"])
    client.force_login(demo_users["kementerian"])
    url = reverse("accounts:application-list")

    first_page = client.get(url)
    second_page = client.get(url, {"status": "submitted", "page": 2})
    approved_only = client.get(url, {"status": "approved"})

    assert len(first_page.context["page"].object_list) == 25
    assert len(second_page.context["page"].object_list) == 1
    assert [a.pk for a in approved_only.context["page"].object_list] == [approved.pk]
    assert "Disetujui (1)" in first_page.content.decode()


def test_detail_page_shows_applicant_and_decision_forms(client, demo_users):
    apply(client, email="dewi@gmail.com")
    application = SiteAdminApplication.objects.get()
    client.force_login(demo_users["kementerian"])

    response = client.get(reverse("accounts:application-detail", args=[application.pk]))

    page = response.content.decode()
    assert "198501012010012001" in page
    assert "bukan domain go.id" in page
    assert "Setujui permohonan" in page
    assert "Tolak permohonan" in page
    assert (
        reverse("history", args=["accounts", "siteadminapplication", application.pk])
        in page
    )


def test_sixth_application_from_one_address_within_an_hour_is_refused(client, regions):
    for number in range(5):
        response = apply(client, email=f"pegawai{number}@malangkab.go.id")
        assert response.status_code == 302

    response = apply(client, email="pegawai9@malangkab.go.id")

    assert response.status_code == 429
    assert "Terlalu banyak permohonan" in response.content.decode()
    assert SiteAdminApplication.objects.count() == 5
    other = client.post(
        reverse("accounts:apply"),
        {**APPLY_FORM, "email": "lain@malangkab.go.id", "letter": letter_pdf()},
        REMOTE_ADDR="192.0.2.77",  # TEST-NET-1: never a real client
    )
    cache.delete(counter_key("site-admin-application", "192.0.2.77"))
    assert other.status_code == 302
