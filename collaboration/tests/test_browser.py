"""On a 360-px phone, `kim-demo` follows its home's prompt and files its capacity
needs; the pages fit the screen, stay under 150 KB and pass axe-core."""

import pytest
from django.urls import reverse

from kimportal.core.browser import assert_fits_phone_and_accessible, log_in

PAGE_BUDGET = 150 * 1024


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

    ensure_test_regions()
    users = seed_demo_accounts(password=DEMO_PASSWORD)
    kim = VerifiedKimFactory(village_id=KAB_MALANG_VILLAGE, name="KIM Tulungrejo")
    users["kim-demo"] = UserFactory(
        username="kim-demo", password=DEMO_PASSWORD, role=Role.KIM, kim=kim
    )
    return {"users": users, "kim": kim, "password": DEMO_PASSWORD}


def _first_load_bytes(page) -> int:
    return page.evaluate(
        """() => performance.getEntriesByType('navigation')
             .concat(performance.getEntriesByType('resource'))
             .reduce((sum, e) => sum + (e.decodedBodySize || e.transferSize || 0), 0)"""
    )


@pytest.mark.browser
def test_kim_fills_capacity_needs_on_a_phone(world, phone_page, live_server):
    from collaboration.models import CapacityNeed

    page = phone_page
    log_in(page, live_server.url, "kim-demo", world["password"])
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Isi kebutuhan kapasitas").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("collaboration:need-create"))
    assert _first_load_bytes(page) <= PAGE_BUDGET
    assert_fits_phone_and_accessible(page)

    page.select_option("#id_media_social", "ready")
    page.select_option("#id_media_print", "not_ready")
    page.get_by_label("Foto", exact=True).first.check()
    page.fill("#id_production_members", "4")
    page.select_option("#id_skill_video", "1")
    page.check("#id_training_video")
    page.select_option("#id_skill_writing", "3")
    page.get_by_label("Belum terencana").check()
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()

    assert page.url.endswith(reverse("collaboration:need-list"))
    assert page.get_by_text("Kebutuhan kapasitas disimpan.").is_visible()
    assert _first_load_bytes(page) <= PAGE_BUDGET
    assert_fits_phone_and_accessible(page)
    need = CapacityNeed.objects.get(kim=world["kim"])
    assert need.media_readiness == {"social": "ready", "print": "not_ready"}
    assert need.production_members == 4
    assert {s.skill: s.is_needed for s in need.skills.all()} == {
        "video": True,
        "writing": False,
    }
    # Filed: the home no longer asks.
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("link", name="Isi kebutuhan kapasitas").count() == 0
