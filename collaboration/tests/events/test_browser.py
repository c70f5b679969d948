"""On a 360-px phone: `kim-demo` answers its invitation and shows its QR; kab-malang
checks it in on the scan page by typing the code (the camera's stand-in), a repeat is
ignored, and a scan made offline is sent when the connection returns."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kimportal.core.browser import (
    PHONE_VIEWPORT,
    assert_fits_phone_and_accessible,
    log_in,
)

from ...models import Attendance, Invitation
from ...services.invitations import invitation_add_person, invitations_send
from .conftest import event_data


@pytest.fixture
def world(transactional_db, live_server):
    from conftest import DEMO_PASSWORD
    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.accounts.models import Role
    from kimportal.core.testing import ensure_test_regions
    from registry.tests.factories import (
        KAB_MALANG_VILLAGE,
        UserFactory,
        VerifiedKimFactory,
    )

    from ...services.events import event_create

    ensure_test_regions()
    users = seed_demo_accounts(password=DEMO_PASSWORD)
    kim = VerifiedKimFactory(village_id=KAB_MALANG_VILLAGE, name="KIM Tulungrejo")
    UserFactory(username="kim-demo", password=DEMO_PASSWORD, role=Role.KIM, kim=kim)
    officer = users["kab-malang"]
    event = event_create(actor=officer, data=event_data())
    invitations_send(actor=officer, event=event, kim_ids=[kim.pk])
    walk_in = invitation_add_person(
        actor=officer, event=event, name="Sri Panitia", role="panitia"
    )
    return {"event": event, "kim": kim, "walk_in": walk_in, "password": DEMO_PASSWORD}


@pytest.mark.browser
def test_kim_rsvps_shows_its_qr_and_staff_check_it_in(
    phone_page, browser, live_server, world
):
    page = phone_page
    log_in(page, live_server.url, "kim-demo", world["password"])
    # The home panel lists the invitation and already shows the QR.
    assert page.locator("#home-events").is_visible()
    assert page.locator("figure.qr svg").count() == 1
    page.get_by_role("link", name="Bimtek Jurnalistik Warga").first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Kami hadir").click()
    page.wait_for_load_state()
    assert page.locator("#rsvp-state").inner_text() == "Hadir"
    assert page.locator("#invitation-qr svg").is_visible()
    code = page.locator("#invitation-code").inner_text()
    invitation = Invitation.objects.get(kim=world["kim"])
    assert code == invitation.code and invitation.rsvp == "yes"
    assert_fits_phone_and_accessible(page)

    staff = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID")
    scan = staff.new_page()
    scan.set_default_timeout(15000)
    log_in(scan, live_server.url, "kab-malang", world["password"])
    scan.goto(
        live_server.url + reverse("collaboration:event-scan", args=[world["event"].pk])
    )
    assert_fits_phone_and_accessible(scan)
    scan.fill("#scan-code", code)
    scan.get_by_role("button", name="Catat hadir").click()
    expect(scan.locator("#scan-result")).to_contain_text("tercatat")
    assert "KIM Tulungrejo tercatat hadir" in scan.locator("#scan-result").inner_text()
    # The same code again: answered, not counted twice.
    scan.fill("#scan-code", code)
    scan.get_by_role("button", name="Catat hadir").click()
    expect(scan.locator("#scan-result")).to_contain_text("sudah")
    assert Attendance.objects.filter(invitation=invitation).count() == 1

    # Offline: the scan waits on the phone and is sent when the connection returns.
    staff.set_offline(True)
    scan.fill("#scan-code", world["walk_in"].code)
    scan.get_by_role("button", name="Catat hadir").click()
    expect(scan.locator("#scan-queue")).to_have_text(re.compile(r"^1 "))
    assert not Attendance.objects.filter(invitation=world["walk_in"]).exists()
    staff.set_offline(False)
    expect(scan.locator("#scan-queue")).to_have_text("")
    row = Attendance.objects.get(invitation=world["walk_in"])
    assert row.method == "offline"
    staff.close()
