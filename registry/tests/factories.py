import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.accounts.models import Office, OfficeKind, Role, User
from registry.choices import DocumentKind, KimStatus, KimType, MediaType
from registry.models import Kim, KimDocument, KimOfficer

# Real desa codes loaded by the test region subset (kimportal.core.testing).
KAB_MALANG_VILLAGE = "35.07.01.2001"  # Tulungrejo, Donomulyo, Kabupaten Malang
KOTA_MALANG_VILLAGE = "35.73.01.1001"
KAB_SEMARANG_VILLAGE = "33.22.01.2001"

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf_upload(name="dokumen.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


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


class KimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kim

    name = factory.Sequence(lambda n: f"KIM Uji {n}")
    kim_type = KimType.A
    status = KimStatus.DRAFT
    village_id = KAB_MALANG_VILLAGE
    chair_name = "Siti Aminah"
    street = "Jl. Merdeka"
    rt = "001"
    rw = "002"
    whatsapp = "+6281234567890"
    email = factory.Sequence(lambda n: f"kim{n}@example.id")
    media_types = factory.LazyFunction(lambda: [MediaType.SOCIAL, MediaType.MEETING])
    fields = factory.LazyFunction(lambda: ["kesehatan", "pertanian"])


class VerifiedKimFactory(KimFactory):
    status = KimStatus.VERIFIED
    nik = factory.Sequence(lambda n: f"3507-2020-{n + 1:04d}")
    verified_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


class KimOfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KimOfficer

    kim = factory.SubFactory(KimFactory)
    name = factory.Sequence(lambda n: f"Pengurus {n}")
    position = "Sekretaris"
    phone = "+6281300000000"


class KimDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KimDocument

    kim = factory.SubFactory(KimFactory)
    kind = DocumentKind.VILLAGE_HEAD_SK
    file = factory.LazyFunction(lambda: pdf_upload())
    content_type = "application/pdf"
    original_name = "sk.pdf"
    number = "141/01/2026"
    issued_on = datetime.date(2026, 1, 5)
    expires_on = datetime.date(2029, 1, 5)
    uploaded_by = factory.SubFactory(UserFactory)
