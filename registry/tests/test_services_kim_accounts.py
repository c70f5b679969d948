"""KIM accounts, self-service edits and change requests (services.kim_accounts, self_service, change_requests)."""

import datetime

import pytest
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError

from kimportal.accounts.models import Role
from kimportal.core.contributions import kim_id_of
from kimportal.core.errors import TransitionError
from registry import services
from registry.choices import (
    ChangeRequestStatus,
    DocumentKind,
    KimType,
)
from registry.models import (
    ChangeRequest,
    Kim,
    KimDocument,
)
from registry.services.profile_data import officer_snapshot
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    create_submitted_kim,
    create_verified_kim,
    pdf_upload,
)
from registry.tests.helpers import (
    OTHER_KAB_MALANG_VILLAGE,
)

# --- KIM accounts and change requests -------------------------------------------------


def test_invite_creates_a_kim_account_and_mails_a_set_password_link(
    officer, verified_kim, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SITE_URL = "https://kim.example.go.id"
    with django_capture_on_commit_callbacks(execute=True):
        user = services.kim_invite_user(
            kim=verified_kim,
            invited_by=officer,
            email=" Ketua@KIM.example.id ",
            name="Siti",
        )

    assert (user.role, kim_id_of(user), user.is_active) == (
        Role.KIM,
        verified_kim.pk,
        True,
    )
    assert user.username == user.email == "ketua@kim.example.id"
    # Nobody knows the password yet, but "forgot password" still reaches the account.
    assert list(PasswordResetForm().get_users("ketua@kim.example.id")) == [user]
    (message,) = mailoutbox
    assert message.to == ["ketua@kim.example.id"]
    link = next(
        line for line in message.body.splitlines() if line.startswith("https://")
    )
    assert link.startswith("https://kim.example.go.id/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert default_token_generator.check_token(user, token)


def test_invite_again_reuses_the_account_and_refuses_someone_elses_email(
    officer, demo_users, verified_kim, django_capture_on_commit_callbacks, mailoutbox
):
    first = services.kim_invite_user(
        kim=verified_kim, invited_by=officer, email="ketua@kim.example.id"
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = services.kim_invite_user(
            kim=verified_kim, invited_by=officer, email="KETUA@kim.example.id"
        )
    assert again.pk == first.pk and len(mailoutbox) == 1

    with pytest.raises(ValidationError) as exc:
        services.kim_invite_user(
            kim=verified_kim, invited_by=officer, email=demo_users["kota-malang"].email
        )
    assert exc.value.message_dict["email"] == [
        "Email ini sudah dipakai oleh akun lain."
    ]


def test_invite_only_for_a_verified_kim(officer):
    kim = create_submitted_kim(user=officer)
    with pytest.raises(TransitionError, match="sudah terverifikasi"):
        services.kim_invite_user(kim=kim, invited_by=officer, email="a@kim.example.id")


@pytest.fixture
def kim_user(officer, verified_kim):
    return services.kim_invite_user(
        kim=verified_kim, invited_by=officer, email="ketua@kim.example.id"
    )


def test_self_update_applies_contact_and_channels_at_once(verified_kim, kim_user):
    kim, change = services.kim_self_update(
        kim=verified_kim,
        user=kim_user,
        data={
            "chair_name": "Rina Wati",
            "whatsapp": "0857 1234 5678",
        },
        channels=[
            {"platform": "youtube", "address": "youtube.com/@kimuji", "followers": 40}
        ],
    )
    assert change is None
    kim.refresh_from_db()
    assert (kim.chair_name, kim.whatsapp) == ("Rina Wati", "+6285712345678")
    assert list(
        kim.channels.filter(active=True).values_list("platform", flat=True)
    ) == ["youtube"]
    assert not ChangeRequest.objects.exists()


def test_self_update_turns_legal_changes_into_one_pending_request(
    verified_kim, kim_user
):
    kim, change = services.kim_self_update(
        kim=verified_kim,
        user=kim_user,
        data={
            "name": "KIM Tulungrejo Berdaya",
            "village": OTHER_KAB_MALANG_VILLAGE,
            "rt": "009",
        },
        officers=[{"name": "Rina Wati", "position": "Ketua", "phone": ""}],
    )
    kim.refresh_from_db()
    assert kim.name == "KIM Tulungrejo Mandiri"
    assert kim.village_id == KAB_MALANG_VILLAGE
    assert kim.rt == "009"
    assert kim.officers.filter(active=True).count() == 2
    assert change.status == ChangeRequestStatus.PENDING
    assert change.requested_by == kim_user
    assert change.changes["name"] == {
        "old": "KIM Tulungrejo Mandiri",
        "new": "KIM Tulungrejo Berdaya",
    }
    assert change.changes["village"]["new"] == OTHER_KAB_MALANG_VILLAGE
    assert change.changes["officers"]["new"] == [
        {"name": "Rina Wati", "position": "Ketua", "phone": ""}
    ]


def test_self_update_is_only_for_the_kims_own_account(officer, verified_kim, kim_user):
    other = create_verified_kim(user=officer, name="KIM Lain")
    with pytest.raises(PermissionDenied):
        services.kim_self_update(kim=other, user=kim_user, data={"rt": "001"})
    with pytest.raises(PermissionDenied):
        services.kim_self_update(kim=verified_kim, user=officer, data={"rt": "001"})
    with pytest.raises(TypeError):
        services.kim_self_update(kim=verified_kim, user=kim_user, data={"nik": "1"})


def test_approved_change_request_applies_the_changes_and_mails_the_kim(
    officer, verified_kim, kim_user, django_capture_on_commit_callbacks, mailoutbox
):
    _kim, change = services.kim_self_update(
        kim=verified_kim,
        user=kim_user,
        data={"name": "KIM Tulungrejo Berdaya", "village": OTHER_KAB_MALANG_VILLAGE},
        officers=[
            {"name": "Siti Aminah", "position": "Ketua", "phone": "081234567890"},
            {"name": "Rina Wati", "position": "Bendahara", "phone": ""},
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        kim = services.change_request_approve(
            change_request=change, decided_by=officer, note="Sesuai SK baru"
        )

    kim.refresh_from_db()
    assert (kim.name, kim.village_id, kim.nik) == (
        "KIM Tulungrejo Berdaya",
        OTHER_KAB_MALANG_VILLAGE,
        verified_kim.nik,
    )
    assert sorted(kim.officers.filter(active=True).values_list("name", flat=True)) == [
        "Rina Wati",
        "Siti Aminah",
    ]
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (ChangeRequestStatus.APPROVED, officer)
    (message,) = mailoutbox
    assert set(message.to) == {kim.email, kim_user.email}
    assert "disetujui" in message.body and "KIM Tulungrejo Berdaya" in message.body
    with pytest.raises(TransitionError, match="sudah diputuskan"):
        services.change_request_reject(
            change_request=change, decided_by=officer, note="x"
        )


def test_kim_uploaded_document_counts_only_after_approval(
    officer, verified_kim, kim_user
):
    current = verified_kim.documents.get(kind=DocumentKind.VILLAGE_HEAD_SK)
    change = services.kim_self_document_add(
        kim=verified_kim,
        user=kim_user,
        kind=DocumentKind.VILLAGE_HEAD_SK,
        uploaded_file=pdf_upload("sk-2027.pdf"),
        number="141/5/2027",
        issued_on=datetime.date(2026, 6, 1),
        expires_on=datetime.date(2032, 6, 1),
    )
    pending = change.document
    current_sk = KimDocument.objects.get(
        kim=verified_kim, kind=DocumentKind.VILLAGE_HEAD_SK, superseded_at__isnull=True
    )
    assert current_sk == current
    assert pending.superseded_at is not None
    assert change.changes["document"]["number"] == "141/5/2027"

    services.change_request_approve(change_request=change, decided_by=officer)

    current.refresh_from_db()
    pending.refresh_from_db()
    assert current.superseded_at is not None
    assert pending.superseded_at is None


def test_rejected_change_request_needs_a_reason_and_changes_nothing(
    officer, verified_kim, kim_user, django_capture_on_commit_callbacks, mailoutbox
):
    _kim, change = services.kim_self_update(
        kim=verified_kim, user=kim_user, data={"name": "Nama Baru"}
    )
    with pytest.raises(ValidationError) as exc:
        services.change_request_reject(
            change_request=change, decided_by=officer, note=" "
        )
    assert exc.value.message_dict["note"] == ["Alasan penolakan wajib diisi."]
    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_reject(
            change_request=change,
            decided_by=officer,
            note="Belum ada SK perubahan nama",
        )
    verified_kim.refresh_from_db()
    assert verified_kim.name == "KIM Tulungrejo Mandiri"
    assert ChangeRequest.objects.get().status == ChangeRequestStatus.REJECTED
    assert "Belum ada SK perubahan nama" in mailoutbox[0].body


LEGAL_CHANGES = {
    "name": ({"data": {"name": "KIM Tulungrejo Berdaya"}}, "KIM Tulungrejo Berdaya"),
    "kim_type": ({"data": {"kim_type": KimType.B}}, KimType.B),
    "village": ({"village_code": OTHER_KAB_MALANG_VILLAGE}, OTHER_KAB_MALANG_VILLAGE),
    "officers": (
        {"officers": [{"name": "Rina Wati", "position": "Ketua", "phone": ""}]},
        [{"name": "Rina Wati", "position": "Ketua", "phone": ""}],
    ),
}


@pytest.mark.parametrize("field", LEGAL_CHANGES)
def test_a_kims_own_legal_change_is_only_requested_never_applied(
    verified_kim, kim_user, field
):
    arguments, requested = LEGAL_CHANGES[field]
    before = Kim.objects.values("name", "kim_type", "village_id").get(
        pk=verified_kim.pk
    )
    board = officer_snapshot(verified_kim)

    _kim, change = services.kim_self_update(
        kim=verified_kim, user=kim_user, **{"data": {}, **arguments}
    )

    assert change is not None and change.status == ChangeRequestStatus.PENDING
    assert set(change.changes) == {field}
    assert change.changes[field]["new"] == requested
    assert (
        Kim.objects.values("name", "kim_type", "village_id").get(pk=verified_kim.pk)
        == before
    )
    assert officer_snapshot(verified_kim) == board


def test_every_legal_field_is_covered_by_the_change_request_test():
    from registry.services.profile_data import LEGAL_FIELDS, SELF_FIELDS

    assert set(LEGAL_FIELDS) | {"village", "officers"} == set(LEGAL_CHANGES)
    assert not set(LEGAL_FIELDS) & SELF_FIELDS
