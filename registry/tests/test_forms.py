"""Forms of the registry's staff pages and the desa picker."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.core.service_errors import add_service_error
from kimportal.regions.widgets import RegionPickerField, RegionPickerWidget
from registry import services
from registry.choices import DocumentKind, Requirement
from registry.forms import (
    KimDocumentsForm,
    KimForm,
    OfficerFormSet,
    ReviewDecisionForm,
    VerificationForm,
    document_error_fields,
    formset_rows,
    region_filter_choices,
    village_choices_within,
)
from registry.models import Kim
from registry.services.profile_data import clean_officers
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KAB_SEMARANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    PNG_BYTES,
    kim_profile,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


# --- the desa picker -------------------------------------------------------------------


def test_picker_accepts_a_desa_of_the_officers_regency(demo_users):
    field = RegionPickerField(user=demo_users["kab-malang"], within="35.07")
    assert field.clean(KAB_MALANG_VILLAGE) == KAB_MALANG_VILLAGE


@pytest.mark.parametrize("code", [KOTA_MALANG_VILLAGE, KAB_SEMARANG_VILLAGE])
def test_picker_refuses_a_desa_outside_the_regency(demo_users, code):
    field = RegionPickerField(user=demo_users["kab-malang"], within="35.07")
    with pytest.raises(ValidationError) as error:
        field.clean(code)
    assert "di luar wilayah kabupaten/kota Anda" in str(error.value)


def test_picker_checks_the_users_scope_even_without_a_limit(demo_users):
    field = RegionPickerField(user=demo_users["kab-malang"])
    with pytest.raises(ValidationError) as error:
        field.clean(KOTA_MALANG_VILLAGE)
    assert "di luar wilayah" in str(error.value)


@pytest.mark.parametrize("code", ["35.07.01", "35.07", "99.99.99.9999", "abc"])
def test_picker_refuses_anything_but_a_known_desa(demo_users, code):
    field = RegionPickerField(user=demo_users["kab-malang"], within="35.07")
    with pytest.raises(ValidationError) as error:
        field.clean(code)
    assert "Pilih desa/kelurahan dari daftar" in str(error.value)


def test_picker_for_a_regency_fixes_province_and_regency_and_lists_kecamatan(regions):
    html = RegionPickerWidget(root_code="35.07").render("village", "")
    assert "Jawa Timur" in html and "Kabupaten Malang" in html
    assert 'name="province"' not in html and 'name="regency"' not in html
    assert '<option value="35.07.01">Donomulyo</option>' in html
    assert 'hx-vals=\'{"within": "35.07"}\'' in html
    assert '<label for="id_village">' in html


def test_picker_shows_the_chosen_desa_with_its_kecamatan(regions):
    html = RegionPickerWidget(root_code="35.07").render(
        "village", KAB_MALANG_VILLAGE, attrs={"id": "id_village"}
    )
    assert '<option value="35.07.01" selected>' in html
    assert f'<option value="{KAB_MALANG_VILLAGE}" selected>' in html


def test_picker_for_the_ministry_starts_at_the_province(regions):
    html = RegionPickerWidget(root_code="").render("village", "")
    assert 'name="province"' in html
    assert '<option value="35">' in html
    assert "hx-vals" not in html


def test_picker_ignores_a_chosen_desa_outside_its_root(regions):
    html = RegionPickerWidget(root_code="35.07").render("village", KOTA_MALANG_VILLAGE)
    assert f'value="{KOTA_MALANG_VILLAGE}"' not in html


# --- registration forms ----------------------------------------------------------------


def test_coverage_choices_are_the_regencys_desa_grouped_by_kecamatan(regions):
    groups = dict(village_choices_within("35.07"))
    assert "Donomulyo" in groups
    codes = [code for options in groups.values() for code, _name in options]
    assert KAB_MALANG_VILLAGE in codes
    assert all(code.startswith("35.07.") for code in codes)


def test_kim_form_refuses_coverage_outside_the_regency(demo_users):
    form = KimForm(
        {
            "name": "KIM Uji",
            "village": KAB_MALANG_VILLAGE,
            "coverage": [KOTA_MALANG_VILLAGE],
            "power_reach": "0",
            "influence_response": "0",
        },
        user=demo_users["kab-malang"],
        within="35.07",
    )
    assert not form.is_valid()
    assert "coverage" in form.errors


def test_kim_form_allows_a_draft_without_a_type(demo_users):
    form = KimForm(
        {
            "name": "KIM Uji",
            "village": KAB_MALANG_VILLAGE,
            "power_reach": "0",
            "influence_response": "0",
        },
        user=demo_users["kab-malang"],
        within="35.07",
    )
    assert form.is_valid(), form.errors
    assert form.profile_data()["kim_type"] == ""


def test_officer_rows_skip_empty_lines_and_the_service_asks_for_a_position():
    formset = OfficerFormSet(
        {
            "officers-TOTAL_FORMS": "3",
            "officers-INITIAL_FORMS": "0",
            "officers-0-name": "Siti",
            "officers-0-position": "Ketua",
            "officers-1-name": "Budi",
        },
        prefix="officers",
    )
    # The form checks shape only; a row without a position is the service's to refuse,
    # with its own message, shown beside the rows.
    assert formset.is_valid()
    errors: dict = {}
    assert clean_officers(formset_rows(formset), errors) == [
        {"id": None, "name": "Siti", "position": "Ketua", "phone": ""}
    ]
    assert errors["officers"] == ["Pengurus ke-2: nama dan jabatan wajib diisi."]

    formset = OfficerFormSet(
        {
            "officers-TOTAL_FORMS": "2",
            "officers-INITIAL_FORMS": "0",
            "officers-0-name": "Siti",
            "officers-0-position": "Ketua",
        },
        prefix="officers",
    )
    assert formset.is_valid()
    assert formset_rows(formset) == [
        {"id": None, "name": "Siti", "position": "Ketua", "phone": ""}
    ]


def test_documents_form_refuses_a_file_that_is_not_a_document():
    fake = SimpleUploadedFile("sk.pdf", b"<html>bukan pdf</html>")
    form = KimDocumentsForm(
        {"sk_number": "1", "sk_issued_on": "2026-01-01"}, {"sk_file": fake}
    )
    assert not form.is_valid()
    assert "Isi berkas bukan PDF" in form.errors["sk_file"][0]


def test_sk_number_and_date_are_asked_by_the_service_and_shown_on_their_fields(
    demo_users,
):
    form = KimDocumentsForm({}, {"sk_file": pdf_upload()})
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as exc:
        services.kim_register(
            registered_by=demo_users["kab-malang"],
            kim=None,
            village_code=KAB_MALANG_VILLAGE,
            data=kim_profile(),
            documents=form.documents(),
        )
    add_service_error([form], exc.value, document_error_fields())
    assert set(form.errors) == {"sk_number", "sk_issued_on"}
    assert form.errors["sk_number"] == ["Nomor SK wajib diisi."]
    # Nothing of the registration was saved.
    assert not Kim.objects.filter(name=kim_profile()["name"]).exists()


def test_documents_form_hands_each_document_to_the_service():
    form = KimDocumentsForm(
        {
            "sk_number": "141/1",
            "sk_issued_on": "2026-01-05",
            "sk_expires_on": "2029-01-05",
        },
        {
            "sk_file": pdf_upload(),
            "declaration_file": SimpleUploadedFile("p.png", PNG_BYTES),
        },
    )
    assert form.is_valid(), form.errors
    documents = form.documents()
    assert [d["kind"] for d in documents] == [
        DocumentKind.VILLAGE_HEAD_SK,
        DocumentKind.DECLARATION,
    ]
    assert documents[0]["expires_on"] == datetime.date(2029, 1, 5)


def test_an_expiry_before_the_sk_date_is_refused_by_the_service_on_its_field(
    demo_users,
):
    form = KimDocumentsForm(
        {"sk_number": "1", "sk_issued_on": "2026-01-05", "sk_expires_on": "2025-01-05"},
        {"sk_file": pdf_upload()},
    )
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as exc:
        services.kim_register(
            registered_by=demo_users["kab-malang"],
            kim=None,
            village_code=KAB_MALANG_VILLAGE,
            data=kim_profile(),
            documents=form.documents(),
        )
    add_service_error([form], exc.value, document_error_fields())
    assert form.errors["sk_expires_on"] == [
        "Tanggal berlaku sampai harus setelah tanggal SK."
    ]


# --- verification and review -----------------------------------------------------------


def test_verification_form_needs_an_answer_for_every_requirement():
    form = VerificationForm({"note": ""})
    assert not form.is_valid()
    assert len([k for k in form.errors if k.endswith("__passed")]) == len(
        Requirement.values
    )


def test_verification_form_items_are_what_the_service_takes():
    data = {f"{r}__passed": "yes" for r in Requirement.values}
    data[f"{Requirement.NOT_ASN}__passed"] = "no"
    data[f"{Requirement.NOT_ASN}__note"] = "Bendahara PNS"
    form = VerificationForm(data)
    assert form.is_valid(), form.errors
    items = form.items()
    assert items[Requirement.NOT_ASN] == (False, "Bendahara PNS")
    assert items[Requirement.SK_VALID] == (True, "")
    assert [label for label, _rows in form.groups()][0] == "Syarat untuk dipetakan"


def test_review_termination_form_checks_the_letter_is_a_pdf_and_nothing_more():
    # Which of date, number and letter a termination needs is the service's rule
    # (test_services_reviews, test_views); the form checks types and the file.
    form = ReviewDecisionForm({"outcome": "terminate"})
    assert form.is_valid(), form.errors

    form = ReviewDecisionForm(
        {
            "outcome": "terminate",
            "decision_date": "2026-03-01",
            "decision_number": "480/1",
        },
        {"decision_letter": SimpleUploadedFile("surat.png", PNG_BYTES)},
    )
    assert not form.is_valid()
    assert "Isi berkas bukan PDF" in form.errors["decision_letter"][0]


def test_review_continuation_note_is_asked_by_the_service_on_the_note_field():
    form = ReviewDecisionForm({"outcome": "continue"})
    assert form.is_valid(), form.errors
    error = ValidationError({"note": ["Tuliskan alasan kemitraan dilanjutkan."]})
    add_service_error(form, error)
    assert form.errors["note"] == ["Tuliskan alasan kemitraan dilanjutkan."]


# --- list filter -----------------------------------------------------------------------


def test_region_filter_offers_one_level_below_the_users_region(demo_users):
    regency = dict(region_filter_choices(demo_users["kab-malang"]))
    province = dict(region_filter_choices(demo_users["prov-jatim"]))
    ministry = dict(region_filter_choices(demo_users["kementerian"]))
    assert "35.07.01" in regency
    assert "35.07" in province and "35.73" in province and "33.22" not in province
    assert "35" in ministry and "33" in ministry
