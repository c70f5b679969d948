import io

import pytest
import segno
import zxingcpp
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from kimportal.core.errors import TransitionError
from monitoring.selectors import report_get

from ...models import Certificate
from ...pdf import attendance_pdf, certificate_pdf, event_report_pdf
from ...qr import verification_url
from ...services.attendance import attendance_record
from ...services.certificates import certificate_revoke, certificates_issue
from ...services.evaluations import evaluation_submit, publication_add
from ...services.events import event_finish, speaker_add, speaker_confirm
from ...services.invitations import invitation_add_person, invitations_send
from .conftest import make_kim_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(event, officer, malang_kim):
    """The event held: the KIM and a speaker came, one person did not; then finished."""
    invitations_send(actor=officer, event=event, kim_ids=[malang_kim.pk])
    kim_invitation = event.invitations.get(kim=malang_kim)
    absent = invitation_add_person(
        actor=officer, event=event, name="Tidak Datang", role="peserta"
    )
    speaker = speaker_add(
        actor=officer,
        event=event,
        data={"name": "Dr. Sari", "competence": "Jurnalistik"},
    )
    speaker_confirm(actor=officer, speaker=speaker, attending=True)
    attendance_record(actor=officer, event=event, code=kim_invitation.code)
    event_finish(actor=officer, event=event)
    event.refresh_from_db()
    return {"event": event, "kim": kim_invitation, "absent": absent}


def test_certificates_go_to_attendees_and_confirmed_speakers(held, officer):
    assert certificates_issue(actor=officer, event=held["event"]) == 2
    holders = set(Certificate.objects.values_list("holder_name", flat=True))
    assert holders == {"KIM Sumber Rejeki", "Dr. Sari"}
    # Issuing again issues nothing new.
    assert certificates_issue(actor=officer, event=held["event"]) == 0


def test_certificates_wait_until_the_event_is_finished(event, officer):
    with pytest.raises(TransitionError):
        certificates_issue(actor=officer, event=event)


def test_codes_are_unguessable_and_distinct(held, officer):
    certificates_issue(actor=officer, event=held["event"])
    codes = list(Certificate.objects.values_list("code", flat=True))
    assert len(set(codes)) == len(codes)
    assert all(len(code) >= 20 for code in codes)


def test_certificate_verifies_on_the_public_page(held, officer, client):
    certificates_issue(actor=officer, event=held["event"])
    certificate = Certificate.objects.get(holder_name="KIM Sumber Rejeki")
    response = client.get(reverse("certificate-verify", args=[certificate.code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sertifikat sah" in body and "KIM Sumber Rejeki" in body
    assert "Bimtek Jurnalistik Warga" in body and "dicabut" not in body
    # Nothing beyond name, event, date and office: not the role, number or contact.
    assert certificate.number not in body


def test_forged_code_is_404(held, officer, client):
    certificates_issue(actor=officer, event=held["event"])
    code = Certificate.objects.first().code
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert client.get(reverse("certificate-verify", args=[forged])).status_code == 404
    assert client.get("/sertifikat/" + "x" * 80 + "/").status_code == 404


def test_revoked_certificate_says_so(held, officer, client):
    certificates_issue(actor=officer, event=held["event"])
    certificate = Certificate.objects.first()
    with pytest.raises(ValidationError):
        certificate_revoke(actor=officer, certificate=certificate, reason="")
    certificate_revoke(actor=officer, certificate=certificate, reason="Data salah")
    body = client.get(reverse("certificate-verify", args=[certificate.code]))
    assert "telah dicabut" in body.content.decode()
    assert "Sertifikat sah" not in body.content.decode()


def test_another_office_cannot_revoke(held, officer, demo_users):
    certificates_issue(actor=officer, event=held["event"])
    with pytest.raises(PermissionDenied):
        certificate_revoke(
            actor=demo_users["kota-malang"],
            certificate=Certificate.objects.first(),
            reason="x",
        )


def test_public_page_is_throttled(held, officer, client, settings):
    from ...views import certificates as views

    certificates_issue(actor=officer, event=held["event"])
    url = reverse("certificate-verify", args=[Certificate.objects.first().code])
    for _ in range(views.VERIFY_PER_ADDRESS_PER_HOUR):
        assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429


def _decoded_qr_texts(pdf: bytes) -> list[str]:
    """Every QR code in every image of the PDF, decoded (zxing-cpp)."""
    texts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            picture = Image.open(io.BytesIO(image.data)).convert("L")
            texts += [r.text for r in zxingcpp.read_barcodes(picture)]
    return texts


def test_certificate_pdf_opens_and_its_qr_decodes_to_the_verification_url(
    held, officer
):
    certificates_issue(actor=officer, event=held["event"])
    certificate = Certificate.objects.get(holder_name="Dr. Sari")
    pdf = certificate_pdf(certificate)
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "Dr. Sari" in text and certificate.number in text
    assert "SERTIFIKAT" in text and "PIAGAM" not in text
    url = verification_url(certificate.code)
    assert url.endswith(f"/sertifikat/{certificate.code}/")
    assert _decoded_qr_texts(pdf) == [url]


def test_attendance_qr_payload_is_the_code():
    # The phone shows segno's QR of the bare code, which the scan page posts.
    qr = segno.make("kode-uji-123", error="m")
    picture = Image.open(io.BytesIO(_png(qr))).convert("L")
    assert [r.text for r in zxingcpp.read_barcodes(picture)] == ["kode-uji-123"]


def _png(qr) -> bytes:
    out = io.BytesIO()
    qr.save(out, kind="png", scale=6)
    return out.getvalue()


def test_daftar_hadir_lists_name_kim_role_and_time(held):
    pdf = attendance_pdf(held["event"], held["event"].starts_on)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "KIM Sumber Rejeki" in text and "Peserta" in text
    assert "Tidak Datang" not in text


def test_event_report_has_evaluation_and_publications(held, officer, malang_kim):
    user = make_kim_user(malang_kim)
    answers = {
        "content_score": 5,
        "speaker_score": 4,
        "organisation_score": 4,
        "usefulness_score": 5,
        "suggestion": "Tambah sesi praktik",
    }
    evaluation_submit(actor=user, invitation=held["kim"], data=answers)
    # Once per invitation.
    with pytest.raises(ValidationError):
        evaluation_submit(actor=user, invitation=held["kim"], data=answers)
    publication = publication_add(
        actor=user,
        event=held["event"],
        url="https://kim.example.id/bimtek",
        report_format="text",
        medium="online",
    )
    # The KIM's link is its dissemination report too, tied to the event.
    report = report_get(user=user, pk=publication.report_id)
    assert report.event_ref == held["event"].pk and report.state == "submitted"
    publication_add(
        actor=officer, event=held["event"], url="https://kominfo.example.id/berita"
    )
    text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(event_report_pdf(held["event"]))).pages
    )
    assert "Dr. Sari" in text and "Tambah sesi praktik" in text
    assert "kim.example.id/bimtek" in text and "kominfo.example.id/berita" in text
    assert "1 dari 3 undangan hadir" in text
