"""KIM from an office's existing list (guideline §II.B.1.b–d): registered as
*submitted* (`from_old_list`), so verification still asks for their documents.

The import's fast path validates a batch of rows with a few queries (villages, existing
KIM) and writes new KIM with multi-row INSERTs; the database triggers still fire for
every row (pghistory's audit rows, the KimCount and KimMediaCount statement
triggers). A row that changes an existing KIM goes through `kim_update`, the same
service the edit page uses.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.phones import normalize_phone
from kimportal.imports.bulk import copy_tracked
from kimportal.imports.kinds import (
    CheckResult,
    CommitError,
    ImportKind,
    RowError,
    TemplateColumn,
    register_import_kind,
)
from kimportal.regions.models import Region, RegionLevel

from .choices import GovernmentAffair, KimStatus, KimType, MediaType
from .models import Kim
from .services.access import kim_guard
from .services.kims import kim_update

H_NIK = "NIK"
H_NAME = "Nama KIM"
H_TYPE = "Tipe"
H_VILLAGE = "Kode desa/kelurahan"
H_CHAIR = "Ketua/narahubung"
H_WHATSAPP = "WhatsApp"
H_EMAIL = "Email"
H_MEDIA = "Jenis media"
H_FIELDS = "Bidang kegiatan"
# Column -> Kim field compared to decide "unchanged" / "updated".
FIELD_OF = {
    H_NAME: "name",
    H_TYPE: "kim_type",
    H_CHAIR: "chair_name",
    H_WHATSAPP: "whatsapp",
    H_EMAIL: "email",
    H_MEDIA: "media_types",
    H_FIELDS: "fields",
}
_email = EmailValidator()


def _lookup(choices) -> dict[str, str]:
    table = {}
    for c in choices:
        table[c.value.lower()] = c.value
        table[str(c.label).lower()] = c.value
    return table


def _columns() -> list[TemplateColumn]:
    return [
        TemplateColumn(H_NIK, ""),
        TemplateColumn(H_NAME, "KIM Mentari", required=True),
        TemplateColumn(
            H_TYPE, str(KimType.A.label), [str(c.label) for c in KimType], required=True
        ),
        TemplateColumn(H_VILLAGE, "35.07.01.2001", required=True, region=True),
        TemplateColumn(H_CHAIR, "Siti Aminah", required=True),
        TemplateColumn(H_WHATSAPP, "081234567890"),
        TemplateColumn(H_EMAIL, "kim.mentari@example.id"),
        TemplateColumn(
            H_MEDIA,
            str(MediaType.SOCIAL.label),
            [str(c.label) for c in MediaType],
            several=True,
        ),
        TemplateColumn(
            H_FIELDS,
            str(GovernmentAffair.choices[0][1]),
            [str(c.label) for c in GovernmentAffair],
            several=True,
        ),
    ]


def _parse(row: dict, errors: list[RowError], types, media, affairs) -> dict:
    number = row["row"]
    data: dict = {}

    def fail(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    for header, field, limit in ((H_NAME, "name", 200), (H_CHAIR, "chair_name", 120)):
        value = row.get(header, "")
        if not value:
            fail(header, _("Wajib diisi."))
        elif len(value) > limit:
            fail(header, _("Paling banyak %(n)s karakter.") % {"n": limit})
        data[field] = value
    kim_type = types.get(row.get(H_TYPE, "").lower())
    if kim_type is None:
        fail(H_TYPE, _("Pilih Tipe A atau Tipe B dari daftar."))
    data["kim_type"] = kim_type
    for header, field, table in (
        (H_MEDIA, "media_types", media),
        (H_FIELDS, "fields", affairs),
    ):
        if header not in row:
            continue
        values = []
        for part in (p.strip() for p in row[header].split(";")):
            if not part:
                continue
            value = table.get(part.lower())
            if value is None:
                fail(header, _("Nilai tidak dikenal: %(value)s") % {"value": part})
            elif value not in values:
                values.append(value)
        data[field] = values
    if H_WHATSAPP in row:
        try:
            data["whatsapp"] = normalize_phone(
                row[H_WHATSAPP], field="whatsapp", mobile=True
            )
        except ValidationError as exc:
            fail(H_WHATSAPP, " ".join(exc.messages))
    if H_EMAIL in row:
        email = row[H_EMAIL]
        if email:
            try:
                _email(email)
            except ValidationError:
                fail(H_EMAIL, _("Alamat email tidak valid."))
        data["email"] = email
    return data


def kim_import_check(rows: list[dict], *, user, state: dict) -> CheckResult:
    """Check a batch of rows of a KIM list; `state` carries what earlier batches saw."""
    result = CheckResult()
    if "types" not in state:
        state.update(
            types=_lookup(KimType),
            media=_lookup(MediaType),
            affairs=_lookup(GovernmentAffair),
            seen={},
        )
    scope = user.scope_code or ""
    codes = {r.get(H_VILLAGE, "") for r in rows}
    villages = dict(
        Region.objects.filter(code__in=codes, level=RegionLevel.VILLAGE).values_list(
            "code", "retired"
        )
    )
    niks = [r[H_NIK] for r in rows if r.get(H_NIK)]
    names = list({r.get(H_NAME, "").upper() for r in rows})
    by_key: dict = {}
    by_nik: dict = {}
    fields = ("id", "nik", "village_id", *FIELD_OF.values())
    # Only the KIM this batch names: (desa, name) pairs, case-insensitively, or NIK.
    # Arrays as single parameters (an IN list of 10,000 values took psycopg longer
    # to split than PostgreSQL to answer), and no ordering.
    columns = ", ".join(f'"{f}"' for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM registry_kim WHERE (village_id = ANY(%s) "
            "AND upper(name) = ANY(%s)) OR nik = ANY(%s)",
            [list(codes), names, niks],
        )
        for values in cursor.fetchall():
            found = SimpleNamespace(**dict(zip(fields, values, strict=True)))
            by_key[(found.village_id, found.name.casefold())] = found
            if found.nik:
                by_nik[found.nik] = found
    for row in rows:
        errors: list[RowError] = []
        # The dry run's parse of this row's text (kept with the row), else parse now.
        data = row.get("_parsed")
        if data is None:
            data = _parse(row, errors, state["types"], state["media"], state["affairs"])
            if not errors:
                row["_parsed"] = data
        number = row["row"]
        code = row.get(H_VILLAGE, "")
        if code not in villages:
            errors.append(
                RowError(number, H_VILLAGE, _("Kode desa/kelurahan tidak terdaftar."))
            )
        elif villages[code]:
            errors.append(
                RowError(
                    number, H_VILLAGE, _("Kode desa/kelurahan sudah tidak berlaku.")
                )
            )
        elif not code.startswith(scope):
            errors.append(
                RowError(
                    number,
                    H_VILLAGE,
                    _("Desa/kelurahan ini di luar wilayah kerja Anda."),
                )
            )
        key = (code, data.get("name", "").casefold())
        if key in state["seen"]:
            errors.append(
                RowError(
                    number,
                    H_NAME,
                    _("KIM ini sudah ada di baris %(row)s berkas yang sama.")
                    % {"row": state["seen"][key]},
                )
            )
        else:
            state["seen"][key] = number
        if errors:
            result.errors += errors
            continue
        kim = by_nik.get(row.get(H_NIK, "")) if row.get(H_NIK) else by_key.get(key)
        if kim is None:
            result.new += 1
            result.plan.append(("new", number, code, data))
            continue
        changes = {
            field: data[field]
            for header, field in FIELD_OF.items()
            if header in row and field in data and getattr(kim, field) != data[field]
        }
        if kim.village_id != code:
            result.errors.append(
                RowError(
                    number,
                    H_VILLAGE,
                    _("Desa KIM bernomor NIK ini tidak dapat diubah lewat impor."),
                )
            )
        elif changes:
            result.updated += 1
            result.plan.append(("update", number, kim.id, changes))
        else:
            result.unchanged += 1
    return result


# Columns a new KIM from a list is written with from its row; the others are the same
# for every KIM of the import (their model defaults, the state, who, when).
_ROW_COLUMNS = "name kim_type chair_name whatsapp email media_types fields village_id"
_SAME_COLUMNS = {
    "inactive_reason": "",
    "street": "",
    "rt": "",
    "rw": "",
    "house_number": "",
    "phone": "",
    "social_groups": [],
    "public_issues": "",
    "frequency_unit": "",
    "content_types": [],
    "power_reach": 0,
    "influence_response": 0,
    "status": KimStatus.SUBMITTED.value,
    "from_old_list": True,
}


def _copy_new_kim(rows: list[tuple[str, dict]], *, user) -> list[int]:
    """Insert new KIM with one COPY (`copy_tracked`): one pghistory `insert` event per
    KIM with the import's context, written set-based; the KimCount and KimMediaCount
    statement triggers fire for COPY as for INSERT. Returns their ids, in the file's
    order."""
    now = timezone.now()
    return copy_tracked(
        Kim,
        _ROW_COLUMNS.split(),
        (
            (
                data["name"],
                data["kim_type"],
                data["chair_name"],
                data.get("whatsapp", ""),
                data.get("email", ""),
                data.get("media_types", []),
                data.get("fields", []),
                code,
            )
            for code, data in rows
        ),
        count=len(rows),
        constants={
            **_SAME_COLUMNS,
            "submitted_at": now,
            "created_at": now,
            "updated_at": now,
            "registered_by_id": user.pk,
        },
    )


def kim_import_commit(plan: list, *, user) -> list[int]:
    """Write a checked plan: new KIM as submitted, changes through `kim_update`."""
    kim_guard(user, "registry.add_kim", kim=None)
    created = _copy_new_kim(
        [(code, data) for action, _number, code, data in plan if action == "new"],
        user=user,
    )
    errors = []
    for action, number, pk, changes in plan:
        if action != "update":
            continue
        try:
            kim_update(kim=Kim.objects.get(pk=pk), updated_by=user, data=changes)
        except ValidationError as exc:
            errors.append(RowError(number, "", " ".join(exc.messages)))
    if errors:
        raise CommitError(errors)
    return created


def register() -> None:
    register_import_kind(
        ImportKind(
            key="kim",
            label=_("Daftar KIM"),
            columns=_columns(),
            may_import=lambda user: user.has_perm("registry.add_kim"),
            check=kim_import_check,
            commit=kim_import_commit,
            record_url=lambda pk: f"/kim/{pk}/",
        )
    )
