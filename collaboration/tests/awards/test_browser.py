"""On a 360-px phone, `kim-demo` opens its awards from the menu: its award, its
certificate and its numbers; the public publication page fits a phone too. Both stay
under 150 KB and pass axe-core."""

import datetime

import pytest

from kimportal.core.browser import assert_fits_phone_and_accessible, log_in

PAGE_BUDGET = 150 * 1024


def _first_load_bytes(page) -> int:
    return page.evaluate(
        """() => performance.getEntriesByType('navigation')
             .concat(performance.getEntriesByType('resource'))
             .reduce((sum, e) => sum + (e.decodedBodySize || e.transferSize || 0), 0)"""
    )


@pytest.fixture
def world(transactional_db, live_server):
    from collaboration.selectors_awards import award_ranking
    from collaboration.services.awards import (
        award_grant,
        award_period_create,
        award_period_publish,
        award_ranking_compute,
    )
    from conftest import DEMO_PASSWORD
    from kimportal.accounts.demo import seed_demo_accounts
    from kimportal.accounts.models import Role
    from kimportal.core.testing import ensure_test_regions
    from monitoring.services.rollups import rollups_refresh_for_reports
    from monitoring.tests.effectiveness_factories import make_report
    from registry.tests.factories import (
        KAB_MALANG_VILLAGE,
        UserFactory,
        VerifiedKimFactory,
    )

    ensure_test_regions()
    users = seed_demo_accounts(password=DEMO_PASSWORD)
    officer = users["kab-malang"]
    kim = VerifiedKimFactory(village_id=KAB_MALANG_VILLAGE, name="KIM Tulungrejo")
    UserFactory(username="kim-demo", password=DEMO_PASSWORD, role=Role.KIM, kim=kim)
    month = datetime.date(2026, 3, 1)
    rollups_refresh_for_reports(reports=[make_report(kim=kim, user=officer)])
    period = award_period_create(
        actor=officer,
        data={"title": "Apresiasi KIM 2026", "starts_on": month, "ends_on": month},
    )
    award_ranking_compute(actor=officer, period=period)
    award_grant(
        actor=officer,
        entry=award_ranking(period=period).get(kim=kim),
        data={"kind": "plakat", "title": "KIM Terbaik I"},
    )
    award_period_publish(actor=officer, period=period)
    return {"password": DEMO_PASSWORD, "period": period}


@pytest.mark.browser
def test_kim_reads_its_award_on_a_phone(world, phone_page, live_server):
    page = phone_page
    log_in(page, live_server.url, "kim-demo", world["password"])
    page.goto(f"{live_server.url}/")
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Apresiasi", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("KIM Terbaik I").is_visible()
    assert page.get_by_role("link", name="Unduh piagam").is_visible()
    assert _first_load_bytes(page) <= PAGE_BUDGET
    assert_fits_phone_and_accessible(page)

    page.goto(f"{live_server.url}/apresiasi/{world['period'].pk}/")
    assert page.get_by_text("KIM Tulungrejo").first.is_visible()
    assert _first_load_bytes(page) <= PAGE_BUDGET
    assert_fits_phone_and_accessible(page)
