"""The KIM list's page with plain choice filters, whose statement is compiled once per
process (`selectors_list.kim_list_page_rows`): its rows are `kim_list_rows`' for every
role and filter, and a kept statement never serves a user of another scope."""

import pytest

from registry import selectors_list
from registry.models import Kim
from registry.selectors import kim_list_rows
from registry.selectors_counts import kim_status_counts_column
from registry.selectors_list import kim_list_page_rows

from .factories import (
    KAB_MALANG_VILLAGE,
    KAB_SEMARANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    KimFactory,
    VerifiedKimFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["kementerian", "prov-jatim", "kab-malang", "kota-malang", "kl-demo"]
FILTERS = [
    {},
    {"status": "verified"},
    {"status": "draft", "sort": "-name"},
    {"media": "social"},
    {"status": "verified", "media": "radio", "sort": "nik"},
    {"status": "nonsense"},  # invalid: every filter ignored
    {"status": "draft", "sort": "nonsense"},
    {"kim_type": "A"},  # not a plain choice: KimFilter's way
    {"q": "Harapan"},
]


@pytest.fixture
def kims(demo_users):
    villages = [KAB_MALANG_VILLAGE, KOTA_MALANG_VILLAGE, KAB_SEMARANG_VILLAGE]
    for n in range(12):
        factory = VerifiedKimFactory if n % 3 else KimFactory
        factory(
            name=f"KIM {'Harapan' if n % 4 else 'Maju'} {n:02d}",
            village_id=villages[n % 3],
            kim_type="AB"[n % 2],
            media_types=[["social"], ["radio", "social"], ["print"]][n % 3],
        )
    selectors_list._PLAIN_PAGE_STATEMENTS.clear()
    return demo_users


def expected_rows(user, filters, start, size, extra=None):
    rows = kim_list_rows(user=user, filters=filters, extra=extra)
    return list(rows[start : start + size])


@pytest.mark.parametrize("filters", FILTERS)
def test_page_rows_are_kim_list_rows_for_every_role(kims, filters):
    for username in ROLES:
        user = kims[username]
        for start, size in [(0, 5), (5, 5), (0, 25), (40, 5)]:
            got = kim_list_page_rows(user=user, filters=filters, start=start, size=size)
            assert got == expected_rows(user, filters, start, size), (username, start)
            if got:
                assert (
                    type(got[0])._fields
                    == type(expected_rows(user, filters, 0, 1)[0])._fields
                )


def test_page_rows_carry_the_counts_column_as_the_orm_reads_it(kims):
    user = kims["kementerian"]
    filters = {"status": "verified"}
    extra = {"counts": kim_status_counts_column(user=user, filters=filters)}
    for _ in range(2):  # compiled, then kept
        got = kim_list_page_rows(
            user=user, filters=filters, start=0, size=5, extra=extra
        )
        assert got == expected_rows(user, filters, 0, 5, extra)
        assert isinstance(got[0].counts, dict) and got[0].counts["verified"] == 8


def test_a_kept_statement_serves_only_its_own_scope(kims):
    filters = {"status": "verified"}
    # Warm the kept statements as one officer, then ask as others of other scopes.
    for username in ROLES:
        kim_list_page_rows(user=kims[username], filters=filters, start=0, size=25)
    for username in reversed(ROLES):
        user = kims[username]
        got = kim_list_page_rows(user=user, filters=filters, start=0, size=25)
        assert [row.id for row in got] == [
            row.id for row in expected_rows(user, filters, 0, 25)
        ]
    regency = {
        row.regency_name
        for row in kim_list_page_rows(
            user=kims["kota-malang"], filters={}, start=0, size=25
        )
    }
    assert regency == {"Kota Malang"}


def test_an_officer_moved_to_another_office_sees_the_new_scope(kims):
    user = kims["kab-malang"]
    before = kim_list_page_rows(user=user, filters={}, start=0, size=25)
    assert before and all(row.regency_name == "Kabupaten Malang" for row in before)
    user.office = kims["kota-malang"].office
    user.save(update_fields=["office"])
    user.refresh_from_db()
    after = kim_list_page_rows(user=user, filters={}, start=0, size=25)
    assert after == expected_rows(user, {}, 0, 25)
    assert {row.regency_name for row in after} == {"Kota Malang"}


def test_a_user_who_sees_no_kim_gets_an_empty_page(kims):
    user = kims["kab-malang"]
    user.is_active = False  # the scoping rule gives an inactive account nothing
    assert kim_list_page_rows(user=user, filters={}, start=0, size=25) == []
    assert Kim.objects.exists()
