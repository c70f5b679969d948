"""On a 360-px phone: `kim-demo` finds the open competition, fills the entry form (a
link, the team, the consent the rules ask for) and sees its entry waiting for the
check. Each page fits the screen and passes axe."""

import datetime

import pytest
from playwright.sync_api import expect

from kimportal.core.browser import assert_fits_phone_and_accessible, log_in

from ...models import Entry


@pytest.fixture
def world(transactional_db, live_server):
    from conftest import DEMO_PASSWORD
    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.accounts.models import Role
    from kimportal.core.dates import today_in_jakarta
    from kimportal.core.testing import ensure_test_regions
    from registry.tests.factories import (
        KAB_MALANG_VILLAGE,
        UserFactory,
        VerifiedKimFactory,
    )

    from ...services.competitions import competition_publish
    from .factories import make_competition

    ensure_test_regions()
    users = seed_demo_accounts(password=DEMO_PASSWORD)
    kim = VerifiedKimFactory(village_id=KAB_MALANG_VILLAGE, name="KIM Tulungrejo")
    UserFactory(username="kim-demo", password=DEMO_PASSWORD, role=Role.KIM, kim=kim)
    today = today_in_jakarta()
    competition = make_competition(
        users["kab-malang"],
        title="Lomba Poster Hidup Sehat",
        registration_opens_on=today - datetime.timedelta(days=1),
        registration_closes_on=today + datetime.timedelta(days=20),
        announce_on=today + datetime.timedelta(days=30),
        works_become_property=True,
    )
    competition_publish(actor=users["kab-malang"], competition=competition)
    return {"competition": competition, "kim": kim, "password": DEMO_PASSWORD}


@pytest.mark.browser
def test_kim_enters_a_competition_on_a_phone(phone_page, live_server, world):
    page = phone_page
    log_in(page, live_server.url, "kim-demo", world["password"])
    page.goto(f"{live_server.url}/kolaborasi/lomba-kim/")
    assert_fits_phone_and_accessible(page)
    page.get_by_role("link", name="Lomba Poster Hidup Sehat").click()
    page.wait_for_load_state()
    assert_fits_phone_and_accessible(page)
    page.get_by_role("link", name="Kirim karya").click()
    page.wait_for_load_state()
    assert_fits_phone_and_accessible(page)
    page.fill("#id_title", "Isi Piringku")
    page.fill("#id_description", "Poster gizi seimbang untuk warga desa.")
    page.fill("#id_link", "https://kim.example/poster/isi-piringku")
    page.fill("#id_team", "Sari | Desainer\nBudi | Penulis")
    # Without the consent the rules ask for, the form explains why it refuses.
    page.get_by_role("button", name="Kirim").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("milik pemerintah daerah")
    assert_fits_phone_and_accessible(page)
    page.check("#id_consent_property")
    page.get_by_role("button", name="Kirim").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Menunggu pemeriksaan")
    assert_fits_phone_and_accessible(page)
    entry = Entry.objects.get()
    assert entry.kim == world["kim"] and entry.consent_property
    assert entry.team == [
        {"name": "Sari", "role": "Desainer"},
        {"name": "Budi", "role": "Penulis"},
    ]
