"""A KIM's page read in one statement (`selectors_profile`) gives what the scoped
selectors give, one by one, for every role; out of scope is a 404."""

import datetime

import pytest
from django.http import Http404

from kimportal.core.scoping import scoped
from registry.choices import (
    ChangeRequestStatus,
    InactiveReason,
    KimStatus,
    PartnershipStatus,
)
from registry.models import ChangeRequest, Kim, KimChannel, Partnership
from registry.rules import HAS_OPEN_PARTNERSHIP
from registry.selectors import (
    kim_change_requests,
    kim_current_documents,
    kim_current_partnership,
)
from registry.selectors_profile import kim_own_page_get, kim_profile_get
from registry.selectors_views import (
    kim_active_channels,
    kim_active_officers,
)
from registry.tests.factories import (
    KOTA_MALANG_VILLAGE,
    KimDocumentFactory,
    KimFactory,
    KimOfficerFactory,
    UserFactory,
    VerifiedKimFactory,
)

pytestmark = pytest.mark.django_db

STAFF = ["kementerian", "prov-jatim", "prov-jateng", "kab-malang", "kota-malang"]


@pytest.fixture
def full_kim(demo_users):
    """A KIM of Kabupaten Malang with every list of its page filled, beside rows that
    must not show (inactive officers and channels, decided change requests)."""
    officer = demo_users["kab-malang"]
    old = VerifiedKimFactory(
        status=KimStatus.INACTIVE,
        inactive_reason=InactiveReason.MOVED,
        village_id=KOTA_MALANG_VILLAGE,
    )
    kim = VerifiedKimFactory(previous_record=old)
    KimOfficerFactory(kim=kim, name="Ani", position="Ketua", phone="")
    KimOfficerFactory(kim=kim, name="Lama", active=False)
    KimOfficerFactory(kim=kim, name="Budi", position="Sekretaris")
    KimChannel.objects.create(kim=kim, platform="instagram", address="@a", followers=9)
    KimChannel.objects.create(kim=kim, platform="facebook", address="b", active=False)
    kim.coverage_villages.set(["35.07.01.2002", "35.07.01.2001"])
    member = UserFactory(role="kim", kim=kim)
    for status in (ChangeRequestStatus.PENDING, ChangeRequestStatus.REJECTED) * 2:
        ChangeRequest.objects.create(
            kim=kim, requested_by=member, changes={"name": {}}, status=status
        )
    for starts_on, status in (
        ("2020-01-01", PartnershipStatus.ENDED),
        ("2022-01-01", PartnershipStatus.ACTIVE),
        ("2024-01-01", PartnershipStatus.ENDED),
    ):
        Partnership.objects.create(
            kim=kim,
            starts_on=starts_on,
            ends_on=datetime.date.fromisoformat(starts_on) + datetime.timedelta(700),
            status=status,
            qualifications=[],
            created_by=officer,
        )
    KimDocumentFactory(kim=kim, uploaded_by=officer, number="1")
    KimDocumentFactory(kim=kim, uploaded_by=officer, kind="officers_list")
    KimDocumentFactory(
        kim=kim,
        uploaded_by=officer,
        kind="declaration",
        superseded_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    return kim, member


def _region_chain(kim) -> list[tuple]:
    """The KIM's desa and its parents up to the province, every column."""
    chain, region = [], kim.village
    while region is not None:
        fields = ("code", "name", "level", "parent_id", "retired")
        chain.append(tuple(getattr(region, name) for name in fields))
        region = region.parent
    return chain


def test_the_kim_comes_with_its_columns_and_regions(
    demo_users, django_assert_num_queries
):
    kim = Kim.objects.get(pk=KimFactory(public_issues="x", power_reach=3).pk)
    for read, _page in (
        kim_profile_get(user=demo_users["kab-malang"], pk=kim.pk),
        kim_own_page_get(user=demo_users["kab-malang"], pk=kim.pk),
    ):
        assert [getattr(read, f.attname) for f in Kim._meta.concrete_fields] == [
            getattr(kim, f.attname) for f in Kim._meta.concrete_fields
        ]
        with django_assert_num_queries(0):
            chain = _region_chain(read)
        assert [level for _code, _name, level, *_ in chain] == [
            "village",
            "district",
            "regency",
            "province",
        ]
        assert chain == _region_chain(Kim.objects.get(pk=kim.pk))


def _pending(user, kim) -> list:
    return [
        (change.pk, change.requested_at, change.changes)
        for change in kim_change_requests(
            user=user, kim=kim, status=ChangeRequestStatus.PENDING
        )
    ]


def _read_in_scope(read, user, kim):
    """`read(user=user, pk=kim.pk)` for a user whose scope holds `kim`; for one whose
    scope does not, checks that the read is a 404 and gives None."""
    if not scoped(Kim.objects.filter(pk=kim.pk), user).exists():
        with pytest.raises(Http404):
            read(user=user, pk=kim.pk)
        return None
    return read(user=user, pk=kim.pk)


@pytest.mark.parametrize("username", [*STAFF, "kl-demo", "member"])
def test_profile_is_what_the_scoped_selectors_read(demo_users, full_kim, username):
    kim, member = full_kim
    user = member if username == "member" else demo_users[username]
    found = _read_in_scope(kim_profile_get, user, kim)
    if found is None:
        return
    read, profile = found

    assert read == kim
    assert _region_chain(read) == _region_chain(Kim.objects.get(pk=kim.pk))
    assert profile.officers == list(
        kim_active_officers(kim=kim).values("name", "position", "phone")
    )
    assert [
        (c.platform, c.address, c.followers, c.get_platform_display())
        for c in profile.channels
    ] == [
        (c.platform, c.address, c.followers, c.get_platform_display())
        for c in kim_active_channels(kim=kim)
    ]
    assert [(v.name, v.parent["name"]) for v in profile.coverage] == [
        (v.name, v.parent.name)
        for v in kim.coverage_villages.select_related("parent").order_by("code")
    ]
    assert len(profile.pending_changes) == (0 if username == "kl-demo" else 2)
    assert [
        (c.pk, c.requested_at, c.changes) for c in profile.pending_changes
    ] == _pending(user, kim)
    assert vars(profile.previous_record) == {
        "nik": kim.previous_record.nik,
        "name": kim.previous_record.name,
        "regency": kim.previous_record.village.parent.parent.name,
    }
    assert getattr(read, HAS_OPEN_PARTNERSHIP) is True


def test_profile_of_a_bare_kim(demo_users):
    kim = KimFactory()
    read, profile = kim_profile_get(user=demo_users["kab-malang"], pk=kim.pk)
    assert (profile.officers, profile.channels, profile.coverage) == ([], [], [])
    assert profile.pending_changes == [] and profile.previous_record is None
    assert getattr(read, HAS_OPEN_PARTNERSHIP) is False


@pytest.mark.parametrize("username", [*STAFF, "kl-demo", "member", "other member"])
def test_own_page_is_what_the_scoped_selectors_read(demo_users, full_kim, username):
    kim, member = full_kim
    users = {
        "member": member,
        "other member": UserFactory(role="kim", kim=KimFactory()),
    }
    user = users.get(username) or demo_users[username]
    found = _read_in_scope(kim_own_page_get, user, kim)
    if found is None:
        return
    read, page = found

    assert read == kim
    current = kim_current_partnership(user=user, kim=kim)
    assert current is None or current.status == PartnershipStatus.ACTIVE
    assert (page.partnership and page.partnership.pk) == (current and current.pk)
    if current:
        assert (page.partnership.starts_on, page.partnership.ends_on) == (
            current.starts_on,
            current.ends_on,
        )
        assert page.partnership.get_status_display() == current.get_status_display()
    assert [
        (d.pk, d.kind, d.number, d.expires_on, d.get_kind_display())
        for d in page.documents
    ] == [
        (d.pk, d.kind, d.number, d.expires_on, d.get_kind_display())
        for d in kim_current_documents(user=user, kim=kim)
    ]
    assert [
        (c.pk, c.requested_at, c.changes) for c in page.pending_changes
    ] == _pending(user, kim)


def test_own_page_shows_the_latest_partnership_when_none_is_open(demo_users, full_kim):
    kim, member = full_kim
    kim.partnerships.filter(status=PartnershipStatus.ACTIVE).update(
        status=PartnershipStatus.ENDED
    )
    _read, page = kim_own_page_get(user=member, pk=kim.pk)
    assert page.partnership.starts_on == datetime.date(2024, 1, 1)
    assert page.partnership.pk == kim_current_partnership(user=member, kim=kim).pk


def test_kept_scope_subquery_serves_each_scope_its_own(demo_users):
    # The ids a scope may see are a subquery compiled once per scope condition: asked
    # for one KIM as Kab. Malang, the same statement must not let Kota Malang read it,
    # nor keep Kota Malang from its own.
    from registry import selectors_profile

    selectors_profile._VISIBLE_KIM_IDS.clear()
    kab_kim = VerifiedKimFactory()
    kota_kim = VerifiedKimFactory(village_id=KOTA_MALANG_VILLAGE)
    kab, kota = demo_users["kab-malang"], demo_users["kota-malang"]
    assert kim_profile_get(user=kab, pk=kab_kim.pk)[0] == kab_kim
    with pytest.raises(Http404):
        kim_profile_get(user=kota, pk=kab_kim.pk)
    assert kim_profile_get(user=kota, pk=kota_kim.pk)[0] == kota_kim
    with pytest.raises(Http404):
        kim_profile_get(user=kab, pk=kota_kim.pk)
    assert (
        kim_profile_get(user=demo_users["kementerian"], pk=kota_kim.pk)[0] == kota_kim
    )
    with pytest.raises(Http404):
        kim_profile_get(user=kab, pk="not-a-number")
