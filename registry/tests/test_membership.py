"""KIM membership belongs to the registry (KimMember); the core asks the resolver the
registry registers, once per user object."""

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from kimportal.accounts.models import Role
from kimportal.core.contributions import forget_kim_of, kim_id_of
from kimportal.core.scoping import scoped
from registry.membership import member_add
from registry.models import Kim, KimMember, MemberRole
from registry.tests.factories import KimFactory, UserFactory, VerifiedKimFactory

pytestmark = pytest.mark.django_db


def test_the_registry_resolves_the_kim_of_a_member(regions):
    kim = VerifiedKimFactory()
    member = UserFactory(role=Role.KIM, kim=kim)

    assert kim_id_of(member) == kim.pk
    assert list(scoped(Kim.objects.all(), member)) == [kim]


def test_only_kim_accounts_with_an_active_membership_have_a_kim(regions):
    kim = VerifiedKimFactory()
    officer = UserFactory(role=Role.REGENCY)
    KimMember.objects.create(user=officer, kim=kim)
    former = UserFactory(role=Role.KIM, kim=kim)
    KimMember.objects.filter(user=former).update(active=False)

    assert kim_id_of(officer) is None
    assert kim_id_of(UserFactory(role=Role.KIM)) is None
    assert kim_id_of(former) is None
    assert not scoped(Kim.objects.all(), former).exists()


def test_the_answer_costs_one_query_per_user_object(regions, django_assert_num_queries):
    kim = VerifiedKimFactory()
    member = UserFactory(role=Role.KIM, kim=kim)
    forget_kim_of(member)

    with django_assert_num_queries(1):
        for _ in range(5):
            assert kim_id_of(member) == kim.pk


def test_a_page_of_the_kim_scopes_its_reads_with_one_membership_query(
    client, regions, django_assert_max_num_queries
):
    kim = VerifiedKimFactory()
    client.force_login(UserFactory(role=Role.KIM, kim=kim))

    # The KIM's home gathers the panels every app registers (reports, materials,
    # campaigns, events, competitions): a fixed number, whatever the data.
    with django_assert_max_num_queries(14) as captured:
        response = client.get("/")

    assert response.status_code == 200 and kim.name in response.content.decode()
    membership_reads = [
        q for q in captured.captured_queries if "registry_kimmember" in q["sql"]
    ]
    assert len(membership_reads) == 1


def test_moving_an_account_ends_its_other_membership(regions):
    first, second = KimFactory(), KimFactory()
    user = UserFactory(role=Role.KIM, kim=first)

    member_add(user=user, kim=second, role=MemberRole.CHAIR)

    assert kim_id_of(user) == second.pk
    assert sorted(
        KimMember.objects.filter(user=user).values_list("kim_id", "active")
    ) == sorted([(first.pk, False), (second.pk, True)])


def test_one_active_membership_per_account_is_a_database_rule(regions):
    user = UserFactory(role=Role.KIM, kim=KimFactory())

    with pytest.raises(IntegrityError), transaction.atomic():
        KimMember.objects.create(user=user, kim=KimFactory())


def test_the_database_refuses_to_delete_a_membership(regions):
    UserFactory(role=Role.KIM, kim=KimFactory())

    with pytest.raises(DatabaseError), transaction.atomic():
        KimMember.objects.all().delete()
    assert KimMember.objects.count() == 1


def test_memberships_are_tracked(regions):
    user = UserFactory(role=Role.KIM, kim=KimFactory())
    KimMember.objects.filter(user=user).update(active=False)

    events = KimMember.pgh_event_model.objects.filter(user_id=user.pk)
    assert [e.pgh_label for e in events.order_by("pgh_id")] == ["insert", "update"]
