"""The daily jobs through a real Celery worker and the real Redis broker (CI sets
REDIS_URL). The other task tests run the same tasks eagerly."""

import datetime
import time

import pytest
from django.conf import settings

from kimportal.celery import app
from registry.choices import PartnershipStatus
from registry.models import Partnership
from registry.services import partnership_start
from registry.tasks import end_expired_partnerships
from registry.tests.factories import ALL_QUALIFICATIONS, create_verified_kim

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.REDIS_URL, reason="needs REDIS_URL (a Redis broker)"
    ),
]


@pytest.fixture
def redis_worker(settings):
    from celery.contrib.testing.worker import start_worker

    app.conf.task_always_eager = False
    app.conf.broker_url = settings.REDIS_URL
    try:
        with start_worker(
            app, perform_ping_check=False, pool="solo", shutdown_timeout=10
        ):
            yield
    finally:
        app.conf.task_always_eager = True


def test_worker_ends_a_partnership_whose_period_passed(demo_users, redis_worker):
    officer = demo_users["kab-malang"]
    kim = create_verified_kim(user=officer)
    partnership = partnership_start(
        kim=kim,
        started_by=officer,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        qualifications=ALL_QUALIFICATIONS,
    )

    end_expired_partnerships.delay("2026-01-02")

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        partnership.refresh_from_db()
        if partnership.status == PartnershipStatus.ENDED:
            break
        time.sleep(0.2)
    assert partnership.status == PartnershipStatus.ENDED
    assert partnership.closed_on == datetime.date(2025, 12, 31)
    assert Partnership.objects.filter(status=PartnershipStatus.ACTIVE).count() == 0
