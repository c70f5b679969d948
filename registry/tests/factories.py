import datetime

import factory

from kimportal.accounts.tests import factories as accounts_factories
from kimportal.accounts.tests.factories import (  # noqa: F401 (re-exported)
    PDF_BYTES,
    PNG_BYTES,
    OfficeFactory,
    pdf_upload,
)
from registry.choices import DocumentKind, KimStatus, KimType, MediaType
from registry.membership import member_add
from registry.models import Kim, KimDocument, KimOfficer

# Real desa codes loaded by the test region subset (kimportal.core.testing).
KAB_MALANG_VILLAGE = "35.07.01.2001"  # Tulungrejo, Donomulyo, Kabupaten Malang
KOTA_MALANG_VILLAGE = "35.73.01.1001"
KAB_SEMARANG_VILLAGE = "33.22.01.2001"


class UserFactory(accounts_factories.UserFactory):
    """An account; `kim=<Kim>` makes it act for that KIM (a KimMember row)."""

    @factory.post_generation
    def kim(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            member_add(user=obj, kim=extracted)


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
