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


# Builders that go through the services, so NIKs, checklists and history are real.

from registry.choices import Qualification, Requirement  # noqa: E402

ALL_REQUIREMENTS_PASSED = {req: (True, "") for req in Requirement.values}
ALL_QUALIFICATIONS = list(Qualification.values)


def kim_profile(**overrides) -> dict:
    """A complete `data` dict for kim_create."""
    data = {
        "name": "KIM Tulungrejo Mandiri",
        "kim_type": KimType.A,
        "chair_name": "Siti Aminah",
        "street": "Jl. Raya Tulungrejo",
        "rt": "002",
        "rw": "001",
        "whatsapp": "0812-3456-7890",
        "email": "kim.tulungrejo@example.id",
        "media_types": [MediaType.SOCIAL, MediaType.MEETING],
        "fields": ["kesehatan", "pertanian"],
        "frequency_count": 2,
        "frequency_unit": "week",
    }
    data.update(overrides)
    return data


def create_complete_kim(
    *, user, village_code=KAB_MALANG_VILLAGE, sk_expires_on=None, **data
):
    """A draft with officers and the three documents, ready to submit."""
    from registry.services import kim_create, kim_document_add

    kim = kim_create(
        created_by=user,
        village_code=village_code,
        data=kim_profile(**data),
        officers=[
            {"name": "Siti Aminah", "position": "Ketua", "phone": "081234567890"},
            {"name": "Budi Santoso", "position": "Sekretaris", "phone": ""},
        ],
        channels=[{"platform": "instagram", "address": "@kimuji", "followers": 120}],
    )
    kim_document_add(
        kim=kim,
        uploaded_by=user,
        kind=DocumentKind.VILLAGE_HEAD_SK,
        uploaded_file=pdf_upload("sk.pdf"),
        number="141/12/35.07.01.2001/2025",
        issued_on=datetime.date(2025, 1, 6),
        expires_on=sk_expires_on or datetime.date(2030, 1, 6),
    )
    kim_document_add(
        kim=kim,
        uploaded_by=user,
        kind=DocumentKind.OFFICERS_LIST,
        uploaded_file=pdf_upload("pengurus.pdf"),
    )
    kim_document_add(
        kim=kim,
        uploaded_by=user,
        kind=DocumentKind.DECLARATION,
        uploaded_file=pdf_upload("pernyataan.pdf"),
    )
    return kim


def create_submitted_kim(*, user, **kwargs):
    from registry.services import kim_submit

    return kim_submit(kim=create_complete_kim(user=user, **kwargs), submitted_by=user)


def create_verified_kim(*, user, **kwargs):
    from registry.services import kim_verify

    kim = create_submitted_kim(user=user, **kwargs)
    return kim_verify(kim=kim, verified_by=user, items=ALL_REQUIREMENTS_PASSED)
