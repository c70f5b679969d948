"""Dissemination reports (Tabel 5.2): create (idempotent), edit, submit, validate (one or
many), return with a reason, and corrections as new versions after the month lock."""

import contextlib
import contextvars
import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.dates import today_in_jakarta
from kimportal.core.errors import TransitionError
from kimportal.core.locking import lock_row
from kimportal.core.outbox import outbox_enqueue_task

from ..choices import ActionKind, CheckStatus, Medium, ReportFormat, ReportState
from ..evidence import parse_link
from ..models import DisseminationReport, EvidenceLink, MaterialDelivery
from ..periods import month_is_locked, month_start
from .common import IMAGE_FORMATS, reports_counted_changed, store_upload
from .content import content_item_for

MAX_EVIDENCE_LINKS = 10
_checks_suppressed: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "evidence_checks_suppressed", default=False
)


@contextlib.contextmanager
def evidence_checks_suppressed():
    """Queue no background link checks inside this block (demo data: its made-up links
    must not be fetched; the seeder records their results itself)."""
    token = _checks_suppressed.set(True)
    try:
        yield
    finally:
        _checks_suppressed.reset(token)


REPORT_FIELDS = frozenset(
    {"material", "action_kind", "format", "medium", "activity", "activity_count"}
    | {"activity_date", "event_ref"}
)


def _choice(errors: dict, data: dict, field: str, choices) -> str | None:
    value = data.get(field)
    if value in choices.values:
        return value
    errors[field] = [_("Pilih salah satu pilihan yang tersedia.")]
    return None


def _clean(kim, data: dict, *, allow_locked: bool) -> dict:
    """The report's fields from `data`, checked; problems are collected per field."""
    unknown = set(data) - REPORT_FIELDS
    if unknown:
        raise TypeError(f"Fields that cannot be set here: {', '.join(sorted(unknown))}")
    errors: dict = {}
    cleaned = {
        "action_kind": _choice(errors, data, "action_kind", ActionKind),
        "format": _choice(errors, data, "format", ReportFormat),
        "medium": _choice(errors, data, "medium", Medium),
        "activity": (data.get("activity") or "").strip()[:300],
    }
    count = data.get("activity_count", 1)
    try:
        count = int(count)
        if count < 1 or count > 10000:
            raise ValueError
        cleaned["activity_count"] = count
    except (TypeError, ValueError):
        errors["activity_count"] = [_("Isi jumlah kegiatan antara 1 dan 10.000.")]
    day = data.get("activity_date")
    if isinstance(day, str):
        try:
            day = parse_date(day)
        except ValueError:
            day = None
    today = today_in_jakarta()
    if not isinstance(day, datetime.date):
        errors["activity_date"] = [_("Isi tanggal kegiatan.")]
    elif day > today:
        errors["activity_date"] = [_("Tanggal kegiatan tidak boleh di masa depan.")]
    elif not allow_locked and month_is_locked(month_start(day), today=today):
        errors["activity_date"] = [
            _(
                "Bulan %(month)s sudah dikunci; laporan untuk bulan itu tidak dapat "
                "ditambahkan lagi."
            )
            % {"month": day.strftime("%m/%Y")}
        ]
    else:
        cleaned["activity_date"] = day
        cleaned["month"] = month_start(day)
    if "event_ref" in data:
        # Set by collaboration when a KIM reports content following up an event.
        try:
            event_ref = int(data["event_ref"]) if data["event_ref"] else None
        except (TypeError, ValueError):
            event_ref = 0
        if event_ref is not None and event_ref < 1:
            errors["event_ref"] = [_("Kegiatan tidak dikenal.")]
        else:
            cleaned["event_ref"] = event_ref
    material = data.get("material")
    cleaned["material"] = None
    if material not in (None, ""):
        try:
            material_id = int(getattr(material, "pk", material) or 0)
        except (TypeError, ValueError):
            material_id = 0
        delivered = MaterialDelivery.objects.filter(
            material_id=material_id, kim=kim
        ).exists()
        if not delivered:
            errors["material"] = [_("Bahan informasi ini tidak ditujukan ke KIM ini.")]
        else:
            cleaned["material_id"] = material_id
            del cleaned["material"]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _parse_evidence(urls: Iterable[str]) -> list:
    parsed, seen, errors = [], set(), []
    for raw in urls:
        if not (raw or "").strip():
            continue
        try:
            link = parse_link(raw)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if link.url not in seen:
            seen.add(link.url)
            parsed.append(link)
    if errors:
        raise ValidationError({"evidence": errors})
    if len(parsed) > MAX_EVIDENCE_LINKS:
        raise ValidationError(
            {
                "evidence": _("Paling banyak %(n)d tautan bukti.")
                % {"n": MAX_EVIDENCE_LINKS}
            }
        )
    return parsed


def _clean_with_evidence(kim, data, urls, *, allow_locked: bool):
    """Fields and evidence checked together, so the form shows every problem at once."""
    errors: dict = {}
    cleaned = parsed = None
    try:
        cleaned = _clean(kim, data, allow_locked=allow_locked)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        parsed = _parse_evidence(urls)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned, parsed


def _attach_evidence(report: DisseminationReport, parsed: list) -> None:
    existing = set(report.evidence.values_list("normalized_url", flat=True))
    new_links = []
    for link in parsed:
        if link.url in existing:
            continue
        item = content_item_for(parsed=link, kim=report.kim)
        new_links.append(
            EvidenceLink.objects.create(
                report=report,
                url=link.url,
                normalized_url=link.url,
                content_item=item,
            )
        )
    if new_links and not _checks_suppressed.get():
        # A row in this transaction (kimportal.core.outbox): the check is never lost
        # to a broker that is down at commit, and never runs for a rolled-back report.
        outbox_enqueue_task(
            "monitoring.tasks.evidence_links_check",
            kwargs={"link_ids": [link.pk for link in new_links]},
        )


def _mark_delivery_reported(report: DisseminationReport) -> None:
    if report.material_id:
        MaterialDelivery.objects.filter(
            material_id=report.material_id, kim_id=report.kim_id, reported_at=None
        ).update(reported_at=timezone.now())


def _existing_for_key(created_by, key: str) -> DisseminationReport | None:
    if not key:
        return None
    return DisseminationReport.objects.filter(
        created_by=created_by, idempotency_key=key
    ).first()


def report_create(
    *,
    kim,
    created_by,
    data: dict,
    evidence_urls: Iterable[str] = (),
    photo=None,
    idempotency_key: str = "",
    submit: bool = False,
) -> DisseminationReport:
    """File a report for `kim` (by the KIM or its kab/kota), as a draft or submitted at
    once. With an `idempotency_key`, a retry by the same user returns the report the
    first call made instead of a second one."""
    return _create_once(
        kim=kim,
        created_by=created_by,
        data=data,
        evidence_urls=evidence_urls,
        photo=photo,
        idempotency_key=idempotency_key,
        submit=submit,
        supersedes=None,
    )


def _create_once(
    *, kim, created_by, data, evidence_urls, photo, idempotency_key, submit, supersedes
) -> DisseminationReport:
    key = (idempotency_key or "").strip()[:100]
    existing = _existing_for_key(created_by, key)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            report = _create(
                kim=kim,
                created_by=created_by,
                data=data,
                evidence_urls=evidence_urls,
                photo=photo,
                key=key,
                supersedes=supersedes,
            )
            if submit:
                report = report_submit(report=report, submitted_by=created_by)
            return report
    except IntegrityError:
        # The same key raced in from another request; that one won.
        existing = _existing_for_key(created_by, key)
        if existing is None:
            raise
        return existing


def _create(*, kim, created_by, data, evidence_urls, photo, key, supersedes):
    # A correction was guarded by report_correct ("monitoring.correct_report").
    if supersedes is None:
        guard(created_by, "monitoring.create_report", kim)
    cleaned, parsed = _clean_with_evidence(
        kim, data, evidence_urls, allow_locked=supersedes is not None
    )
    report = DisseminationReport(
        kim=kim,
        village_id=kim.village_id,
        created_by=created_by,
        idempotency_key=key,
        **cleaned,
    )
    if supersedes is not None:
        report.supersedes = supersedes
        report.version = supersedes.version + 1
    if photo:
        report.photo_content_type, _name = store_upload(
            report.photo, photo, folder="reports", formats=IMAGE_FORMATS, field="photo"
        )
    report.save()
    _attach_evidence(report, parsed)
    _mark_delivery_reported(report)
    return report


@transaction.atomic
def report_update(
    *,
    report: DisseminationReport,
    updated_by,
    data: dict,
    evidence_urls: Iterable[str] | None = None,
    photo=None,
) -> DisseminationReport:
    """Change a draft or returned report (while its month is open)."""
    report = lock_row(DisseminationReport, report)
    guard(updated_by, "monitoring.change_report", report)
    merged = {
        "material": report.material_id,
        "action_kind": report.action_kind,
        "format": report.format,
        "medium": report.medium,
        "activity": report.activity,
        "activity_count": report.activity_count,
        "activity_date": report.activity_date,
        **data,
    }
    cleaned = _clean(report.kim, merged, allow_locked=report.supersedes_id is not None)
    cleaned.setdefault("material_id", None)
    cleaned.pop("material", None)
    for field, value in cleaned.items():
        setattr(report, field, value)
    if photo:
        report.photo_content_type, _name = store_upload(
            report.photo, photo, folder="reports", formats=IMAGE_FORMATS, field="photo"
        )
    report.save()
    if evidence_urls is not None:
        _attach_evidence(report, _parse_evidence(evidence_urls))
    _mark_delivery_reported(report)
    return report


@transaction.atomic
def report_submit(*, report: DisseminationReport, submitted_by) -> DisseminationReport:
    """Send a draft (or a returned report, corrected) to the kab/kota for validation."""
    report = lock_row(DisseminationReport, report)
    guard(submitted_by, "monitoring.submit_report", report)
    if not report.photo and not report.evidence.exists():
        raise ValidationError(
            {"evidence": _("Sertakan minimal satu tautan bukti atau foto kegiatan.")}
        )
    report.state = ReportState.SUBMITTED
    report.submitted_by = submitted_by
    report.submitted_at = timezone.now()
    report.save(update_fields=["state", "submitted_by", "submitted_at", "updated_at"])
    return report


def _supersede(report: DisseminationReport, now) -> list[DisseminationReport]:
    """A validated correction takes the old version's place in the counts."""
    if not report.supersedes_id:
        return []
    old = lock_row(DisseminationReport, report.supersedes_id)
    if old.superseded_at is not None:
        return []
    was_counting = old.counts
    old.superseded_at = now
    old.save(update_fields=["superseded_at", "updated_at"])
    return [old] if was_counting else []


@transaction.atomic
def report_validate(
    *, report: DisseminationReport, validated_by
) -> DisseminationReport:
    """The kab/kota accepts a submitted report: from now on it counts."""
    report = lock_row(DisseminationReport, report)
    guard(validated_by, "monitoring.validate_report", report)
    now = timezone.now()
    report.state = ReportState.VALIDATED
    report.validated_by = validated_by
    report.validated_at = now
    report.save(update_fields=["state", "validated_by", "validated_at", "updated_at"])
    removed = _supersede(report, now)
    reports_counted_changed(added=[report], removed=removed)
    return report


@transaction.atomic
def reports_validate(*, report_ids: Iterable[int], validated_by) -> int:
    """Validate many submitted reports at once (the queue's bulk action). Every row is
    locked and guarded like a single validation; one refused report refuses the whole
    batch, so the officer never wonders which half went through. Returns the count."""
    ids = sorted({int(pk) for pk in report_ids})
    if not ids:
        return 0
    reports = list(
        DisseminationReport.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if len(reports) != len(ids):
        raise PermissionDenied(_("Sebagian laporan tidak ditemukan."))
    for report in reports:
        guard(validated_by, "monitoring.validate_report", report)
    now = timezone.now()
    DisseminationReport.objects.filter(pk__in=ids).update(
        state=ReportState.VALIDATED,
        validated_by=validated_by,
        validated_at=now,
        updated_at=now,
    )
    removed = []
    for report in reports:
        report.state = ReportState.VALIDATED
        report.validated_by = validated_by
        report.validated_at = now
        removed += _supersede(report, now)
    reports_counted_changed(added=reports, removed=removed)
    return len(reports)


@transaction.atomic
def report_return(
    *, report: DisseminationReport, returned_by, reason: str
) -> DisseminationReport:
    """Send a report back to its KIM with a reason it will read."""
    report = lock_row(DisseminationReport, report)
    guard(returned_by, "monitoring.return_report", report)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pengembalian.")})
    was_counting = report.counts
    report.state = ReportState.RETURNED
    report.return_reason = reason[:2000]
    report.returned_by = returned_by
    report.returned_at = timezone.now()
    report.save(
        update_fields=[
            "state",
            "return_reason",
            "returned_by",
            "returned_at",
            "updated_at",
        ]
    )
    if was_counting:
        reports_counted_changed(removed=[report])
    return report


def report_correct(
    *,
    report: DisseminationReport,
    corrected_by,
    data: dict,
    evidence_urls: Iterable[str] | None = None,
    photo=None,
    idempotency_key: str = "",
    submit: bool = False,
) -> DisseminationReport:
    """A correction of a validated report of a locked month: a new version (a draft,
    or submitted at once) that replaces the old one in the counts once validated. The
    old version is never edited."""
    with transaction.atomic():
        old = lock_row(DisseminationReport, report)
        guard(corrected_by, "monitoring.correct_report", old)
        base = {
            "material": old.material_id,
            "action_kind": old.action_kind,
            "format": old.format,
            "medium": old.medium,
            "activity": old.activity,
            "activity_count": old.activity_count,
            "activity_date": old.activity_date,
        }
        urls = (
            list(old.evidence.values_list("url", flat=True))
            if evidence_urls is None
            else list(evidence_urls)
        )
        correction = _create_once(
            kim=old.kim,
            created_by=corrected_by,
            data={**base, **data},
            evidence_urls=urls,
            photo=photo,
            idempotency_key=idempotency_key,
            submit=False,
            supersedes=old,
        )
        if not photo and old.photo and not correction.photo:
            correction.photo = old.photo.name
            correction.photo_content_type = old.photo_content_type
            correction.save(update_fields=["photo", "photo_content_type"])
        if submit:
            correction = report_submit(report=correction, submitted_by=corrected_by)
        return correction


def evidence_check_record(*, link_id: int, status: str) -> None:
    """Record the result of a background check of one evidence link."""
    if status not in CheckStatus.values:
        raise ValueError(status)
    EvidenceLink.objects.filter(pk=link_id).update(
        check_status=status, checked_at=timezone.now()
    )


__all__ = [
    "TransitionError",
    "evidence_checks_suppressed",
    "evidence_check_record",
    "report_correct",
    "report_create",
    "report_return",
    "report_submit",
    "report_update",
    "report_validate",
    "reports_validate",
]
