"""Dissemination reports from a spreadsheet (SPEC §7): one row per activity of a KIM,
filed by its kab/kota officer on the KIM's behalf through `report_create` and submitted
for validation. Each row carries an idempotency key made from its content, so the
service itself turns a re-imported row into the report it already made (unchanged)."""

from __future__ import annotations

import datetime
import hashlib

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from kimportal.core.dates import today_in_jakarta
from kimportal.imports.kinds import (
    CheckResult,
    ImportKind,
    RowError,
    TemplateColumn,
    commit_each,
    kab_kota_officers,
    register_import_kind,
)
from registry.selectors import kim_list

from .choices import ActionKind, Medium, ReportFormat
from .models import DisseminationReport
from .services import report_create

H_NIK = "NIK KIM"
H_DATE = "Tanggal kegiatan"
H_ACTION = "Aksi diseminasi"
H_FORMAT = "Format"
H_MEDIUM = "Media"
H_ACTIVITY = "Uraian kegiatan"
H_COUNT = "Jumlah kegiatan"
H_LINK = "Tautan bukti"
CHOICES = {H_ACTION: ActionKind, H_FORMAT: ReportFormat, H_MEDIUM: Medium}
FIELD_OF = {H_ACTION: "action_kind", H_FORMAT: "format", H_MEDIUM: "medium"}
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def _columns() -> list[TemplateColumn]:
    return [
        TemplateColumn(H_NIK, "35.07.2026.0001", required=True),
        TemplateColumn(H_DATE, today_in_jakarta().isoformat(), required=True),
        *[
            TemplateColumn(
                h, str(c.choices[0][1]), [str(x.label) for x in c], required=True
            )
            for h, c in CHOICES.items()
        ],
        TemplateColumn(H_ACTIVITY, "Membagikan video pencegahan DBD"),
        TemplateColumn(H_COUNT, "1"),
        TemplateColumn(
            H_LINK, "https://www.youtube.com/watch?v=abcdefghijk", required=True
        ),
    ]


def _date(text: str) -> datetime.date | None:
    """ISO, dd/mm/yyyy, or the serial number Excel stores for a date cell."""
    text = text.strip()
    try:
        if text.replace(".", "", 1).isdigit():
            return EXCEL_EPOCH + datetime.timedelta(days=int(float(text)))
        if "/" in text:
            day, month, year = (int(p) for p in text.split("/"))
            return datetime.date(year, month, day)
        return parse_date(text)
    except (ValueError, OverflowError):
        return None


def _key(row: dict) -> str:
    content = "\x1f".join(row.get(c.header, "") for c in _columns())
    return "import:" + hashlib.sha1(content.encode()).hexdigest()[:40]  # noqa: S324


def report_import_check(rows: list[dict], *, user, state: dict) -> CheckResult:
    """Check a batch of report rows: KIM by NIK in the user's scope, choices by label."""
    result = CheckResult()
    if "labels" not in state:
        state["labels"] = {
            h: {str(x.label).lower(): x.value for x in c}
            | {x.value: x.value for x in c}
            for h, c in CHOICES.items()
        }
    niks = {r.get(H_NIK, "") for r in rows}
    kims = dict(kim_list(user=user).filter(nik__in=niks).values_list("nik", "id"))
    keys = {_key(r) for r in rows}
    done = set(
        DisseminationReport.objects.filter(
            created_by=user, idempotency_key__in=keys
        ).values_list("idempotency_key", flat=True)
    )
    today = today_in_jakarta()
    for row in rows:
        number, errors = row["row"], []
        kim_id = kims.get(row.get(H_NIK, ""))
        if kim_id is None:
            errors.append(
                RowError(
                    number, H_NIK, _("KIM dengan NIK ini tidak ada di wilayah Anda.")
                )
            )
        data: dict = {"activity": row.get(H_ACTIVITY, "")[:300]}
        for header, field in FIELD_OF.items():
            value = state["labels"][header].get(row.get(header, "").lower())
            if value is None:
                errors.append(RowError(number, header, _("Pilih nilai dari daftar.")))
            data[field] = value
        day = _date(row.get(H_DATE, ""))
        if day is None or day > today:
            errors.append(
                RowError(
                    number, H_DATE, _("Isi tanggal kegiatan (tidak di masa depan).")
                )
            )
        data["activity_date"] = day
        count = row.get(H_COUNT, "") or "1"
        if not count.isdigit() or not 1 <= int(count) <= 10000:
            errors.append(RowError(number, H_COUNT, _("Isi angka 1 sampai 10.000.")))
        else:
            data["activity_count"] = int(count)
        if not row.get(H_LINK):
            errors.append(RowError(number, H_LINK, _("Wajib diisi: tautan bukti.")))
        if errors:
            result.errors += errors
        elif _key(row) in done:
            result.unchanged += 1
        else:
            result.new += 1
            link = row.get(H_LINK, "")
            result.plan.append(
                (number, kim_id, data, [link] if link else [], _key(row))
            )
    return result


def report_import_commit(plan: list, *, user) -> list[int]:
    """File and submit each planned report through `report_create`."""
    kims = {k.pk: k for k in kim_list(user=user).filter(pk__in={p[1] for p in plan})}

    def file_row(entry):
        _number, kim_id, data, links, key = entry
        return report_create(
            kim=kims[kim_id],
            created_by=user,
            data=data,
            evidence_urls=links,
            idempotency_key=key,
            submit=True,
        )

    return commit_each(plan, file_row)


def register() -> None:
    register_import_kind(
        ImportKind(
            key="reports",
            label=_("Laporan diseminasi"),
            columns=_columns(),
            may_import=kab_kota_officers,
            check=report_import_check,
            commit=report_import_commit,
            record_url=lambda pk: f"/monitoring/reports/{pk}/",
            batch_size=1000,
        )
    )
