"""Factories for the accounts app's tests (and, through import, every app's)."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.accounts.models import (
    ApplicationStatus,
    Office,
    OfficeKind,
    Role,
    SiteAdminApplication,
    User,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf_upload(name="dokumen.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def letter_pdf(name="surat-permohonan.pdf", content=PDF_BYTES):
    return pdf_upload(name, content)


def application_data(**overrides):
    """The form data of a Kabupaten Malang officer's site-admin application."""
    data = {
        "office_kind": OfficeKind.REGENCY.value,
        "region": "35.07",
        "full_name": "Dewi Lestari",
        "nip": "198501012010012001",
        "position": "Kepala Bidang IKP",
        "email": "dewi.lestari@malangkab.go.id",
        "phone": "0341 123456",
    }
    data.update(overrides)
    return data


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    kind = OfficeKind.REGENCY
    name = factory.Sequence(lambda n: f"Dinas Kominfo Uji {n}")
    region_id = "35.07"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.id")
    role = Role.REGENCY
    password = factory.PostGenerationMethodCall("set_password", "pass-12345")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MinistryUserFactory(UserFactory):
    role = Role.MINISTRY


class SiteAdminApplicationFactory(factory.django.DjangoModelFactory):
    """A pending application, stored without going through the service (tests of
    decisions start from here)."""

    class Meta:
        model = SiteAdminApplication

    office_kind = OfficeKind.REGENCY
    region_id = "35.07"
    full_name = "Dewi Lestari"
    nip = "198501012010012001"
    position = "Kepala Bidang IKP"
    email = factory.Sequence(lambda n: f"pemohon{n}@malangkab.go.id")
    phone = "+62341123456"
    letter = "site-admin-letters/surat.pdf"
    letter_original_name = "surat.pdf"
    status = ApplicationStatus.SUBMITTED
