import pytest
from django.core.mail import EmailMessage

from kimportal.core.contributions import register_notification_kind

from .factories import TEST_KIND

# What the test kind's composer is asked to do: fail with this exception, if set.
FAILURE: dict = {}


def compose_greeting(context: dict) -> list[EmailMessage]:
    if FAILURE.get("error"):
        raise FAILURE["error"]
    return [EmailMessage(f"Halo {context['name']}", "Salam.", to=[context["to"]])]


@pytest.fixture(autouse=True)
def greeting_kind():
    register_notification_kind(TEST_KIND, compose=compose_greeting)
    FAILURE.clear()
    yield
    FAILURE.clear()
