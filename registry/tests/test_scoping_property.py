"""The scoping rule, checked as a property: for random KIM spread over the real test
regions and random users of every role, nobody ever reads a row outside their scope, and
everybody reads every row inside it.

The expected rows are worked out from the region tree (a desa's kab/kota and province are
its ancestors), not from code prefixes, so the test does not repeat the implementation.
"""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import Http404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kimportal.accounts.models import Office, Role, User
from kimportal.core.scoping import code_in_scope, get_scoped_or_404, scoped
from kimportal.core.testing import TEST_REGENCIES
from kimportal.regions.models import Region, RegionLevel
from registry.choices import DocumentKind, KimStatus, PartnershipStatus
from registry.models import Kim, KimDocument, KimMember, NikSequence, Partnership
from registry.tests.factories import KAB_MALANG_VILLAGE, KimFactory, UserFactory

NIK_NUMBERS = itertools.count(1)
USER_NUMBERS = itertools.count(1)
# Roles as the property test draws them; "norole" is an account nobody assigned a role.
DRAWN_ROLES = [
    "ministry",
    "province",
    "regency",
    "agency",
    "kim",
    "norole",
    "superuser",
]


@pytest.fixture
def region_tree(regions):
    """Every loaded desa with its kab/kota and province, and the codes users may sit in."""
    villages = {
        v.code: (v.parent.parent.code, v.parent.parent.parent.code)
        for v in Region.objects.filter(level=RegionLevel.VILLAGE).select_related(
            "parent__parent__parent"
        )
    }
    provinces = list(
        Region.objects.filter(level=RegionLevel.PROVINCE).values_list("code", flat=True)
    )
    regencies = list(
        Region.objects.filter(level=RegionLevel.REGENCY).values_list("code", flat=True)
    )
    assert len(villages) > 100 and len(provinces) > 30 and len(regencies) > 500
    return {
        "villages": sorted(villages),
        "ancestors": villages,
        "provinces": provinces,
        "regencies": regencies,
    }


def _make_kims(data, tree, uploader):
    specs = data.draw(
        st.lists(
            st.tuples(
                st.sampled_from(tree["villages"]),
                st.sampled_from(KimStatus.values),
                st.booleans(),  # has a current SK document
                st.booleans(),  # has a partnership
            ),
            min_size=1,
            max_size=25,
        ),
        label="kims",
    )
    kims = Kim.objects.bulk_create(
        [
            Kim(
                name=f"KIM {n}",
                kim_type="A",
                status=status,
                village_id=village,
                nik=(
                    f"{village[:5].replace('.', '')}-2026-{next(NIK_NUMBERS):06d}"
                    if status in (KimStatus.VERIFIED, KimStatus.INACTIVE)
                    else None
                ),
            )
            for n, (village, status, _doc, _partner) in enumerate(specs)
        ]
    )
    documents = KimDocument.objects.bulk_create(
        [
            KimDocument(
                kim=kim,
                kind=DocumentKind.VILLAGE_HEAD_SK,
                file=f"kim-documents/{kim.pk}.pdf",
                content_type="application/pdf",
                original_name="sk.pdf",
                uploaded_by=uploader,
            )
            for kim, (_v, _s, has_doc, _p) in zip(kims, specs, strict=True)
            if has_doc
        ]
    )
    partnerships = Partnership.objects.bulk_create(
        [
            Partnership(
                kim=kim,
                starts_on=datetime.date(2026, 1, 1),
                ends_on=datetime.date(2028, 12, 31),
                status=PartnershipStatus.ACTIVE,
                created_by=uploader,
            )
            for kim, (_v, _s, _d, has_partner) in zip(kims, specs, strict=True)
            if has_partner
        ]
    )
    return kims, documents, partnerships


def _draw_user(data, tree, kims):
    role = data.draw(st.sampled_from(DRAWN_ROLES), label="role")
    active = data.draw(st.sampled_from([True, True, True, False]), label="active")
    with_office = data.draw(st.integers(0, 9), label="office?") > 0
    username = f"scope-user-{next(USER_NUMBERS)}"
    fields = {"username": username, "is_active": active}
    if role in ("province", "regency"):
        codes = (
            st.sampled_from(["35", "33"]) | st.sampled_from(tree["provinces"])
            if role == "province"
            else st.sampled_from(TEST_REGENCIES) | st.sampled_from(tree["regencies"])
        )
        code = data.draw(codes, label=f"{role} region")
        office = None
        if with_office:
            office, _created = Office.objects.get_or_create(
                kind=role, region_id=code, defaults={"name": f"Dinas {code}"}
            )
        fields.update(role=role, office=office)
    elif role == "kim":
        if not kims:
            return None
        fields.update(role=Role.KIM, kim=data.draw(st.sampled_from(kims), label="kim"))
    elif role == "superuser":
        fields.update(role="", is_superuser=True)
    elif role == "norole":
        fields.update(role="")
    else:
        fields.update(role=role)
    return UserFactory(**fields)


def _expected_kim_ids(user, kims, tree) -> set[int]:
    """Which KIM the user should see, from the guideline's rules and the region tree."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser or user.role == Role.MINISTRY:
        return {k.pk for k in kims}
    if user.role == Role.AGENCY:
        return {k.pk for k in kims if k.status == KimStatus.VERIFIED}
    if user.role == Role.KIM:
        return set(
            KimMember.objects.filter(user=user, active=True).values_list(
                "kim_id", flat=True
            )
        )
    if user.role in (Role.PROVINCE, Role.REGENCY) and user.office_id:
        level = 0 if user.role == Role.REGENCY else 1
        home = user.office.region_id
        return {k.pk for k in kims if tree["ancestors"][k.village_id][level] == home}
    return set()


def _expected_child_kim_ids(user, kims, tree) -> set[int]:
    """Rows that belong to a KIM follow it, except that agencies see none of them."""
    if getattr(user, "role", None) == Role.AGENCY and not user.is_superuser:
        return set()
    return _expected_kim_ids(user, kims, tree)


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_nobody_reads_outside_their_scope_and_everyone_reads_all_inside(
    region_tree, data
):
    with transaction.atomic():
        uploader = UserFactory(username=f"uploader-{next(USER_NUMBERS)}", role="")
        kims, documents, partnerships = _make_kims(data, region_tree, uploader)
        users = [AnonymousUser()]
        for _n in range(data.draw(st.integers(1, 6), label="number of users")):
            user = _draw_user(data, region_tree, kims)
            if user is not None:
                users.append(User.objects.select_related("office").get(pk=user.pk))
        all_kim_ids = {k.pk for k in kims}

        for user in users:
            expected = _expected_kim_ids(user, kims, region_tree)
            expected_children = _expected_child_kim_ids(user, kims, region_tree)
            seen = set(
                scoped(Kim.objects.filter(pk__in=all_kim_ids), user).values_list(
                    "pk", flat=True
                )
            )
            seen_documents = set(
                scoped(
                    KimDocument.objects.filter(pk__in=[d.pk for d in documents]), user
                ).values_list("kim_id", flat=True)
            )
            seen_partnerships = set(
                scoped(
                    Partnership.objects.filter(pk__in=[p.pk for p in partnerships]),
                    user,
                ).values_list("kim_id", flat=True)
            )

            assert seen == expected, user
            assert seen_documents == {
                d.kim_id for d in documents if d.kim_id in expected_children
            }, user
            assert seen_partnerships == {
                p.kim_id for p in partnerships if p.kim_id in expected_children
            }, user

            outside = sorted(all_kim_ids - expected)
            if outside:
                with pytest.raises(Http404):
                    get_scoped_or_404(Kim.objects.all(), user, pk=outside[0])
            inside = sorted(expected & all_kim_ids)
            if inside:
                found = get_scoped_or_404(Kim.objects.all(), user, pk=inside[0])
                assert found.pk == inside[0]

        transaction.set_rollback(True)


def test_regency_officer_reads_only_own_kabupaten(demo_users):
    own = KimFactory(village_id=KAB_MALANG_VILLAGE)
    other = KimFactory(village_id="35.73.01.1001")
    officer = demo_users["kab-malang"]

    assert list(scoped(Kim.objects.all(), officer)) == [own]
    with pytest.raises(Http404):
        get_scoped_or_404(Kim.objects.all(), officer, pk=other.pk)


def test_province_officer_reads_all_its_kabupaten_and_no_other_province(demo_users):
    malang = KimFactory(village_id=KAB_MALANG_VILLAGE)
    kota = KimFactory(village_id="35.73.01.1001")
    semarang = KimFactory(village_id="33.22.01.2001")

    seen = set(scoped(Kim.objects.all(), demo_users["prov-jatim"]))

    assert seen == {malang, kota}
    assert semarang not in seen


def test_officer_without_office_reads_nothing(regions):
    officer = UserFactory(role=Role.REGENCY, office=None)
    KimFactory()

    assert not scoped(Kim.objects.all(), officer).exists()


def test_inactive_ministry_user_reads_nothing(demo_users):
    KimFactory()
    user = demo_users["kementerian"]
    user.is_active = False

    assert not scoped(Kim.objects.all(), user).exists()


def test_anonymous_reads_nothing(regions):
    KimFactory()

    assert not scoped(Kim.objects.all(), AnonymousUser()).exists()
    assert not scoped(Kim.objects.all(), None).exists()


@pytest.mark.parametrize("model", [Region, NikSequence])
def test_model_without_scope_cannot_be_scoped(demo_users, model):
    with pytest.raises(ImproperlyConfigured, match="declares no SCOPE"):
        scoped(model.objects.all(), demo_users["kementerian"])


def test_code_in_scope_follows_the_office_region(demo_users):
    officer = demo_users["kab-malang"]
    province = demo_users["prov-jatim"]

    assert code_in_scope(officer, KAB_MALANG_VILLAGE)
    assert not code_in_scope(officer, "35.73.01.1001")
    assert code_in_scope(province, "35.73.01.1001")
    assert not code_in_scope(province, "33.22.01.2001")
    assert code_in_scope(demo_users["kementerian"], "33.22.01.2001")
    assert not code_in_scope(AnonymousUser(), KAB_MALANG_VILLAGE)
