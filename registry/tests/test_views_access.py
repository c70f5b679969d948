"""Who reaches which staff page and action (scope → 404, rule → 403 or a message)."""

import pytest
from django.urls import reverse

from registry.choices import (
    KimStatus,
)
from registry.models import ReviewCase
from registry.tests.factories import (
    KOTA_MALANG_VILLAGE,
    KimFactory,
    UserFactory,
    VerifiedKimFactory,
)
from registry.tests.view_helpers import (
    checklist,
    complete_kim,
)

pytestmark = pytest.mark.django_db


# --- scope and permissions -------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["kim-detail", "kim-update", "kim-verify", "partnership-create"]
)
def test_regency_cannot_reach_another_regencys_kim(kab_malang, url_name):
    other = KimFactory(village_id=KOTA_MALANG_VILLAGE, status=KimStatus.SUBMITTED)
    response = kab_malang.get(reverse(f"registry:{url_name}", args=[other.pk]))
    assert response.status_code == 404


def test_regency_cannot_verify_another_regencys_kim_by_post(kab_malang):
    other = KimFactory(village_id=KOTA_MALANG_VILLAGE, status=KimStatus.SUBMITTED)
    response = kab_malang.post(
        reverse("registry:kim-verify", args=[other.pk]), checklist()
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == KimStatus.SUBMITTED


def test_regency_cannot_open_another_regencys_review(client, demo_users):
    kim = VerifiedKimFactory(village_id=KOTA_MALANG_VILLAGE)
    client.force_login(demo_users["kota-malang"])
    client.post(
        reverse("registry:review-create", args=[kim.pk]), {"grounds": ["moved"]}
    )
    case = ReviewCase.objects.get(kim=kim)
    client.force_login(demo_users["kab-malang"])
    assert (
        client.get(reverse("registry:review-detail", args=[case.pk])).status_code == 404
    )
    assert case not in client.get(reverse("registry:review-list")).context["page"]


@pytest.mark.parametrize("username", ["kl-demo"])
def test_agency_has_no_kim_list(client, demo_users, username):
    client.force_login(demo_users[username])
    assert client.get(reverse("registry:kim-list")).status_code == 404
    assert client.get(reverse("registry:kim-create")).status_code == 404


def test_kim_user_has_no_staff_pages(client, demo_users):
    kim = VerifiedKimFactory()
    from kimportal.accounts.models import Role

    member = UserFactory(username="anggota", role=Role.KIM, kim=kim)
    client.force_login(member)
    assert client.get(reverse("registry:kim-list")).status_code == 404
    assert client.get(reverse("registry:kim-detail", args=[kim.pk])).status_code == 404


def test_province_reads_but_does_not_register_or_verify(client, demo_users):
    kim = complete_kim(demo_users["kab-malang"], status=KimStatus.SUBMITTED)
    client.force_login(demo_users["prov-jatim"])
    assert client.get(reverse("registry:kim-create")).status_code == 404
    detail = client.get(reverse("registry:kim-detail", args=[kim.pk]))
    assert detail.status_code == 200
    assert reverse("registry:kim-verify", args=[kim.pk]) not in detail.text
    assert client.get(reverse("registry:kim-verify", args=[kim.pk])).status_code == 403
    assert client.get(reverse("registry:kim-update", args=[kim.pk])).status_code == 403


def test_ministry_sees_every_kim_read_only(client, demo_users):
    KimFactory(village_id=KOTA_MALANG_VILLAGE, name="KIM Kota")
    kim = KimFactory(name="KIM Kabupaten")
    client.force_login(demo_users["kementerian"])
    response = client.get(reverse("registry:kim-list"))
    names = {k.name for k in response.context["page"].object_list}
    assert {"KIM Kota", "KIM Kabupaten"} <= names
    detail = client.get(reverse("registry:kim-detail", args=[kim.pk]))
    assert reverse("registry:kim-update", args=[kim.pk]) not in detail.text


def test_verify_page_tells_the_actor_rule_from_the_state_rule(client, demo_users):
    """On the same submitted KIM (the state that allows verification) the kab/kota
    verifies and its province is refused: the refusal is the actor rule's."""
    kim = complete_kim(demo_users["kab-malang"], status=KimStatus.SUBMITTED)
    url = reverse("registry:kim-verify", args=[kim.pk])

    client.force_login(demo_users["prov-jatim"])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, checklist()).status_code in (403, 404)
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED and not kim.nik

    client.force_login(demo_users["kab-malang"])
    assert client.get(url).status_code == 200
    response = client.post(url, checklist())
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.status == KimStatus.VERIFIED and kim.nik
