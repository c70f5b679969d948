"""A small world with one object of every kind, for the role × URL access test."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.accounts.models import Role, User
from kimportal.accounts.services import application_submit
from registry.choices import DocumentKind
from registry.services import (
    kim_self_update,
    partnership_start,
    review_evidence_add,
    review_open,
    review_terminate,
)
from registry.tests.factories import (
    ALL_QUALIFICATIONS,
    KAB_MALANG_VILLAGE,
    PDF_BYTES,
    UserFactory,
    create_verified_kim,
    pdf_upload,
)

ROLES = (
    "anonymous",
    "kementerian",
    "prov-jatim",
    "kab-malang",
    "kota-malang",
    "kl-demo",
    "kim-demo",
)


def build_world(users: dict[str, User]) -> dict:
    """Objects of Kabupaten Malang (35.07): seen by kab-malang, prov-jatim and the ministry,
    never by kota-malang; `kim-demo` is the KIM user of `kim`."""
    officer = users["kab-malang"]
    kim = create_verified_kim(
        user=officer, village_code=KAB_MALANG_VILLAGE, name="KIM Akses Uji"
    )
    other = create_verified_kim(
        user=officer, name="KIM Akses Diputus", email="diputus@example.id"
    )
    kim_user = UserFactory(
        username="kim-demo",
        password="demo-pass-123",
        role=Role.KIM,
        kim=kim,
        email="kim@example.id",
    )
    users["kim-demo"] = kim_user
    partnership_start(
        kim=kim,
        started_by=officer,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        qualifications=ALL_QUALIFICATIONS,
    )
    case = review_open(
        kim=kim, opened_by=users["prov-jatim"], grounds=["reputation"], notes="Uji"
    )
    evidence = review_evidence_add(
        case=case, uploaded_by=officer, uploaded_file=pdf_upload("bukti.pdf")
    )
    closed = review_open(
        kim=other, opened_by=officer, grounds=["dissolved"], notes="Bubar"
    )
    review_terminate(
        case=closed,
        decided_by=officer,
        decision_date=datetime.date(2026, 11, 1),
        decision_number="SK/1/2026",
        decision_letter=pdf_upload("keputusan.pdf"),
    )
    _, change = kim_self_update(
        kim=kim, user=kim_user, data={"name": "KIM Akses Uji Baru"}
    )
    application = application_submit(
        data={
            "office_kind": "regency",
            "region": "35.73",
            "full_name": "Dewi Lestari",
            "nip": "198501012010012001",
            "position": "Kepala Bidang IKP",
            "email": "dewi@malangkota.go.id",
            "phone": "0341 123456",
        },
        letter=SimpleUploadedFile(
            "surat.pdf", PDF_BYTES, content_type="application/pdf"
        ),
    )
    return {
        "kim": kim,
        "document": kim.documents.get(
            kind=DocumentKind.VILLAGE_HEAD_SK, superseded_at__isnull=True
        ),
        "case": case,
        "closed_case": closed,
        "evidence": evidence,
        "change": change,
        "application": application,
        "user": officer,
    }
