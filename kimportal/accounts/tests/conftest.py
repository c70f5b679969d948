import pytest

from kimportal.accounts.services import application_submit
from kimportal.accounts.tests.factories import application_data, letter_pdf

__all__ = ["application_data", "letter_pdf"]


@pytest.fixture
def submit_application(regions):
    def submit(**overrides):
        return application_submit(
            data=application_data(**overrides), letter=letter_pdf()
        )

    return submit
