"""On a 360-px phone: `kim-demo` reports a dissemination from its home in at most four
taps plus pasting a link, and kab-malang validates it; a dropped connection loses
nothing."""

import re

import pytest
from django.urls import reverse

from kimportal.core.browser import assert_fits_phone_and_accessible, log_in

PAGE_BUDGET = 150 * 1024
DETAIL_URL = re.compile(r".*/monitoring/reports/\d+/$")
LINK = "https://www.instagram.com/reel/C1a2B3c4D5e/"


@pytest.fixture
def world(transactional_db, live_server):
    """Regions, the demo officers and `kim-demo` of a verified KIM in Kabupaten Malang
    (a transactional test starts from empty tables)."""
    from conftest import DEMO_PASSWORD
    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.accounts.models import Role
    from kimportal.core.testing import ensure_test_regions
    from registry.tests.factories import (
        KAB_MALANG_VILLAGE,
        UserFactory,
        VerifiedKimFactory,
    )

    ensure_test_regions()
    users = seed_demo_accounts(password=DEMO_PASSWORD)
    kim = VerifiedKimFactory(village_id=KAB_MALANG_VILLAGE, name="KIM Tulungrejo")
    users["kim-demo"] = UserFactory(
        username="kim-demo", password=DEMO_PASSWORD, role=Role.KIM, kim=kim
    )
    return {"users": users, "kim": kim, "password": DEMO_PASSWORD}


def _first_load_bytes(page) -> int:
    """Bytes the page and everything it loaded took (uncompressed bodies, so an upper
    bound of what a phone downloads)."""
    return page.evaluate(
        """() => performance.getEntriesByType('navigation')
             .concat(performance.getEntriesByType('resource'))
             .reduce((sum, e) => sum + (e.decodedBodySize || e.transferSize || 0), 0)"""
    )


@pytest.mark.browser
def test_kim_reports_in_four_taps_and_kab_validates(world, phone_page, live_server):
    from monitoring.models import DisseminationReport

    page = phone_page
    taps = 0

    def tap(locator):
        nonlocal taps
        taps += 1
        locator.click()

    log_in(page, live_server.url, "kim-demo", world["password"])
    page.goto(f"{live_server.url}/")
    assert _first_load_bytes(page) <= PAGE_BUDGET
    assert_fits_phone_and_accessible(page)

    tap(page.get_by_role("link", name="Laporkan diseminasi"))
    page.wait_for_load_state()
    assert page.url.endswith(reverse("monitoring:report-create"))
    assert _first_load_bytes(page) <= PAGE_BUDGET
    assert_fits_phone_and_accessible(page)

    page.get_by_label("Tautan bukti").fill(LINK)  # pasting the link
    # The link filled in the rest: Instagram reel → social medium, social post, video.
    assert page.input_value("#id_medium") == "social"
    assert page.input_value("#id_action_kind") == "social_post"
    assert page.input_value("#id_format") == "video"
    assert "Instagram" in page.inner_text("#guess-note")
    tap(page.get_by_role("button", name="Kirim laporan"))
    page.wait_for_url(DETAIL_URL)
    assert "Laporan terkirim" in page.inner_text("main")
    assert taps <= 4

    report = DisseminationReport.objects.get()
    assert report.state == "submitted" and report.kim == world["kim"]
    assert report.evidence.get().content_item.platform == "instagram"

    # kab-malang validates it from its queue on the same phone.
    page.context.clear_cookies()
    log_in(page, live_server.url, "kab-malang", world["password"])
    page.goto(f"{live_server.url}{reverse('monitoring:report-list')}")
    assert_fits_phone_and_accessible(page)
    page.check(f"#pick-{report.pk}")
    page.get_by_role("button", name="Validasi yang dipilih").click()
    page.wait_for_load_state()
    assert "1 laporan divalidasi" in page.inner_text("main")
    report.refresh_from_db()
    assert report.state == "validated" and report.validated_by.username == "kab-malang"


@pytest.mark.browser
def test_a_dropped_connection_keeps_the_report_and_sends_it_once(
    world, phone_page, live_server
):
    from monitoring.models import DisseminationReport

    page = phone_page
    log_in(page, live_server.url, "kim-demo", world["password"])
    page.goto(f"{live_server.url}{reverse('monitoring:report-create')}")
    page.get_by_label("Tautan bukti").fill("https://youtu.be/dQw4w9WgXcQ")
    page.context.set_offline(True)
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_selector("#offline-note:not([hidden])")
    assert "Koneksi terputus" in page.inner_text("#offline-note")
    assert not DisseminationReport.objects.exists()

    # Back online: the page sends the kept draft by itself.
    page.context.set_offline(False)
    page.wait_for_url(DETAIL_URL)
    report = DisseminationReport.objects.get()
    assert report.state == "submitted"
    assert report.evidence.get().content_item.platform_id == "dQw4w9WgXcQ"

    # A reload of the form does not bring the sent report back.
    page.goto(f"{live_server.url}{reverse('monitoring:report-create')}")
    assert page.input_value("#id_evidence_url") == ""
    assert DisseminationReport.objects.count() == 1
