"""Capacity needs (Tabel 4.1) from a spreadsheet: one row per KIM, filed by its
kab/kota officer on its behalf through `capacity_need_file`, the same service the form
uses (a new dated filing that becomes the KIM's latest). A row equal to the KIM's
latest filing is unchanged, so re-importing a file changes nothing. The columns are
those of the needs export (`collaboration.exports`), so an exported list imports back
unchanged; the export's other columns (names, dates) are ignored."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kimportal.imports.kinds import (
    CheckResult,
    ImportKind,
    RowError,
    TemplateColumn,
    commit_each,
    kab_kota_officers,
    register_import_kind,
)
from registry.choices import ContentType, KimStatus, MediaType
from registry.selectors import kim_list

from .choices import ProductionManagement, Readiness, Skill, SkillLevel
from .models import CapacityNeed, CapacitySkill
from .services import capacity_need_file
from .services.needs import MAX_MEMBERS

H_NIK = "NIK KIM"
H_MEDIA = {
    Readiness.READY: "Media siap dikelola",
    Readiness.PARTLY: "Media kurang siap",
    Readiness.NOT_READY: "Media belum siap",
}
H_CONTENT = "Jenis konten"
H_PUBLISHED = "Dimuat di media"
H_MEMBERS = "Anggota yang terlibat produksi"
H_MANAGEMENT = "Pengelolaan produksi"
# The skills a row rates (Lainnya needs a name: it stays on the form).
SKILLS = [s for s in Skill if s != Skill.OTHER]
H_LEVEL = {s: f"Tingkat {s.label}" for s in SKILLS}
H_TRAINING = "Ingin pelatihan"
H_NOTE = "Catatan"


def _labels(choices) -> list[str]:
    return [str(c.label) for c in choices]


def need_import_columns() -> list[TemplateColumn]:
    return [
        TemplateColumn(H_NIK, "35.07.2026.0001", required=True),
        TemplateColumn(
            H_MEDIA[Readiness.READY],
            str(MediaType.SOCIAL.label),
            _labels(MediaType),
            several=True,
        ),
        TemplateColumn(H_MEDIA[Readiness.PARTLY], "", _labels(MediaType), several=True),
        TemplateColumn(
            H_MEDIA[Readiness.NOT_READY], "", _labels(MediaType), several=True
        ),
        TemplateColumn(
            H_CONTENT,
            str(ContentType.choices[0][1]),
            _labels(ContentType),
            several=True,
        ),
        TemplateColumn(
            H_PUBLISHED, str(MediaType.SOCIAL.label), _labels(MediaType), several=True
        ),
        TemplateColumn(H_MEMBERS, "4"),
        TemplateColumn(
            H_MANAGEMENT,
            str(ProductionManagement.PARTIAL.label),
            _labels(ProductionManagement),
            required=True,
        ),
        *[
            TemplateColumn(
                H_LEVEL[s],
                str(SkillLevel.BASIC.label if s == Skill.WRITING else ""),
                _labels(SkillLevel),
            )
            for s in SKILLS
        ],
        TemplateColumn(
            H_TRAINING,
            str(Skill.WRITING.label),
            [str(s.label) for s in SKILLS],
            several=True,
        ),
        TemplateColumn(H_NOTE, ""),
    ]


def _lookup(choices) -> dict[str, object]:
    table: dict[str, object] = {}
    for c in choices:
        table[str(c.value).lower()] = c.value
        table[str(c.label).lower()] = c.value
    return table


def _many(row, header, table, fail) -> list:
    values: list = []
    for part in (p.strip() for p in row.get(header, "").split(";")):
        if not part:
            continue
        value = table.get(part.lower())
        if value is None:
            fail(header, _("Nilai tidak dikenal: %(value)s") % {"value": part})
        elif value not in values:
            values.append(value)
    return values


def _parse(row: dict, fail, tables: dict) -> dict:
    """The filing a row describes, as `capacity_need_file` takes it."""
    media: dict[str, str] = {}
    for readiness, header in H_MEDIA.items():
        for value in _many(row, header, tables["media"], fail):
            if value in media:
                fail(header, _("Media ini sudah diisi di kolom media lain."))
            media[value] = readiness.value
    members = row.get(H_MEMBERS, "") or "0"
    if not members.isdigit() or int(members) > MAX_MEMBERS:
        fail(H_MEMBERS, _("Isi angka 0 sampai %(n)s.") % {"n": f"{MAX_MEMBERS:,}"})
        members = "0"
    management = tables["management"].get(row.get(H_MANAGEMENT, "").lower())
    if management is None:
        fail(H_MANAGEMENT, _("Pilih nilai dari daftar."))
    training = _many(row, H_TRAINING, tables["skills"], fail)
    skills = []
    for skill in SKILLS:
        text = row.get(H_LEVEL[skill], "")
        if not text:
            if skill in training:
                fail(
                    H_TRAINING,
                    _("Isi juga tingkat %(skill)s.") % {"skill": skill.label},
                )
            continue
        level = tables["levels"].get(text.lower())
        if level is None:
            fail(H_LEVEL[skill], _("Pilih tingkat dari daftar."))
            continue
        skills.append(
            {
                "skill": skill.value,
                "level": int(level),
                "members": 0,
                "wants_training": skill in training,
            }
        )
    if not skills:
        fail(H_LEVEL[SKILLS[0]], _("Isi tingkat paling sedikit satu keahlian."))
    return {
        "media_readiness": media,
        "content_types": _many(row, H_CONTENT, tables["content"], fail),
        "published_on": _many(row, H_PUBLISHED, tables["media"], fail),
        "production_members": int(members),
        "production_management": management,
        "skills": skills,
        "note": row.get(H_NOTE, "")[:2000],
    }


def _same(need: CapacityNeed | None, data: dict) -> bool:
    """Whether `need` (the KIM's latest filing) already says what the row says."""
    if need is None:
        return False
    skills = {(s.skill, s.level, s.wants_training) for s in need.skills.all()}
    return (
        need.media_readiness == data["media_readiness"]
        and sorted(need.content_types) == sorted(data["content_types"])
        and sorted(need.published_on) == sorted(data["published_on"])
        and need.production_members == data["production_members"]
        and need.production_management == data["production_management"]
        and need.note == data["note"].strip()
        and skills
        == {(s["skill"], s["level"], s["wants_training"]) for s in data["skills"]}
    )


def need_import_check(rows: list[dict], *, user, state: dict) -> CheckResult:
    """Check a batch: each KIM by NIK in the user's scope and verified, once per file."""
    result = CheckResult()
    if "tables" not in state:
        state["tables"] = {
            "media": _lookup(MediaType),
            "content": _lookup(ContentType),
            "management": _lookup(ProductionManagement),
            "skills": _lookup(SKILLS),
            "levels": _lookup(SkillLevel),
        }
        state["seen"] = {}
    niks = {r.get(H_NIK, "") for r in rows} - {""}
    latest = CapacityNeed.objects.filter(is_latest=True).prefetch_related(
        Prefetch("skills", queryset=CapacitySkill.objects.order_by("skill"))
    )
    kims = {
        nik: (pk, status)
        for nik, pk, status in kim_list(user=user)
        .filter(nik__in=niks)
        .values_list("nik", "id", "status")
    }
    needs = {
        n.kim_id: n for n in latest.filter(kim_id__in=[k for k, _s in kims.values()])
    }
    for row in rows:
        number = row["row"]
        errors: list[RowError] = []

        def fail(column: str, message: str, number=number, errors=errors) -> None:
            errors.append(RowError(number, column, message))

        nik = row.get(H_NIK, "")
        kim_id, status = kims.get(nik, (None, None))
        if kim_id is None:
            fail(H_NIK, _("KIM dengan NIK ini tidak ada di wilayah Anda."))
        elif status != KimStatus.VERIFIED:
            fail(
                H_NIK,
                _("Kebutuhan kapasitas hanya diisi untuk KIM yang terverifikasi."),
            )
        if nik and nik in state["seen"]:
            fail(
                H_NIK,
                _("KIM ini sudah ada di baris %(row)s berkas yang sama.")
                % {"row": state["seen"][nik]},
            )
        elif nik:
            state["seen"][nik] = number
        data = _parse(row, fail, state["tables"])
        if errors or kim_id is None:
            result.errors += errors
        elif _same(needs.get(kim_id), data):
            result.unchanged += 1
        else:
            result.new += 1
            result.plan.append((number, kim_id, data))
    return result


def need_import_commit(plan: list, *, user) -> list[int]:
    """File each planned row through `capacity_need_file` (which guards itself)."""
    kims = {
        k.pk: k
        for k in kim_list(user=user).filter(pk__in={kim_id for _n, kim_id, _d in plan})
    }
    return commit_each(
        plan,
        lambda entry: capacity_need_file(actor=user, kim=kims[entry[1]], data=entry[2]),
    )


def register() -> None:
    register_import_kind(
        ImportKind(
            key="capacity-needs",
            label=_("Kebutuhan kapasitas KIM"),
            columns=need_import_columns(),
            may_import=kab_kota_officers,
            check=need_import_check,
            commit=need_import_commit,
            record_url=lambda pk: f"/kolaborasi/kebutuhan/{pk}/",
            batch_size=1000,
        )
    )
