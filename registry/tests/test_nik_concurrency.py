"""NIK numbering under concurrent verification, on real PostgreSQL transactions: every
thread has its own connection and commits for real."""

import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone

from kimportal.accounts.models import User
from kimportal.core.errors import TransitionError
from registry import services
from registry.choices import KimStatus
from registry.models import Kim, NikSequence, Verification
from registry.tests.factories import ALL_REQUIREMENTS_PASSED, create_submitted_kim

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20


def run_at_once(targets: list) -> list:
    """Run each callable in its own thread, released together; results in order."""
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def worker(index, target):
        try:
            barrier.wait(timeout=30)
            results[index] = target()
        except Exception as exc:  # the assertions look at what each thread met
            results[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(i, target))
        for i, target in enumerate(targets)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results


def verify_later(kim_id: int, officer_id: int):
    def verify():
        officer = User.objects.get(pk=officer_id)
        kim = Kim.objects.get(pk=kim_id)
        return services.kim_verify(
            kim=kim, verified_by=officer, items=ALL_REQUIREMENTS_PASSED
        )

    return verify


def test_twenty_officers_verifying_at_once_get_consecutive_distinct_niks(demo_users):
    officer = demo_users["kab-malang"]
    kims = [
        create_submitted_kim(user=officer, name=f"KIM Serentak {n:02d}")
        for n in range(THREADS)
    ]

    results = run_at_once([verify_later(kim.pk, officer.pk) for kim in kims])

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    year = timezone.localtime(timezone.now(), ZoneInfo("Asia/Jakarta")).year
    niks = sorted(kim.nik for kim in results)
    assert niks == [f"3507-{year}-{n:04d}" for n in range(1, THREADS + 1)]
    stored = sorted(
        Kim.objects.filter(status=KimStatus.VERIFIED).values_list("nik", flat=True)
    )
    assert stored == niks
    assert (
        NikSequence.objects.get(regency_code="35.07", year=year).last_number == THREADS
    )


def test_two_officers_verifying_the_same_kim_only_one_succeeds(demo_users):
    officer = demo_users["kab-malang"]
    colleague = User.objects.create(
        username="verifikator-2",
        role="regency",
        office=officer.office,
        email="v2@kominfo.example",
    )
    kim = create_submitted_kim(user=officer)

    results = run_at_once(
        [verify_later(kim.pk, officer.pk), verify_later(kim.pk, colleague.pk)]
    )

    successes = [r for r in results if isinstance(r, Kim)]
    refusals = [r for r in results if isinstance(r, TransitionError)]
    assert len(successes) == 1 and len(refusals) == 1, results
    kim.refresh_from_db()
    assert kim.nik == successes[0].nik
    assert Verification.objects.filter(kim=kim).count() == 1
    # The refused officer took no number: the next KIM gets 0002, not 0003.
    assert NikSequence.objects.get(regency_code="35.07").last_number == 1
