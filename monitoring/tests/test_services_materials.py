"""Publishing material delivers it to each targeted KIM, in bulk, with tracked links."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.core.errors import TransitionError
from monitoring import services
from monitoring.models import MaterialDelivery, TrackedLink
from registry.tests.factories import KAB_SEMARANG_VILLAGE, PDF_BYTES, VerifiedKimFactory

from .factories import KAB_MALANG_VILLAGE, KOTA_MALANG_VILLAGE, material_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def kims(demo_users):
    return {
        "malang_a": VerifiedKimFactory(village_id=KAB_MALANG_VILLAGE, kim_type="A"),
        "malang_b": VerifiedKimFactory(
            village_id=KAB_MALANG_VILLAGE, kim_type="B", fields=["pariwisata"]
        ),
        "kota": VerifiedKimFactory(village_id=KOTA_MALANG_VILLAGE),
        "semarang": VerifiedKimFactory(village_id=KAB_SEMARANG_VILLAGE),
        "draft": VerifiedKimFactory.build(village_id=KAB_MALANG_VILLAGE),
    }


def _delivered(material):
    return set(
        MaterialDelivery.objects.filter(material=material).values_list(
            "kim_id", flat=True
        )
    )


def test_ministry_narasi_tunggal_reaches_every_verified_kim(kims, demo_users):
    ministry = demo_users["kementerian"]
    material = services.material_create(created_by=ministry, data=material_data())
    assert material.is_narasi_tunggal and material.level == "ministry"
    count = services.material_publish(material=material, published_by=ministry)
    expected = {kims[k].pk for k in ("malang_a", "malang_b", "kota", "semarang")}
    assert _delivered(material) == expected and count == 4
    # Three tracked links per delivery (messaging, social, online), unique codes.
    codes = list(TrackedLink.objects.values_list("code", flat=True))
    assert len(codes) == 12 == len(set(codes))
    assert all(len(code) == 12 for code in codes)


def test_regency_material_stays_in_its_regency_and_target(kims, kab):
    material = services.material_create(
        created_by=kab, data=material_data(target_kim_types=["B"])
    )
    assert not material.is_narasi_tunggal and material.issuer_region_id == "35.07"
    services.material_publish(material=material, published_by=kab)
    assert _delivered(material) == {kims["malang_b"].pk}


def test_province_targets_by_region_and_field(kims, demo_users):
    province = demo_users["prov-jatim"]
    material = services.material_create(
        created_by=province,
        data=material_data(target_region_codes=["35.07"], target_fields=["pariwisata"]),
    )
    services.material_publish(material=material, published_by=province)
    assert _delivered(material) == {kims["malang_b"].pk}


def test_target_outside_scope_is_refused(kab):
    with pytest.raises(ValidationError) as error:
        services.material_create(
            created_by=kab, data=material_data(target_region_codes=["35.73"])
        )
    assert "target_region_codes" in error.value.message_dict


def test_publish_twice_and_withdraw_rules(kims, kab, kota):
    material = services.material_create(created_by=kab, data=material_data())
    with pytest.raises(PermissionDenied):
        services.material_publish(material=material, published_by=kota)
    services.material_publish(material=material, published_by=kab)
    with pytest.raises(TransitionError):
        services.material_publish(material=material, published_by=kab)
    services.material_withdraw(material=material, withdrawn_by=kab)
    with pytest.raises(TransitionError):
        services.material_withdraw(material=material, withdrawn_by=kab)


def test_kim_and_agency_cannot_create_material(kim_user, demo_users):
    for user in (kim_user, demo_users["kl-demo"]):
        with pytest.raises(PermissionDenied):
            services.material_create(created_by=user, data=material_data())


def test_material_files_are_checked_by_content(kab):
    good = SimpleUploadedFile("bahan.pdf", PDF_BYTES, content_type="application/pdf")
    material = services.material_create(
        created_by=kab, data=material_data(), files=[good]
    )
    assert material.files.get().content_type == "application/pdf"
    bad = SimpleUploadedFile("bahan.pdf", b"MZ" * 40, content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.material_file_add(
            material=material, uploaded_by=kab, uploaded_file=bad
        )


def test_opening_and_reporting_mark_the_delivery(kim, kim_user, kab):
    from .factories import make_report

    material = services.material_create(created_by=kab, data=material_data())
    services.material_publish(material=material, published_by=kab)
    delivery = MaterialDelivery.objects.get(material=material, kim=kim)
    services.delivery_mark_opened(delivery=delivery, user=kim_user)
    make_report(kim=kim, user=kim_user, material=material.pk)
    delivery.refresh_from_db()
    assert delivery.opened_at and delivery.reported_at
    with pytest.raises(PermissionDenied):
        services.delivery_mark_opened(delivery=delivery, user=kab)


def test_report_may_only_name_material_delivered_to_its_kim(kim, kim_user, kab):
    from .factories import make_report

    material = services.material_create(
        created_by=kab, data=material_data(target_kim_types=["B"])
    )
    services.material_publish(material=material, published_by=kab)
    with pytest.raises(ValidationError) as error:
        make_report(kim=kim, user=kim_user, material=material.pk)
    assert "material" in error.value.message_dict


def test_publish_to_delivers_only_to_the_listed_kim_in_target_and_scope(kims, kab):
    material = services.material_create(
        created_by=kab, data=material_data(target_kim_types=["A", "B"])
    )
    delivered = services.material_publish_to(
        material=material,
        published_by=kab,
        # Kota Malang's KIM is outside the publisher's scope: left out.
        kim_ids=[kims["malang_b"].pk, kims["kota"].pk],
    )
    assert delivered == 1
    assert _delivered(material) == {kims["malang_b"].pk}
    material.refresh_from_db()
    assert material.state == "published"
    with pytest.raises(TransitionError):
        services.material_publish_to(
            material=material, published_by=kab, kim_ids=[kims["malang_a"].pk]
        )
