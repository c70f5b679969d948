"""Selectors behind the staff pages: what a KIM's pages read, always within scope."""

import pytest

from registry.selectors import kim_documents, kim_possible_duplicates
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KimDocumentFactory,
    KimFactory,
)

pytestmark = pytest.mark.django_db


def test_possible_duplicates_are_limited_to_the_users_scope(demo_users):
    existing = KimFactory(name="KIM Tulungrejo Sejahtera")

    def found(username):
        return list(
            kim_possible_duplicates(
                user=demo_users[username],
                name="KIM Tulungrejo Sejahtra",
                village_code=KAB_MALANG_VILLAGE,
            )
        )

    assert found("kab-malang") == [existing]
    assert found("prov-jatim") == [existing]
    assert found("kota-malang") == []
    assert found("prov-jateng") == []


def test_possible_duplicates_leave_out_the_kim_being_edited(demo_users):
    kim = KimFactory(name="KIM Tulungrejo Sejahtera")
    assert not kim_possible_duplicates(
        user=demo_users["kab-malang"],
        name=kim.name,
        village_code=KAB_MALANG_VILLAGE,
        exclude_id=kim.pk,
    ).exists()


def test_kim_documents_are_read_through_the_scope(demo_users):
    kim = KimFactory()
    document = KimDocumentFactory(kim=kim)
    assert list(kim_documents(user=demo_users["kab-malang"], kim=kim)) == [document]
    assert not kim_documents(user=demo_users["kota-malang"], kim=kim).exists()
    assert not kim_documents(user=demo_users["kl-demo"], kim=kim).exists()
