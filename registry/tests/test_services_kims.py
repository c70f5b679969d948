"""A KIM's registration, profile and deactivation (services.kims)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kimportal.core.errors import TransitionError
from registry import services
from registry.choices import (
    InactiveReason,
    KimStatus,
    PartnershipStatus,
    ReviewGround,
)
from registry.models import (
    Kim,
    Partnership,
)
from registry.selectors import kim_possible_duplicates
from registry.tests.factories import (
    ALL_REQUIREMENTS_PASSED,
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    create_complete_kim,
    create_submitted_kim,
    kim_profile,
)
from registry.tests.helpers import (
    KAB_MALANG_DISTRICT,
    OTHER_KAB_MALANG_VILLAGE,
)

# --- registration ---------------------------------------------------------------------


def test_create_starts_as_draft_with_phones_in_plus62_form(officer):
    kim = services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data=kim_profile(whatsapp="0812-3456-7890", phone="(0341) 123456"),
        coverage_codes=[KAB_MALANG_VILLAGE, OTHER_KAB_MALANG_VILLAGE],
        officers=[{"name": "Siti", "position": "Ketua", "phone": "0813 1111 2222"}],
        channels=[{"platform": "facebook", "address": "fb.com/kim", "followers": "35"}],
    )

    kim.refresh_from_db()
    assert kim.status == KimStatus.DRAFT
    assert kim.nik is None
    assert kim.registered_by == officer
    assert kim.whatsapp == "+6281234567890"
    assert kim.phone == "+62341123456"
    assert set(kim.coverage_villages.values_list("code", flat=True)) == {
        KAB_MALANG_VILLAGE,
        OTHER_KAB_MALANG_VILLAGE,
    }
    assert kim.officers.get().phone == "+6281311112222"
    assert kim.channels.get().followers == 35


def test_create_refuses_desa_outside_the_officers_kab_kota(officer):
    with pytest.raises(ValidationError) as exc:
        services.kim_create(
            created_by=officer, village_code=KOTA_MALANG_VILLAGE, data=kim_profile()
        )
    assert "di luar wilayah kerja Anda" in exc.value.message_dict["village"][0]
    assert not Kim.objects.exists()


def test_create_refuses_a_kecamatan_code_as_seat(officer):
    with pytest.raises(ValidationError) as exc:
        services.kim_create(
            created_by=officer, village_code=KAB_MALANG_DISTRICT, data=kim_profile()
        )
    assert exc.value.message_dict["village"] == ["Pilih desa/kelurahan yang terdaftar."]


def test_create_reports_bad_numbers_and_missing_name_in_indonesian(officer):
    with pytest.raises(ValidationError) as exc:
        services.kim_create(
            created_by=officer,
            village_code=KAB_MALANG_VILLAGE,
            data=kim_profile(name="  ", whatsapp="0341 123456", phone="12"),
            officers=[{"name": "", "position": "Ketua"}],
        )
    errors = exc.value.message_dict
    assert errors["whatsapp"] == [
        "Nomor WhatsApp harus nomor seluler (diawali 08 atau +628)."
    ]
    assert errors["phone"][0].startswith(
        "Nomor telepon tidak valid: Nomor harus diawali 0"
    )
    assert errors["name"]
    assert errors["officers"] == ["Pengurus ke-1: nama dan jabatan wajib diisi."]


def test_create_allows_a_draft_without_type_but_not_an_unknown_field(officer):
    kim = services.kim_create(
        created_by=officer, village_code=KAB_MALANG_VILLAGE, data={"name": "KIM Baru"}
    )
    assert kim.kim_type == ""

    with pytest.raises(TypeError, match="village"):
        services.kim_create(
            created_by=officer,
            village_code=KAB_MALANG_VILLAGE,
            data={"name": "KIM Lain", "village": KAB_MALANG_VILLAGE},
        )


def test_create_from_old_list_enters_as_submitted(officer):
    kim = services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data=kim_profile(),
        from_old_list=True,
    )
    assert kim.status == KimStatus.SUBMITTED
    assert kim.from_old_list
    assert kim.submitted_at is not None


def test_old_list_kim_must_bring_its_documents_before_verification(officer):
    kim = services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data=kim_profile(),
        officers=[{"name": "Siti", "position": "Ketua"}],
        from_old_list=True,
    )
    with pytest.raises(ValidationError) as exc:
        services.kim_verify(kim=kim, verified_by=officer, items=ALL_REQUIREMENTS_PASSED)
    assert "Dokumen SK Kepala Desa/Lurah belum diunggah." in exc.value.messages
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED and kim.nik is None


def test_duplicates_finds_same_or_similar_name_in_the_same_desa_only(officer):
    existing = services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data={"name": "KIM Tulungrejo Mandiri"},
    )
    services.kim_create(
        created_by=officer,
        village_code=OTHER_KAB_MALANG_VILLAGE,
        data={"name": "KIM Tulungrejo Mandiri"},
    )
    services.kim_create(
        created_by=officer,
        village_code=KAB_MALANG_VILLAGE,
        data={"name": "Radio Warga"},
    )

    found = kim_possible_duplicates(
        user=officer, name="Kim Tulungrejo Mandri", village_code=KAB_MALANG_VILLAGE
    )
    assert list(found) == [existing]
    assert not kim_possible_duplicates(
        user=officer,
        name="KIM Tulungrejo Mandiri",
        village_code=KAB_MALANG_VILLAGE,
        exclude_id=existing.pk,
    ).exists()


def test_staff_update_replaces_board_and_keeps_former_officers_inactive(officer):
    kim = create_complete_kim(user=officer)
    services.kim_update(
        kim=kim,
        updated_by=officer,
        data={"chair_name": "Budi Santoso"},
        officers=[
            {"name": "Budi Santoso", "position": "Ketua", "phone": ""},
            {"name": "Rina Wati", "position": "Bendahara", "phone": ""},
        ],
        channels=[],
    )

    kim.refresh_from_db()
    assert kim.chair_name == "Budi Santoso"
    active = kim.officers.filter(active=True)
    assert sorted(active.values_list("name", "position")) == [
        ("Budi Santoso", "Ketua"),
        ("Rina Wati", "Bendahara"),
    ]
    assert kim.officers.get(name="Siti Aminah").active is False
    assert not kim.channels.filter(active=True).exists()


def test_staff_rename_of_a_verified_kim_is_marked_in_the_audit_trail(
    officer, verified_kim
):
    services.kim_update(
        kim=verified_kim, updated_by=officer, data={"name": "KIM Tulungrejo Maju"}
    )

    event = verified_kim.events.order_by("pgh_id").last()
    assert event.name == "KIM Tulungrejo Maju"
    assert event.pgh_context.metadata["legal_change_by_staff"] == ["name"]


def test_staff_cannot_move_a_numbered_kim_to_another_kab_kota(demo_users, verified_kim):
    # The kab/kota officer cannot name a desa outside its kab/kota at all…
    with pytest.raises(ValidationError) as exc:
        services.kim_update(
            kim=verified_kim,
            updated_by=demo_users["kab-malang"],
            data={},
            village_code=KOTA_MALANG_VILLAGE,
        )
    assert "di luar wilayah kerja" in exc.value.message_dict["village"][0]
    # …and the ministry, whose scope is the nation, may not edit a KIM at all.
    with pytest.raises(PermissionDenied):
        services.kim_update(
            kim=verified_kim,
            updated_by=demo_users["kementerian"],
            data={},
            village_code=KOTA_MALANG_VILLAGE,
        )
    verified_kim.refresh_from_db()
    assert verified_kim.village_id == KAB_MALANG_VILLAGE


def test_update_of_an_inactive_kim_is_a_transition_error(officer, verified_kim):
    services.kim_deactivate(
        kim=verified_kim, deactivated_by=officer, reason=InactiveReason.DISSOLVED
    )
    with pytest.raises(TransitionError, match="tidak aktif tidak dapat diubah"):
        services.kim_update(kim=verified_kim, updated_by=officer, data={"rt": "003"})


def test_officer_of_another_kab_kota_cannot_act_on_the_kim(demo_users):
    kim = create_complete_kim(user=demo_users["kab-malang"])
    with pytest.raises(PermissionDenied):
        services.kim_submit(kim=kim, submitted_by=demo_users["kota-malang"])
    with pytest.raises(PermissionDenied):
        services.kim_update(kim=kim, updated_by=demo_users["kab-semarang"], data={})


# --- deactivation ---------------------------------------------------------------------


def test_deactivate_keeps_nik_and_terminates_the_open_partnership(officer, partner_kim):
    kim = services.kim_deactivate(
        kim=partner_kim, deactivated_by=officer, reason=InactiveReason.DISSOLVED
    )
    assert kim.status == KimStatus.INACTIVE
    assert kim.inactive_reason == InactiveReason.DISSOLVED
    assert kim.nik is not None
    partnership = Partnership.objects.get(kim=kim)
    assert partnership.status == PartnershipStatus.TERMINATED
    assert partnership.closed_on is not None


def test_deactivate_needs_a_known_reason_and_a_verified_kim(officer, verified_kim):
    with pytest.raises(ValidationError) as exc:
        services.kim_deactivate(
            kim=verified_kim, deactivated_by=officer, reason="bosan"
        )
    assert exc.value.message_dict["reason"] == ["Pilih alasan KIM tidak aktif."]
    kim = create_submitted_kim(user=officer, name="KIM Diajukan")
    with pytest.raises(TransitionError, match="Hanya KIM terverifikasi"):
        services.kim_deactivate(
            kim=kim, deactivated_by=officer, reason=InactiveReason.MOVED
        )


def test_deactivate_waits_for_an_open_review(officer, partner_kim):
    services.review_open(
        kim=partner_kim, opened_by=officer, grounds=[ReviewGround.CRIMINAL]
    )
    with pytest.raises(TransitionError, match="sedang dalam peninjauan"):
        services.kim_deactivate(
            kim=partner_kim, deactivated_by=officer, reason=InactiveReason.DISSOLVED
        )
