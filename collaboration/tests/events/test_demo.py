import pytest

from conftest import DEMO_PASSWORD
from registry.demo import seed_demo_registry

from ...demo_events import PAST_TITLE, UPCOMING_TITLE, seed_demo_events
from ...models import Attendance, Certificate, Evaluation, Event

pytestmark = pytest.mark.django_db


def test_demo_has_a_past_bimtek_and_an_upcoming_workshop(demo_users):
    users = dict(demo_users)
    seed_demo_registry(users=users, password=DEMO_PASSWORD)
    seed_demo_events(users=users)
    past = Event.objects.get(title=PAST_TITLE)
    assert past.status == "done"
    assert Attendance.objects.filter(event=past).values("day").distinct().count() == 2
    assert Evaluation.objects.filter(event=past).count() == 1
    # Attendees and both confirmed speakers.
    assert Certificate.objects.filter(event=past).count() == (
        past.invitations.filter(attendance__isnull=False).distinct().count()
    )
    upcoming = Event.objects.get(title=UPCOMING_TITLE)
    assert upcoming.status == "planned"
    assert upcoming.invitations.filter(kim__isnull=False).count() >= 1
    # Running it again changes nothing.
    seed_demo_events(users=users)
    assert Event.objects.count() == 2
