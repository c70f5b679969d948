"""The report lifecycle, its illegal transitions, the month lock, idempotent create and
corrections as versions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from kimportal.core.dates import today_in_jakarta
from kimportal.core.errors import TransitionError
from monitoring import services
from monitoring.models import ContentItem, DisseminationReport, EvidenceLink
from monitoring.periods import month_is_locked, month_locks_on

from .factories import JPEG_BYTES, make_report, report_data

pytestmark = pytest.mark.django_db

LOCKED_DAY = datetime.date(2025, 1, 15)  # long locked, whatever today is


def _validated(report, officer):
    return services.report_validate(report=report, validated_by=officer)


def _old_validated(kim, user, officer):
    """A validated report of a locked month (made as if it had been filed in time)."""
    report = make_report(kim=kim, user=user)
    DisseminationReport.objects.filter(pk=report.pk).update(
        activity_date=LOCKED_DAY, month=LOCKED_DAY.replace(day=1)
    )
    report.refresh_from_db()
    return _validated(report, officer)


def test_kim_files_submits_and_kab_validates(kim, kim_user, kab):
    report = make_report(kim=kim, user=kim_user, submit=False)
    assert report.state == "draft"
    assert report.village_id == kim.village_id
    report = services.report_submit(report=report, submitted_by=kim_user)
    assert report.state == "submitted" and report.submitted_by == kim_user
    report = services.report_validate(report=report, validated_by=kab)
    assert report.state == "validated" and report.counts


def test_returned_report_is_fixed_and_resubmitted(kim, kim_user, kab):
    report = make_report(kim=kim, user=kim_user)
    report = services.report_return(
        report=report, returned_by=kab, reason="Tautan salah"
    )
    assert report.state == "returned" and report.return_reason == "Tautan salah"
    report = services.report_update(
        report=report,
        updated_by=kim_user,
        data={"activity_count": 3},
        evidence_urls=["https://www.instagram.com/p/C1a2B3c4D5e/"],
    )
    report = services.report_submit(report=report, submitted_by=kim_user)
    assert report.state == "submitted" and report.activity_count == 3
    assert report.evidence.count() == 2


def test_return_needs_a_reason(kim, kim_user, kab):
    report = make_report(kim=kim, user=kim_user)
    with pytest.raises(ValidationError) as error:
        services.report_return(report=report, returned_by=kab, reason="  ")
    assert "reason" in error.value.message_dict


def test_submit_needs_evidence_or_photo(kim, kim_user):
    report = make_report(kim=kim, user=kim_user, submit=False, urls=[])
    with pytest.raises(ValidationError):
        services.report_submit(report=report, submitted_by=kim_user)
    photo = SimpleUploadedFile("foto.jpg", JPEG_BYTES, content_type="image/jpeg")
    report = services.report_update(
        report=report, updated_by=kim_user, data={}, photo=photo
    )
    assert services.report_submit(report=report, submitted_by=kim_user).state == (
        "submitted"
    )


def test_photo_is_checked_by_content(kim, kim_user):
    fake = SimpleUploadedFile("foto.png", b"MZ\x90\x00" * 20, content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.report_create(
            kim=kim, created_by=kim_user, data=report_data(), photo=fake
        )
    assert "photo" in error.value.message_dict


# Every transition × every state it must refuse (409), by the right actor.
ILLEGAL = {
    "submit": ("submitted", "validated"),
    "validate": ("draft", "returned", "validated"),
    "return": ("draft", "returned"),
    "update": ("submitted", "validated"),
}


def _in_state(state, kim, kim_user, kab):
    report = make_report(kim=kim, user=kim_user, submit=state != "draft")
    if state == "validated":
        report = _validated(report, kab)
    elif state == "returned":
        report = services.report_return(report=report, returned_by=kab, reason="x")
    return report


def _do(action, report, kim_user, kab):
    if action == "submit":
        return services.report_submit(report=report, submitted_by=kim_user)
    if action == "validate":
        return services.report_validate(report=report, validated_by=kab)
    if action == "return":
        return services.report_return(report=report, returned_by=kab, reason="x")
    return services.report_update(report=report, updated_by=kim_user, data={})


@pytest.mark.parametrize(
    ("action", "state"),
    [(action, state) for action, states in ILLEGAL.items() for state in states],
)
def test_illegal_transitions_are_refused(action, state, kim, kim_user, kab):
    report = _in_state(state, kim, kim_user, kab)
    with pytest.raises(TransitionError):
        _do(action, report, kim_user, kab)
    report.refresh_from_db()
    assert report.state == state


@pytest.mark.parametrize(
    "who", ["kim-user", "prov-jatim", "kementerian", "kota-malang"]
)
def test_only_its_kab_kota_validates(who, kim, kim_user, demo_users):
    report = make_report(kim=kim, user=kim_user)
    actor = kim_user if who == "kim-user" else demo_users[who]
    with pytest.raises(PermissionDenied):
        services.report_validate(report=report, validated_by=actor)
    with pytest.raises(PermissionDenied):
        services.report_return(report=report, returned_by=actor, reason="x")


def test_another_kim_cannot_file_or_touch_a_report(kim, kim_user, kota_pair, kota):
    _other_kim, other_user = kota_pair
    with pytest.raises(PermissionDenied):
        make_report(kim=kim, user=other_user)
    with pytest.raises(PermissionDenied):
        make_report(kim=kim, user=kota)  # another kab/kota
    report = make_report(kim=kim, user=kim_user, submit=False)
    with pytest.raises(PermissionDenied):
        services.report_submit(report=report, submitted_by=other_user)


def test_kab_kota_files_on_behalf_of_its_kim(kim, kab):
    report = make_report(kim=kim, user=kab)
    assert report.state == "submitted" and report.created_by == kab


def test_idempotent_create_returns_the_same_report(kim, kim_user):
    first = services.report_create(
        kim=kim,
        created_by=kim_user,
        data=report_data(),
        evidence_urls=["https://youtu.be/dQw4w9WgXcQ"],
        idempotency_key="k-1",
        submit=True,
    )
    again = services.report_create(
        kim=kim,
        created_by=kim_user,
        data=report_data(activity_count=9),
        evidence_urls=["https://youtu.be/dQw4w9WgXcQ"],
        idempotency_key="k-1",
        submit=True,
    )
    assert again.pk == first.pk
    assert DisseminationReport.objects.filter(kim=kim).count() == 1
    other = services.report_create(
        kim=kim,
        created_by=kim_user,
        data=report_data(),
        evidence_urls=["https://youtu.be/dQw4w9WgXcQ"],
        idempotency_key="k-2",
    )
    assert other.pk != first.pk
    # The same post reported twice is one content item.
    assert ContentItem.objects.filter(platform="youtube").count() == 1
    assert EvidenceLink.objects.filter(content_item__platform="youtube").count() == 2


def test_month_lock_date_follows_the_setting(settings):
    settings.MONITORING_LOCK_DAYS = 10
    assert month_locks_on(datetime.date(2026, 2, 1)) == datetime.date(2026, 3, 11)
    assert not month_is_locked(
        datetime.date(2026, 2, 1), today=datetime.date(2026, 3, 10)
    )
    assert month_is_locked(datetime.date(2026, 2, 1), today=datetime.date(2026, 3, 11))
    settings.MONITORING_LOCK_DAYS = 3
    assert month_locks_on(datetime.date(2026, 2, 1)) == datetime.date(2026, 3, 4)


def test_no_new_report_for_a_locked_month(kim, kim_user):
    with pytest.raises(ValidationError) as error:
        make_report(kim=kim, user=kim_user, activity_date=LOCKED_DAY)
    assert "dikunci" in error.value.message_dict["activity_date"][0]


def test_locked_month_is_corrected_only_by_a_new_version(kim, kim_user, kab):
    old = _old_validated(kim, kim_user, kab)
    # Counted history is not edited or sent back any more.
    with pytest.raises(TransitionError):
        services.report_return(report=old, returned_by=kab, reason="salah")
    with pytest.raises(TransitionError):
        services.report_update(report=old, updated_by=kim_user, data={})

    correction = services.report_correct(
        report=old, corrected_by=kim_user, data={"activity_count": 5}, submit=True
    )
    assert correction.supersedes_id == old.pk and correction.version == 2
    assert correction.month == old.month and correction.state == "submitted"
    old.refresh_from_db()
    assert old.counts  # the old version counts until the correction is validated

    with pytest.raises(TransitionError):  # one open correction per report
        services.report_correct(report=old, corrected_by=kim_user, data={})

    services.report_validate(report=correction, validated_by=kab)
    old.refresh_from_db()
    correction.refresh_from_db()
    assert not old.counts and old.superseded_at is not None
    assert old.activity_count == 1 and old.state == "validated"  # never edited
    assert correction.counts and correction.activity_count == 5


def test_before_the_lock_a_validated_report_is_returned_not_versioned(
    kim, kim_user, kab
):
    report = _validated(make_report(kim=kim, user=kim_user), kab)
    with pytest.raises(TransitionError):
        services.report_correct(report=report, corrected_by=kim_user, data={})
    report = services.report_return(report=report, returned_by=kab, reason="Ulangi")
    assert report.state == "returned" and not report.counts


def test_bulk_validation_is_all_or_nothing(kim, kim_user, kab):
    reports = [make_report(kim=kim, user=kim_user) for _ in range(3)]
    draft = make_report(kim=kim, user=kim_user, submit=False)
    with pytest.raises(TransitionError):
        services.reports_validate(
            report_ids=[r.pk for r in reports] + [draft.pk], validated_by=kab
        )
    assert not DisseminationReport.objects.filter(state="validated").exists()
    assert (
        services.reports_validate(report_ids=[r.pk for r in reports], validated_by=kab)
        == 3
    )
    assert DisseminationReport.objects.filter(state="validated").count() == 3


def test_bulk_validation_refuses_another_regencys_reports(kim, kim_user, kota):
    report = make_report(kim=kim, user=kim_user)
    with pytest.raises(PermissionDenied):
        services.reports_validate(report_ids=[report.pk], validated_by=kota)


def test_reports_refuse_hard_delete(kim, kim_user):
    report = make_report(kim=kim, user=kim_user)
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM monitoring_disseminationreport WHERE id = %s", [report.pk]
            )


def test_future_dates_and_bad_choices_are_refused(kim, kim_user):
    tomorrow = today_in_jakarta() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        make_report(kim=kim, user=kim_user, activity_date=tomorrow, medium="tv")
    assert {"activity_date", "medium"} <= set(error.value.message_dict)
