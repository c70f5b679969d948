import pytest

from mapping.models import Assessment
from registry.tests.conftest import log_in_on_phone  # noqa: F401 (fixture)

from .factories import (
    FIGURES_Q2,
    FIGURES_Q3,
    PERIOD,
    PREVIOUS,
    assess,
    kota_kims,
    malang_kims,
)


@pytest.fixture
def kims(demo_users):
    return malang_kims()


@pytest.fixture
def other_kims(demo_users):
    return kota_kims()


@pytest.fixture
def assessed(kims, other_kims):
    """Kab. Malang assessed for 2026-Q2 and 2026-Q3, Kota Malang for 2026-Q3."""
    assess(kims, FIGURES_Q2, period=PREVIOUS)
    assess(kims, FIGURES_Q3)
    assess(other_kims, FIGURES_Q3[:2], regency="35.73")
    return {kim.pk: Assessment.objects.get(kim=kim, period=PERIOD.key) for kim in kims}


@pytest.fixture
def other_assessment(assessed, other_kims):
    return Assessment.objects.get(kim=other_kims[0], period=PERIOD.key)
