"""A kab/kota officer takes a KIM from registration to its NIK, only through a
phone-sized browser."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from kimportal.core.browser import assert_fits_phone_and_accessible
from registry.choices import KimStatus, Requirement
from registry.models import Kim
from registry.tests.factories import KAB_MALANG_VILLAGE, PDF_BYTES

KIM_NAME = "KIM Tulungrejo Berdaya"


def _pdf(tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(PDF_BYTES)
    return str(path)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_registers_and_verifies_a_kim_to_its_nik_on_a_phone(
    phone_page, live_server, log_in_on_phone, tmp_path
):
    page = phone_page
    log_in_on_phone("kab-malang")
    today = timezone.localdate()

    page.goto(f"{live_server.url}{reverse('registry:kim-list')}")
    page.get_by_role("link", name="Daftarkan KIM").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("registry:kim-create"))
    assert_fits_phone_and_accessible(page)

    # 1. Identity and type.
    page.fill("#id_name", KIM_NAME)
    page.check("#id_kim_type_0")
    page.fill("#id_chair_name", "Siti Aminah")
    # 2. Address: the kab/kota is fixed, kecamatan → desa through htmx.
    page.fill("#id_street", "Jl. Raya Donomulyo")
    page.fill("#id_rt", "001")
    page.fill("#id_rw", "002")
    page.select_option("#id_village_district", "35.07.01")
    page.wait_for_selector(
        f'#id_village option[value="{KAB_MALANG_VILLAGE}"]', state="attached"
    )
    page.select_option("#id_village", KAB_MALANG_VILLAGE)
    # 3. Contact.
    page.fill("#id_whatsapp", "081234567890")
    page.fill("#id_email", "kim.tulungrejo@example.id")
    # 4–8. Audience, media, fields and frequency.
    page.select_option("#id_coverage", [KAB_MALANG_VILLAGE])
    page.check("input[name=media_types][value=social]")
    page.check("input[name=fields][value=kesehatan]")
    page.fill("#id_frequency_count", "2")
    page.select_option("#id_frequency_unit", "week")
    # 9. One officer.
    page.fill("#id_officers-0-name", "Siti Aminah")
    page.fill("#id_officers-0-position", "Ketua")
    page.fill("#id_officers-0-phone", "081234567890")
    # 10. The three documents and the SK's number and dates.
    page.set_input_files("#id_sk_file", _pdf(tmp_path, "sk-kepala-desa.pdf"))
    page.fill("#id_sk_number", "141/05/35.07.01.2001/2026")
    page.fill("#id_sk_issued_on", (today - datetime.timedelta(days=30)).isoformat())
    page.fill(
        "#id_sk_expires_on", (today + datetime.timedelta(days=3 * 365)).isoformat()
    )
    page.set_input_files("#id_officers_list_file", _pdf(tmp_path, "pengurus.pdf"))
    page.set_input_files("#id_declaration_file", _pdf(tmp_path, "pernyataan.pdf"))

    page.get_by_role("button", name="Simpan dan ajukan").click()
    page.wait_for_load_state()

    kim = Kim.objects.get(name=KIM_NAME)
    assert page.url.endswith(kim.get_absolute_url())
    main = page.inner_text("main")
    assert "KIM diajukan untuk verifikasi" in main
    assert "Diajukan" in page.inner_text(".kim-head")
    assert kim.status == KimStatus.SUBMITTED
    assert kim.documents.filter(superseded_at__isnull=True).count() == 3

    page.locator("main .actions").get_by_role("link", name="Verifikasi").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("registry:kim-verify", args=[kim.pk]))
    assert_fits_phone_and_accessible(page)
    for requirement in Requirement.values:
        page.check(f"input[name={requirement}__passed][value=yes]")
    page.get_by_role("button", name="Verifikasi dan terbitkan NIK").click()
    page.wait_for_load_state()

    year = timezone.localtime(timezone.now(), ZoneInfo("Asia/Jakarta")).year
    expected_nik = f"3507-{year}-0001"
    assert expected_nik in page.inner_text(".kim-head")
    assert f"NIK: {expected_nik}" in page.inner_text("main .messages")
    # The verification tab records which NIK this decision issued.
    assert f"NIK {expected_nik}" in page.inner_text("article.verification")
    kim.refresh_from_db()
    assert kim.status == KimStatus.VERIFIED
    assert kim.nik == expected_nik
