"""The portal's password backend: the session user comes with its office, and a named
rule that says no is not asked again of Django's model permissions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from kimportal.accounts.backends import PortalModelBackend, user_with_office

pytestmark = pytest.mark.django_db


def test_session_user_comes_with_its_office(demo_users, django_assert_num_queries):
    officer = demo_users["kab-malang"]
    with django_assert_num_queries(1):
        user = PortalModelBackend().get_user(officer.pk)
        assert user.office.region_id == "35.07"


def test_session_user_is_the_user_the_orm_loads(demo_users, django_assert_num_queries):
    # Read by one statement of its own (backends.user_with_office): every field of the
    # user and of its office as the ORM reads them; no office for national accounts.
    for username in ("kab-malang", "kementerian", "prov-jatim"):
        expected = (
            type(demo_users[username])
            .objects.select_related("office")
            .get(username=username)
        )
        with django_assert_num_queries(1):
            user = user_with_office(expected.pk)
            office = user.office
        fields = expected._meta.concrete_fields
        assert [f.value_from_object(user) for f in fields] == [
            f.value_from_object(expected) for f in fields
        ]
        if expected.office is None:
            assert office is None
        else:
            office_fields = expected.office._meta.concrete_fields
            assert [f.value_from_object(office) for f in office_fields] == [
                f.value_from_object(expected.office) for f in office_fields
            ]
        assert not user._state.adding and user._state.db == "default"
    assert user_with_office(10**9) is None
    assert user_with_office("not a number") is None


def test_inactive_user_is_not_loaded(demo_users):
    officer = demo_users["kab-malang"]
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert PortalModelBackend().get_user(officer.pk) is None


def test_refused_named_rule_asks_no_permission_table(
    demo_users, django_assert_num_queries
):
    ministry = demo_users["kementerian"]
    with django_assert_num_queries(0):
        assert not ministry.has_perm("registry.add_kim")


def test_model_permissions_that_are_no_rule_still_count(demo_users):
    officer = demo_users["kab-malang"]
    officer.user_permissions.add(Permission.objects.get(codename="view_region"))
    officer = type(officer).objects.get(pk=officer.pk)
    assert officer.has_perm("regions.view_region")


def test_login_still_works_through_the_backend(client, demo_users):
    from conftest import DEMO_PASSWORD, totp_now

    response = client.post(
        reverse("login"),
        {"username": "kab-malang", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    # Staff pass the second factor next (kimportal.accounts.mfa).
    code = totp_now("kab-malang")
    assert (
        client.post(reverse("accounts:mfa-verify"), {"code": code}).status_code == 302
    )
    assert client.get(reverse("registry:kim-list")).status_code == 200
