"""Collaboration's lists as CSV and XLSX through the core's streaming export
(`kimportal.core.exports`): events, one event's daftar hadir, campaigns and capacity
needs. Each takes a queryset the caller got from the app's selectors (so already
scoped) and names its columns as SQL expressions: the CSV is PostgreSQL's COPY, the
XLSX a streamed workbook, labels and formula escaping done on the way."""

from __future__ import annotations

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import (
    Case,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, TruncDate
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kimportal.core.exports import (
    ChoiceListLabels,
    Column,
    choice_label,
    export_response,
)
from registry.choices import ContentType, MediaType

from . import imports
from .choices import (
    CampaignKind,
    CampaignPhase,
    CampaignState,
    ProductionManagement,
    Skill,
    SkillLevel,
)
from .choices_events import CheckInMethod, EventKind, EventStatus, InviteeRole
from .models import Attendance, CapacitySkill, Event

EXPORT_FORMATS = ("csv", "xlsx")


def _today() -> str:
    return timezone.localdate().isoformat()


def event_columns() -> list[Column]:
    return [
        Column(_("Nama kegiatan"), "title"),
        Column(_("Jenis kegiatan"), choice_label("kind", EventKind)),
        Column(_("Tema"), "theme"),
        Column(_("Kantor penyelenggara"), "office_name"),
        Column(_("Kode wilayah"), "held_by_id"),
        Column(_("Tempat"), "venue_address"),
        Column(_("Tanggal mulai"), "starts_on"),
        Column(_("Tanggal selesai"), "ends_on"),
        Column(_("Status"), choice_label("status", EventStatus)),
        Column(_("Diundang"), "invited"),
        Column(_("Hadir"), "present"),
    ]


def event_export_response(events: QuerySet[Event], fmt: str) -> StreamingHttpResponse:
    """The scoped event list (with `invited` / `present` from `event_list`)."""
    return export_response(
        fmt,
        filename=f"kegiatan-{_today()}",
        queryset=events,
        columns=event_columns(),
        title=_("Kegiatan"),
    )


def attendance_columns() -> list[Column]:
    return [
        Column(_("Hari"), "day"),
        Column(_("Nama"), "invitation__name"),
        Column(_("Peran"), choice_label("invitation__role", InviteeRole)),
        Column(_("KIM"), Coalesce("invitation__kim__name", F("invitation__contact"))),
        Column(_("NIK KIM"), "invitation__kim__nik"),
        Column(_("Waktu hadir"), "checked_in_at"),
        Column(_("Cara hadir"), choice_label("method", CheckInMethod)),
    ]


def attendance_export_response(
    event: Event, rows: QuerySet[Attendance], fmt: str
) -> StreamingHttpResponse:
    """One event's daftar hadir (`attendance_rows` of an event fetched in scope)."""
    name = slugify(f"daftar-hadir-{event.title}")[:80]
    return export_response(
        fmt,
        filename=name,
        queryset=rows,
        columns=attendance_columns(),
        title=_("Daftar hadir"),
    )


def campaign_columns() -> list[Column]:
    return [
        Column(_("Judul kampanye"), "title"),
        Column(_("Sifat"), choice_label("kind", CampaignKind)),
        Column(_("Kantor"), "office__name"),
        Column(_("Kode wilayah"), "region_id"),
        Column(_("Isu publik"), "public_issue__title"),
        Column(_("Tahap"), choice_label("phase", CampaignPhase)),
        Column(_("Status"), choice_label("state", CampaignState)),
        Column(_("Jumlah KIM"), "kim_count"),
        Column(_("Aksi dimulai"), "action_started_on"),
        Column(_("Uji coba berakhir"), "trial_ends_on"),
        Column(_("Berakhir"), "ends_on"),
        Column(_("Dibuat"), TruncDate("created_at")),
    ]


def campaign_export_response(campaigns: QuerySet, fmt: str) -> StreamingHttpResponse:
    return export_response(
        fmt,
        filename=f"kampanye-{_today()}",
        queryset=campaigns,
        columns=campaign_columns(),
        title=_("Kampanye"),
    )


def _skills_where(**conditions):
    """The skills of a filing matching `conditions`, as an array ordered by skill."""
    return Subquery(
        CapacitySkill.objects.filter(need=OuterRef("pk"), **conditions)
        .order_by()
        .values("need")
        .annotate(skills=ArrayAgg("skill", order_by="skill"))
        .values("skills")
    )


def _skill_level(skill) -> Subquery:
    """The level label a filing gives `skill` (empty when not rated)."""
    label = Case(
        *[When(level=c.value, then=Value(str(c.label))) for c in SkillLevel],
        default=Value(""),
        output_field=TextField(),
    )
    return Subquery(
        CapacitySkill.objects.filter(need=OuterRef("pk"), skill=skill)
        .annotate(label=label)
        .values("label")[:1]
    )


def _media_at(readiness: str) -> RawSQL:
    """The media a filing manages at `readiness` (keys of its JSON), as an array."""
    return RawSQL(
        "ARRAY(SELECT key FROM jsonb_each_text("
        '"collaboration_capacityneed"."media_readiness") '
        "WHERE value = %s ORDER BY key)",
        [readiness],
    )


def need_columns() -> list[Column]:
    """The needs list; its Tabel 4.1 columns are the import's (an exported list
    imports back unchanged), the others (names, date, needed skills) are for reading."""
    return [
        Column(imports.H_NIK, "kim__nik"),
        Column(_("Nama KIM"), "kim__name"),
        Column(_("Kode desa/kelurahan"), "village_id"),
        Column(_("Desa/Kelurahan"), "village__name"),
        Column(_("Tanggal pengisian"), "filed_on"),
        *[
            Column(header, ChoiceListLabels(_media_at(readiness.value), MediaType))
            for readiness, header in imports.H_MEDIA.items()
        ],
        Column(imports.H_CONTENT, ChoiceListLabels(F("content_types"), ContentType)),
        Column(imports.H_PUBLISHED, ChoiceListLabels(F("published_on"), MediaType)),
        Column(imports.H_MEMBERS, "production_members"),
        Column(
            imports.H_MANAGEMENT,
            choice_label("production_management", ProductionManagement),
        ),
        *[
            Column(header, _skill_level(skill))
            for skill, header in imports.H_LEVEL.items()
        ],
        Column(
            imports.H_TRAINING,
            ChoiceListLabels(_skills_where(wants_training=True), Skill),
        ),
        Column(
            _("Keahlian yang dibutuhkan"),
            ChoiceListLabels(_skills_where(is_needed=True), Skill),
        ),
        Column(imports.H_NOTE, "note"),
    ]


def need_export_response(needs: QuerySet, fmt: str) -> StreamingHttpResponse:
    return export_response(
        fmt,
        filename=f"kebutuhan-kapasitas-{_today()}",
        queryset=needs.prefetch_related(None),
        columns=need_columns(),
        title=_("Kebutuhan kapasitas"),
    )
