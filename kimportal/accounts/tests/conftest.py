import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.accounts.services import application_submit
from registry.tests.factories import PDF_BYTES


def letter_pdf(name="surat-permohonan.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def application_data(**overrides):
    data = {
        "office_kind": "regency",
        "region": "35.07",
        "full_name": "Dewi Lestari",
        "nip": "198501012010012001",
        "position": "Kepala Bidang IKP",
        "email": "dewi.lestari@malangkab.go.id",
        "phone": "0341 123456",
    }
    data.update(overrides)
    return data


@pytest.fixture
def submit_application(regions):
    def submit(**overrides):
        return application_submit(
            data=application_data(**overrides), letter=letter_pdf()
        )

    return submit
