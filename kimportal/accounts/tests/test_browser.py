"""The site-admin application on a 360-px phone, in a real browser: the cascading
province → kab/kota select, the upload, and the ministry's queue and decision page."""

import pytest

from kimportal.accounts.tests.factories import PDF_BYTES
from kimportal.core.browser import assert_fits_phone_and_accessible, log_in
from kimportal.core.testing import ensure_test_regions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dinas_officer_applies_and_ministry_approves_on_a_phone(
    phone_page, live_server
):
    from conftest import DEMO_PASSWORD
    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.accounts.models import ApplicationStatus, SiteAdminApplication

    ensure_test_regions()
    seed_demo_accounts(password=DEMO_PASSWORD)
    page = phone_page

    page.goto(f"{live_server.url}/accounts/apply/")
    assert_fits_phone_and_accessible(page)
    page.check("#id_office_kind_1")
    page.select_option("#id_province", "35")
    page.wait_for_selector("#id_regency option[value='35.07']", state="attached")
    page.select_option("#id_regency", "35.07")
    page.fill("#id_full_name", "Dewi Lestari")
    page.fill("#id_nip", "198501012010012001")
    page.fill("#id_position", "Kepala Bidang IKP")
    page.fill("#id_email", "dewi.lestari@malangkab.go.id")
    page.fill("#id_phone", "0341 123456")
    page.set_input_files(
        "#id_letter",
        files=[
            {"name": "surat.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        ],
    )
    page.click("form button[type=submit]:has-text('Kirim permohonan')")
    page.wait_for_load_state()

    assert "Permohonan terkirim" in page.inner_text("h1")
    assert_fits_phone_and_accessible(page)
    application = SiteAdminApplication.objects.get()
    assert application.region_id == "35.07"

    log_in(page, live_server.url, "kementerian", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/accounts/applications/")
    assert_fits_phone_and_accessible(page)
    page.click("text=Dewi Lestari")
    page.wait_for_load_state()
    assert_fits_phone_and_accessible(page)
    page.click("button:has-text('Setujui permohonan')")
    page.wait_for_load_state()

    assert "Permohonan disetujui" in page.inner_text("main")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED

    page.click("a.history-link")
    page.wait_for_load_state()
    assert "Riwayat perubahan" in page.inner_text("h1")
    assert "kementerian" in page.inner_text("main")
    assert_fits_phone_and_accessible(page)
