"""Who may do what in monitoring, in which state (django-rules, through the core's
`register_transitions`: a wrong actor is PermissionDenied/403, a wrong state
TransitionError/409).

Actors include the region: a kab/kota officer acts only on reports of KIM in its
kab/kota, a KIM member only on its own KIM's reports, an issuer only on its office's
material. Views read through the scoping rule first, so an out-of-scope object is a 404
before these are asked.
"""

import rules
from django.utils.translation import gettext_lazy as _

from kimportal.accounts.rules import (
    is_dinas_staff,
    is_kim_member,
    is_ministry,
    is_province_officer,
    is_regency_officer,
)
from kimportal.core.access import register_transitions
from kimportal.core.contributions import kim_id_of
from kimportal.core.scoping import code_in_scope
from registry.choices import KimStatus

from .choices import MaterialState, ReportState
from .periods import month_is_locked


def own_kim_id(user) -> int | None:
    """The KIM of a `kim` user, through the resolver the registry registers."""
    if user is None or not user.is_authenticated:
        return None
    return kim_id_of(user)


def _kim_of(obj):
    """(kim id, desa code) of a KIM or of a report."""
    if obj is None:
        return None, None
    if hasattr(obj, "kim_id"):
        return obj.kim_id, getattr(obj, "village_id", None)
    return obj.pk, obj.village_id


@rules.predicate
def is_member_of_kim(user, obj):
    kim_id, _code = _kim_of(obj)
    return kim_id is not None and is_kim_member(user) and own_kim_id(user) == kim_id


@rules.predicate
def is_regency_officer_of(user, obj):
    _kim_id, code = _kim_of(obj)
    return bool(code) and is_regency_officer(user) and code_in_scope(user, code)


@rules.predicate
def is_issuer_of(user, material):
    return (
        material is not None
        and is_dinas_staff(user)
        and user.office_id is not None
        and user.office_id == material.issuer_office_id
    )


@rules.predicate
def kim_is_verified(user, kim):
    return kim is not None and kim.status == KimStatus.VERIFIED


@rules.predicate
def report_month_locked(user, report):
    return report is not None and month_is_locked(report.month)


@rules.predicate
def report_is_correction(user, report):
    return report is not None and report.supersedes_id is not None


@rules.predicate
def report_is_open(user, report):
    return report is not None and report.state in (
        ReportState.DRAFT,
        ReportState.RETURNED,
    )


@rules.predicate
def report_awaits_validation(user, report):
    return report is not None and report.state == ReportState.SUBMITTED


@rules.predicate
def report_counts(user, report):
    return report is not None and report.counts


@rules.predicate
def report_has_correction(user, report):
    return (
        report is not None
        and report.pk is not None
        and type(report).objects.filter(supersedes=report).exists()
    )


@rules.predicate
def material_is_draft(user, material):
    return material is not None and material.state == MaterialState.DRAFT


@rules.predicate
def material_is_published(user, material):
    return material is not None and material.state == MaterialState.PUBLISHED


reporter = is_member_of_kim | is_regency_officer_of
# A report of a locked month is no longer edited or submitted, unless it is itself the
# correction (a new version) made for that purpose.
report_editable = report_is_open & (~report_month_locked | report_is_correction)

TRANSITION_ACTORS = {
    "monitoring.create_material": is_ministry
    | is_province_officer
    | is_regency_officer,
    "monitoring.change_material": is_issuer_of,
    "monitoring.publish_material": is_issuer_of,
    "monitoring.withdraw_material": is_issuer_of,
    "monitoring.deliver_material": is_issuer_of,
    "monitoring.create_report": reporter,
    "monitoring.change_report": reporter,
    "monitoring.submit_report": reporter,
    "monitoring.validate_report": is_regency_officer_of,
    "monitoring.return_report": is_regency_officer_of,
    "monitoring.correct_report": reporter,
    "monitoring.open_delivery": is_member_of_kim,
}
TRANSITION_STATES = {
    "monitoring.change_material": material_is_draft,
    "monitoring.publish_material": material_is_draft,
    "monitoring.withdraw_material": material_is_published,
    "monitoring.deliver_material": material_is_published,
    "monitoring.create_report": kim_is_verified,
    "monitoring.change_report": report_editable,
    "monitoring.submit_report": report_editable,
    "monitoring.validate_report": report_awaits_validation,
    # A validated report goes back to its KIM only while its month is open; after the
    # lock, counted history changes only through a new version.
    "monitoring.return_report": report_awaits_validation
    | (report_counts & ~report_month_locked),
    "monitoring.correct_report": report_counts
    & report_month_locked
    & ~report_has_correction,
}
TRANSITION_MESSAGES = {
    "monitoring.change_material": _("Bahan yang sudah diterbitkan tidak dapat diubah."),
    "monitoring.publish_material": _("Bahan ini sudah diterbitkan atau ditarik."),
    "monitoring.withdraw_material": _("Hanya bahan yang terbit yang dapat ditarik."),
    "monitoring.deliver_material": _("Hanya bahan yang terbit yang dapat dikirim."),
    "monitoring.create_report": _("KIM ini belum terverifikasi."),
    "monitoring.change_report": _(
        "Laporan ini tidak dapat diubah: sudah diajukan, tervalidasi, atau bulannya "
        "sudah dikunci."
    ),
    "monitoring.submit_report": _(
        "Laporan ini tidak dapat diajukan: sudah diajukan, tervalidasi, atau bulannya "
        "sudah dikunci."
    ),
    "monitoring.validate_report": _(
        "Hanya laporan yang diajukan yang dapat divalidasi."
    ),
    "monitoring.return_report": _(
        "Laporan ini tidak dapat dikembalikan: belum diajukan, atau bulannya sudah "
        "dikunci (ajukan koreksi sebagai versi baru)."
    ),
    "monitoring.correct_report": _(
        "Koreksi versi baru hanya untuk laporan tervalidasi pada bulan yang sudah "
        "dikunci, dan belum dikoreksi. Sebelum dikunci, minta Dinas mengembalikannya."
    ),
    "monitoring.open_delivery": _("Bahan ini tidak ditujukan ke KIM Anda."),
}

register_transitions(
    TRANSITION_ACTORS,
    TRANSITION_STATES,
    {k: str(v) for k, v in TRANSITION_MESSAGES.items()},
)

# Reading pages: staff see reports and materials of their scope; the queue's actions
# are for the kab/kota (province and ministry read).
rules.add_perm("monitoring.view_reports", is_dinas_staff | is_kim_member)
rules.add_perm("monitoring.validate_reports", is_regency_officer)
rules.add_perm("monitoring.view_materials", is_dinas_staff | is_kim_member)
rules.add_perm(
    "monitoring.add_material", TRANSITION_ACTORS["monitoring.create_material"]
)
