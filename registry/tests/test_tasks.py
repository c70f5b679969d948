import datetime

import pytest
from django.conf import settings

from kimportal.celery import app
from registry import services, tasks
from registry.choices import DocumentKind, PartnershipStatus, ReviewGround, ReviewOpener
from registry.models import KimDocument, ReviewCase
from registry.tests.factories import ALL_QUALIFICATIONS, create_verified_kim, pdf_upload


def partner(officer, name, *, ends_on=datetime.date(2031, 12, 31)):
    kim = create_verified_kim(user=officer, name=name)
    services.partnership_start(
        kim=kim,
        started_by=officer,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=ends_on,
        qualifications=ALL_QUALIFICATIONS,
    )
    return kim


def expire_current_sk(kim, on: datetime.date) -> None:
    KimDocument.objects.filter(
        kim=kim, kind=DocumentKind.VILLAGE_HEAD_SK, superseded_at__isnull=True
    ).update(expires_on=on)


def test_daily_jobs_are_scheduled_at_night_jakarta_time():
    schedule = settings.CELERY_BEAT_SCHEDULE
    jobs = {entry["task"]: entry["schedule"] for entry in schedule.values()}
    ending = jobs["registry.tasks.end_expired_partnerships"]
    reviews = jobs["registry.tasks.open_reviews_for_expired_sk"]
    assert (ending.hour, ending.minute) == ({1}, {0})
    assert (reviews.hour, reviews.minute) == ({1}, {15})
    assert settings.CELERY_TIMEZONE == "Asia/Jakarta"
    # What a worker does at start: import every app's tasks module. Without it the
    # check below depends on which tests happened to import those modules first.
    app.loader.import_default_modules()
    assert set(jobs) <= set(app.tasks)


def test_end_expired_partnerships_task_ends_only_those_past_their_period(officer):
    over = partner(officer, "KIM Selesai", ends_on=datetime.date(2026, 5, 31))
    running = partner(officer, "KIM Berjalan", ends_on=datetime.date(2026, 6, 1))

    assert tasks.end_expired_partnerships.delay("2026-06-01").get() == 1

    ended = over.partnerships.get()
    assert (ended.status, ended.closed_on) == (
        PartnershipStatus.ENDED,
        datetime.date(2026, 5, 31),
    )
    assert running.partnerships.get().status == PartnershipStatus.ACTIVE


def test_end_expired_partnerships_task_defaults_to_today(officer):
    partner(officer, "KIM Lama", ends_on=datetime.date(2025, 1, 31))
    assert tasks.end_expired_partnerships() == 1


def test_expired_sk_opens_one_system_review_and_not_a_second(
    officer, django_capture_on_commit_callbacks, mailoutbox
):
    expired = partner(officer, "KIM SK Habis")
    expire_current_sk(expired, datetime.date(2026, 4, 30))
    renewed = partner(officer, "KIM SK Diperbarui")
    expire_current_sk(renewed, datetime.date(2026, 4, 30))
    services.kim_document_add(
        kim=renewed,
        uploaded_by=officer,
        kind=DocumentKind.VILLAGE_HEAD_SK,
        uploaded_file=pdf_upload(),
        number="141/9/2026",
        issued_on=datetime.date(2026, 4, 20),
        expires_on=datetime.date(2031, 4, 20),
    )
    not_partner = create_verified_kim(user=officer, name="KIM Bukan Mitra")
    expire_current_sk(not_partner, datetime.date(2026, 4, 30))
    still_valid = partner(officer, "KIM SK Berlaku Hari Ini")
    expire_current_sk(still_valid, datetime.date(2026, 5, 1))

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.open_reviews_for_expired_sk.delay("2026-05-01").get() == 1
    assert tasks.open_reviews_for_expired_sk("2026-05-01") == 0
    assert tasks.open_reviews_for_expired_sk("2026-05-02") == 1

    case = ReviewCase.objects.get(kim=expired)
    assert case.opened_by is None
    assert case.opened_by_level == ReviewOpener.SYSTEM
    assert case.grounds == [ReviewGround.SK_EXPIRED]
    assert "30-04-2026" in case.notes
    assert case.partnership.status == PartnershipStatus.UNDER_REVIEW
    assert ReviewCase.objects.filter(kim=still_valid).count() == 1
    assert not ReviewCase.objects.filter(kim__in=[renewed, not_partner]).exists()
    assert sorted(tuple(m.to) for m in mailoutbox) == [
        ("kab-malang@kominfo.example",),
        (expired.email,),
    ]


def test_expired_sk_is_not_reviewed_twice_while_an_officer_case_is_open(officer):
    kim = partner(officer, "KIM Sudah Ditinjau")
    services.review_open(kim=kim, opened_by=officer, grounds=[ReviewGround.REPUTATION])
    expire_current_sk(kim, datetime.date(2026, 1, 1))

    assert tasks.open_reviews_for_expired_sk("2026-05-01") == 0
    assert ReviewCase.objects.filter(kim=kim).count() == 1


def test_send_notification_refuses_an_unknown_kind():
    with pytest.raises(KeyError):
        tasks.send_notification("tidak_ada", {})
