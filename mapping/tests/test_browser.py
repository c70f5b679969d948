"""A kab/kota officer opens the mapping grid on a phone and moves between periods."""

import pytest
from django.urls import reverse

from kimportal.core.browser import assert_fits_phone_and_accessible

from .factories import FIGURES_Q2, FIGURES_Q3, PERIOD, PREVIOUS, assess, malang_kims


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_opens_the_grid_and_moves_between_periods_on_a_phone(
    phone_page, live_server, log_in_on_phone
):
    page = phone_page
    log_in_on_phone("kab-malang")
    kims = malang_kims()
    assess(kims, FIGURES_Q2, period=PREVIOUS)
    assess(kims, FIGURES_Q3)

    page.goto(f"{live_server.url}{reverse('mapping:grid')}?period={PERIOD.key}")
    assert page.locator("#period-current").inner_text().startswith("Triwulan 3 2026")
    assert page.locator("svg.chart-svg").count() == 2
    assert page.locator("svg.chart-svg circle.dot").count() == 8
    # Each dot is a named link, so the SVG is a group of links, not an image (axe:
    # nested-interactive, checked by the call below).
    assert page.locator("svg.chart-svg[role=group] a[aria-label]").count() == 8
    assert page.locator("svg.chart-svg[role=img]").count() == 0
    assert_fits_phone_and_accessible(page)

    # Keyboard: every KIM is a link in its quadrant's list beside the grid.
    first_kim = page.locator("section.card a", has_text="KIM Malang 0").first
    first_kim.focus()
    assert page.evaluate("document.activeElement.textContent") == "KIM Malang 0"

    # Back one quarter: the previous period's grid.
    page.click("#period-prev")
    page.wait_for_load_state()
    assert "period=2026-Q2" in page.url
    assert page.locator("#period-current").inner_text().startswith("Triwulan 2 2026")
    # Q2 measured reach and reports only: dots on the power grid, none on influence.
    assert page.locator("svg.chart-svg circle.dot").count() == 4

    # And forward again, then open the table alternative.
    page.click("#period-next")
    page.wait_for_load_state()
    assert "period=2026-Q3" in page.url
    page.click("#grid-table summary")
    assert page.locator("#grid-table table").is_visible()
    page.locator("#grid-table a", has_text="KIM Malang 0").click()
    page.wait_for_load_state()
    assert "/mapping/assessments/" in page.url
    assert page.get_by_text("Asal data").is_visible()
