"""A KIM's documents (services.documents)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.core.uploads import DOCUMENT_FORMATS, PDF_ONLY, validate_upload
from registry import services
from registry.choices import (
    DocumentKind,
)
from registry.tests.factories import (
    PDF_BYTES,
    PNG_BYTES,
    create_complete_kim,
    pdf_upload,
)

# --- documents ------------------------------------------------------------------------


def test_new_document_supersedes_the_current_one_without_deleting_it(officer):
    kim = create_complete_kim(user=officer)
    old = kim.documents.get(kind=DocumentKind.VILLAGE_HEAD_SK)

    new = services.kim_document_add(
        kim=kim,
        uploaded_by=officer,
        kind=DocumentKind.VILLAGE_HEAD_SK,
        uploaded_file=SimpleUploadedFile("sk-baru.png", PNG_BYTES),
        number="141/2/2026",
        issued_on=datetime.date(2026, 2, 1),
    )

    old.refresh_from_db()
    assert old.superseded_at is not None
    assert new.superseded_at is None
    assert new.content_type == "image/png"
    assert new.original_name == "sk-baru.png"
    assert new.file.name.startswith(f"kim/{kim.pk}/") and new.file.name.endswith(".png")
    assert "sk-baru" not in new.file.name
    assert kim.documents.filter(kind=DocumentKind.VILLAGE_HEAD_SK).count() == 2


def test_document_whose_content_is_not_pdf_or_image_is_refused(officer):
    kim = create_complete_kim(user=officer)
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.DECLARATION,
            uploaded_file=SimpleUploadedFile(
                "pernyataan.pdf", b"Surat pernyataan biasa"
            ),
        )
    assert exc.value.message_dict["file"] == [
        "Isi berkas bukan PDF, JPEG, PNG. Unggah dokumen asli dalam format PDF, JPEG, PNG."
    ]


def test_renamed_executable_is_refused(officer):
    kim = create_complete_kim(user=officer)
    executable = SimpleUploadedFile(
        "sk.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100
    )
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.VILLAGE_HEAD_SK,
            uploaded_file=executable,
            number="1",
            issued_on=datetime.date(2026, 1, 1),
        )
    assert "Isi berkas bukan" in exc.value.message_dict["file"][0]
    assert kim.documents.filter(kind=DocumentKind.VILLAGE_HEAD_SK).count() == 1


def test_document_over_five_megabytes_is_refused(officer):
    kim = create_complete_kim(user=officer)
    big = SimpleUploadedFile("besar.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.OFFICERS_LIST,
            uploaded_file=big,
        )
    assert exc.value.message_dict["file"][0].startswith("Berkas terlalu besar")


def test_sk_needs_number_date_and_a_later_expiry(officer):
    kim = create_complete_kim(user=officer)
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.VILLAGE_HEAD_SK,
            uploaded_file=pdf_upload(),
            expires_on=datetime.date(2020, 1, 1),
        )
    assert set(exc.value.message_dict) == {"number", "issued_on"}
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.VILLAGE_HEAD_SK,
            uploaded_file=pdf_upload(),
            number="1",
            issued_on=datetime.date(2026, 1, 1),
            expires_on=datetime.date(2025, 1, 1),
        )
    assert set(exc.value.message_dict) == {"expires_on"}


# Bytes that are none of the accepted formats (a Windows executable's header).
NOT_A_DOCUMENT = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
GENUINE = {
    "pdf": PDF_BYTES,
    "jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
    "png": PNG_BYTES,
}


@pytest.mark.parametrize("extension", ["pdf", "jpg", "jpeg", "png", "PNG"])
def test_every_allowed_extension_is_checked_by_content(extension):
    with pytest.raises(ValidationError, match="Isi berkas bukan"):
        validate_upload(SimpleUploadedFile(f"dokumen.{extension}", NOT_A_DOCUMENT))


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_a_file_named_as_another_format_is_judged_by_its_bytes(fmt):
    # Genuine content passes whatever the name says; the stored format is the content's.
    for name in ("berkas.pdf", "berkas.jpg", "berkas.png", "berkas"):
        assert validate_upload(SimpleUploadedFile(name, GENUINE[fmt])) == fmt


@pytest.mark.parametrize("fmt", ["jpg", "png"])
def test_an_image_named_pdf_is_refused_where_only_pdf_is_accepted(fmt):
    with pytest.raises(ValidationError, match="Isi berkas bukan PDF"):
        validate_upload(
            SimpleUploadedFile("keputusan.pdf", GENUINE[fmt]), formats=PDF_ONLY
        )


@pytest.mark.parametrize("extension", ["pdf", "jpg", "png"])
def test_document_with_a_fake_body_is_refused_and_nothing_is_stored(
    officer, private_files, extension
):
    kim = create_complete_kim(user=officer)
    before = kim.documents.count()
    with pytest.raises(ValidationError) as exc:
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.DECLARATION,
            uploaded_file=SimpleUploadedFile(f"pernyataan.{extension}", NOT_A_DOCUMENT),
        )
    assert "Isi berkas bukan" in exc.value.message_dict["file"][0]
    assert kim.documents.count() == before
