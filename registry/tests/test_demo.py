from kimportal.accounts.models import Role, User
from kimportal.core.contributions import kim_id_of
from registry.choices import KimStatus, PartnershipStatus, ReviewStatus
from registry.demo import demo_pdf, seed_demo_registry
from registry.models import (
    Kim,
    KimDocument,
    KimMember,
    MemberRole,
    NikSequence,
    Partnership,
    ReviewCase,
    ReviewComment,
    Verification,
)

PASSWORD = "demo-pass-123"


def counts() -> dict:
    return {
        "kim": Kim.objects.count(),
        "documents": KimDocument.objects.count(),
        "verifications": Verification.objects.count(),
        "partnerships": Partnership.objects.count(),
        "cases": ReviewCase.objects.count(),
        "comments": ReviewComment.objects.count(),
        "nik": sorted(NikSequence.objects.values_list("regency_code", "last_number")),
        "users": User.objects.count(),
    }


def test_demo_has_every_state_in_three_kab_kota_and_seeding_again_adds_nothing(
    demo_users, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        summary = seed_demo_registry(users=demo_users, password=PASSWORD)
    first = counts()

    assert summary.startswith("KIM demo: 30 KIM")
    assert 25 <= first["kim"] <= 35
    statuses = set(Kim.objects.values_list("status", flat=True))
    assert statuses == set(KimStatus.values)
    for prefix in ("35.07.", "35.73.", "33.22."):
        in_regency = Kim.objects.filter(village__code__startswith=prefix)
        assert in_regency.filter(status=KimStatus.VERIFIED).exists()
        assert in_regency.filter(status=KimStatus.DRAFT).exists()
    partnership_states = set(Partnership.objects.values_list("status", flat=True))
    assert partnership_states == set(PartnershipStatus.values)
    under_review = ReviewCase.objects.get(status=ReviewStatus.OPEN)
    assert under_review.comments.get().author == demo_users["prov-jatim"]
    assert ReviewCase.objects.filter(status=ReviewStatus.TERMINATED).count() == 1
    assert first["nik"] == [("33.22", 5), ("35.07", 9), ("35.73", 5)]
    assert Kim.objects.exclude(nik=None).count() == 19
    assert mailoutbox == []

    assert seed_demo_registry(users=demo_users, password=PASSWORD) == summary
    assert counts() == first


def test_kim_demo_account_belongs_to_a_verified_partner_in_kab_malang(demo_users):
    seed_demo_registry(users=demo_users, password=PASSWORD)

    user = User.objects.get(username="kim-demo")
    assert user.check_password(PASSWORD) and user.role == Role.KIM
    kim = Kim.objects.get(pk=kim_id_of(user))
    assert kim.status == KimStatus.VERIFIED
    assert kim.village_id.startswith("35.07.")
    assert kim.partnerships.filter(status=PartnershipStatus.ACTIVE).exists()
    assert KimMember.objects.get(user=user, active=True).role == MemberRole.CHAIR


def test_demo_documents_are_real_pdfs(demo_users):
    seed_demo_registry(users=demo_users, password=PASSWORD)
    document = KimDocument.objects.filter(content_type="application/pdf").first()
    with document.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")


def test_demo_pdf_cross_reference_points_at_its_objects():
    pdf = demo_pdf("SK Kepala Desa (contoh)", "Nomor 141/01/2026")
    xref_at = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref_at:].startswith(b"xref\n0 6\n")
    entries = pdf[xref_at:].split(b"\n")[3:8]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry[:10])
        assert pdf[offset:].startswith(b"%d 0 obj" % number)
    assert b"(SK Kepala Desa \\(contoh\\)) '" in pdf
