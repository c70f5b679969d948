"""The one mapper of service errors onto forms and API bodies."""

from django import forms
from django.core.exceptions import ValidationError

from kimportal.core.service_errors import add_service_error, service_error_detail


class PeriodForm(forms.Form):
    ends_on = forms.DateField(required=False)
    village = forms.CharField(required=False)


class FileForm(forms.Form):
    sk_file = forms.FileField(required=False)


def test_field_errors_land_on_their_fields_renamed_and_the_rest_above_the_form():
    form = PeriodForm({})
    form.is_valid()
    error = ValidationError(
        {
            "ends_on": ["Tanggal berakhir harus setelah tanggal mulai."],
            "village_code": ["Pilih desa/kelurahan yang terdaftar."],
            "qualifications": ["Kualifikasi belum terpenuhi."],
        }
    )
    add_service_error(form, error, {"village_code": "village"})
    assert form.errors["ends_on"] == ["Tanggal berakhir harus setelah tanggal mulai."]
    assert form.errors["village"] == ["Pilih desa/kelurahan yang terdaftar."]
    assert form.non_field_errors() == ["Kualifikasi belum terpenuhi."]


def test_a_list_error_goes_above_the_form():
    form = PeriodForm({})
    form.is_valid()
    add_service_error(form, ValidationError(["Satu.", "Dua."]))
    assert form.non_field_errors() == ["Satu.", "Dua."]


def test_errors_are_shared_among_forms_and_sections():
    period, files = PeriodForm({}), FileForm({}, {})
    period.is_valid(), files.is_valid()
    sections: dict[str, list[str]] = {"officers": []}
    error = ValidationError(
        {
            "officers": ["Pengurus ke-1: nama dan jabatan wajib diisi."],
            "documents.sk.file": ["Isi berkas bukan PDF."],
        }
    )
    add_service_error(
        [period, files], error, {"documents.sk.file": "sk_file"}, sections=sections
    )
    assert sections["officers"] == ["Pengurus ke-1: nama dan jabatan wajib diisi."]
    assert files.errors["sk_file"] == ["Isi berkas bukan PDF."]
    assert not period.errors


def test_api_detail_is_field_to_messages_with_whole_object_errors_under_detail():
    error = ValidationError({"ends_on": ["Salah."], "__all__": ["Umum."]})
    assert service_error_detail(error) == {"ends_on": ["Salah."], "detail": ["Umum."]}
    assert service_error_detail(ValidationError("Tidak lengkap.")) == {
        "detail": ["Tidak lengkap."]
    }
    assert service_error_detail(
        ValidationError({"file": ["Bukan PDF."]}), {"file": "decision_letter"}
    ) == {"decision_letter": ["Bukan PDF."]}
