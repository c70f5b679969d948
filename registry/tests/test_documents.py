"""Downloads of private files: only through the record, in scope, as attachments."""

import datetime

import pytest
from django.core.files.base import ContentFile

from registry.choices import ReviewGround, ReviewStatus
from registry.models import ReviewCase, ReviewEvidence
from registry.views.documents import safe_download_name

from .factories import (
    KOTA_MALANG_VILLAGE,
    PDF_BYTES,
    KimDocumentFactory,
    KimFactory,
    UserFactory,
    VerifiedKimFactory,
)

pytestmark = pytest.mark.django_db


def download(client, user, url):
    client.force_login(user)
    return client.get(url)


def document_url(document) -> str:
    return f"/kim/documents/{document.pk}/download/"


def test_officer_downloads_a_document_of_its_kab_kota_as_an_attachment(
    client, demo_users
):
    document = KimDocumentFactory(original_name="SK Kepala Desa.pdf")

    response = download(client, demo_users["kab-malang"], document_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        response["Content-Disposition"] == 'attachment; filename="SK_Kepala_Desa.pdf"'
    )


def test_regency_cannot_download_another_kab_kota_document(client, demo_users):
    document = KimDocumentFactory(kim=KimFactory(village_id=KOTA_MALANG_VILLAGE))

    response = download(client, demo_users["kab-malang"], document_url(document))

    assert response.status_code == 404


def test_province_downloads_documents_of_its_kab_kota_only(client, demo_users):
    document = KimDocumentFactory()

    assert (
        download(client, demo_users["prov-jatim"], document_url(document)).status_code
        == 200
    )
    assert (
        download(client, demo_users["prov-jateng"], document_url(document)).status_code
        == 404
    )


def test_the_kim_user_downloads_its_own_document_but_no_other(client, demo_users):
    own = KimDocumentFactory(kim=VerifiedKimFactory())
    other = KimDocumentFactory(kim=VerifiedKimFactory())
    member = UserFactory(role="kim", kim=own.kim)

    assert download(client, member, document_url(own)).status_code == 200
    assert download(client, member, document_url(other)).status_code == 404


def test_agency_users_never_get_documents(client, demo_users):
    document = KimDocumentFactory(kim=VerifiedKimFactory())

    response = download(client, demo_users["kl-demo"], document_url(document))

    assert response.status_code == 404


def test_anonymous_users_are_sent_to_login(client, regions):
    document = KimDocumentFactory()

    response = client.get(document_url(document))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_missing_file_on_disk_is_404_not_500(client, demo_users):
    document = KimDocumentFactory()
    document.file.storage.delete(document.file.name)

    response = download(client, demo_users["kab-malang"], document_url(document))

    assert response.status_code == 404


def make_case(kim, user, **kwargs) -> ReviewCase:
    return ReviewCase.objects.create(
        kim=kim,
        grounds=[ReviewGround.CRIMINAL],
        opened_by_level="regency",
        opened_by=user,
        **kwargs,
    )


def test_evidence_downloads_only_for_staff_in_scope(client, demo_users):
    kim = VerifiedKimFactory()
    case = make_case(kim, demo_users["kab-malang"])
    evidence = ReviewEvidence(
        case=case,
        content_type="application/pdf",
        original_name="bukti.pdf",
        uploaded_by=demo_users["kab-malang"],
    )
    evidence.file.save("review/bukti.pdf", ContentFile(PDF_BYTES), save=False)
    evidence.save()
    url = f"/kim/reviews/evidence/{evidence.pk}/download/"
    member = UserFactory(role="kim", kim=kim)

    assert download(client, demo_users["prov-jatim"], url).status_code == 200
    assert download(client, demo_users["kota-malang"], url).status_code == 404
    assert download(client, demo_users["kl-demo"], url).status_code == 404
    assert download(client, member, url).status_code == 404


def test_decision_letter_downloads_once_the_case_is_decided(client, demo_users):
    kim = VerifiedKimFactory()
    case = make_case(
        kim,
        demo_users["kab-malang"],
        status=ReviewStatus.TERMINATED,
        decision_date=datetime.date(2026, 3, 1),
        decision_number="800/5/2026",
    )
    case.decision_letter.save("review/letter.pdf", ContentFile(PDF_BYTES))
    undecided = make_case(VerifiedKimFactory(), demo_users["kab-malang"])

    response = download(
        client, demo_users["kab-malang"], f"/kim/reviews/{case.pk}/letter/"
    )
    no_letter = download(
        client, demo_users["kab-malang"], f"/kim/reviews/{undecided.pk}/letter/"
    )
    other = download(
        client, demo_users["kota-malang"], f"/kim/reviews/{case.pk}/letter/"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "surat-keputusan-800-5-2026.pdf" in response["Content-Disposition"]
    assert no_letter.status_code == 404
    assert other.status_code == 404


@pytest.mark.parametrize(
    ("original", "stored", "expected"),
    [
        ("SK Desa.pdf", "kim/1/abc.pdf", "SK_Desa.pdf"),
        ("../../etc/passwd", "kim/1/abc.pdf", "passwd.pdf"),
        ('x"; filename="evil.html', "kim/1/abc.pdf", "x_filename_evil.pdf"),
        (
            "C:\\Users\\budi\\Surat Pernyataan.PDF",
            "kim/1/abc.pdf",
            "Surat_Pernyataan.pdf",
        ),
        ("Pengurus Ñandú.jpg", "kim/1/abc.jpg", "Pengurus_Nandu.jpg"),
        ("", "kim/1/abc.png", "dokumen.png"),
        ("скан.pdf", "kim/1/abc.pdf", "dokumen.pdf"),
    ],
)
def test_download_names_are_made_safe(original, stored, expected):
    assert safe_download_name(original, stored) == expected
