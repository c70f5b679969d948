"""The KIM list, the registration form's input, and a KIM that moved from another kab/kota."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kimportal.regions.selectors import region_choices_invalidate
from kimportal.regions.services import regions_load
from registry.choices import (
    KimStatus,
    PartnershipStatus,
    Qualification,
)
from registry.models import Kim, Partnership
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    KimFactory,
    VerifiedKimFactory,
    pdf_upload,
)
from registry.tests.view_helpers import (
    SECOND_KAB_MALANG_VILLAGE,
    complete_kim,
    registration_data,
    with_documents,
)

pytestmark = pytest.mark.django_db


# --- the list --------------------------------------------------------------------------


def test_kim_list_shows_own_region_with_counts_and_filters(kab_malang):
    KimFactory(name="KIM Mawar", status=KimStatus.DRAFT)
    KimFactory(name="KIM Melati", status=KimStatus.SUBMITTED)
    VerifiedKimFactory(name="KIM Anggrek")
    KimFactory(name="KIM Kota Lain", village_id=KOTA_MALANG_VILLAGE)

    response = kab_malang.get(reverse("registry:kim-list"))
    assert response.status_code == 200
    names = [k.name for k in response.context["page"].object_list]
    assert names == ["KIM Anggrek", "KIM Mawar", "KIM Melati"]
    counts = {link["value"]: link["count"] for link in response.context["status_links"]}
    assert counts[""] == 3 and counts["verified"] == 1 and counts["draft"] == 1

    response = kab_malang.get(reverse("registry:kim-list"), {"status": "submitted"})
    assert [k.name for k in response.context["page"].object_list] == ["KIM Melati"]
    # The status counts stay those of the whole filtered list, not only the status.
    counts = {link["value"]: link["count"] for link in response.context["status_links"]}
    assert counts[""] == 3

    response = kab_malang.get(reverse("registry:kim-list"), {"q": "mawar"})
    assert [k.name for k in response.context["page"].object_list] == ["KIM Mawar"]

    # The kecamatan filter offers the kab/kota's own kecamatan.
    assert '<option value="35.07.01">' in response.text
    assert '<option value="35.73.01">' not in response.text


def test_kim_list_region_select_follows_the_region_table(
    kab_malang, django_capture_on_commit_callbacks
):
    # The region select's HTML is kept per process (views/filter_bar.py); a kecamatan
    # added or renamed by a region load must show on the next page all the same.
    url = reverse("registry:kim-list")
    assert ">Donomulyo</option>" in kab_malang.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        regions_load(rows=[("35.07.01", "Donomulyo Baru"), ("35.07.99", "Kec. Baru")])
    page = kab_malang.get(url).text
    assert '<option value="35.07.99">Kec. Baru</option>' in page
    assert '<option value="35.07.01">Donomulyo Baru</option>' in page
    assert ">Donomulyo</option>" not in page
    # The chosen kecamatan is marked in the new select too.
    page = kab_malang.get(url, {"region": "35.07.99"}).text
    assert '<option value="35.07.99" selected>Kec. Baru</option>' in page
    # The test's rows roll back; the choices cached from them must not outlive it.
    region_choices_invalidate()


def test_kim_list_marks_an_invalid_filter_as_the_form_did(kab_malang):
    page = kab_malang.get(reverse("registry:kim-list"), {"field": "nope"}).text
    assert (
        '<select aria-describedby="id_field_error" aria-invalid="true" '
        'data-autosubmit="" id="id_field" name="field">'
    ) in page
    assert page.count('aria-invalid="true"') == 1


def test_kim_list_region_filter_stays_a_select_when_the_form_is_bound(kab_malang):
    # The view used to swap the field after validation had cached the old one: every
    # filtered list showed the kecamatan filter as a text box with the raw code.
    response = kab_malang.get(
        reverse("registry:kim-list"), {"status": "verified", "region": "35.07.01"}
    )
    assert response.status_code == 200
    assert '<input type="text" name="region"' not in response.text
    assert 'id="id_region" name="region">' in response.text
    assert '<option value="35.07.01" selected>' in response.text
    # Any code prefix still filters (a link may carry a desa or kab/kota code).
    KimFactory(name="KIM Di Desa Itu")
    KimFactory(name="KIM Desa Lain", village_id=SECOND_KAB_MALANG_VILLAGE)
    response = kab_malang.get(reverse("registry:kim-list"), {"region": "35.07.01.2001"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' not in response.text
    assert [k.name for k in response.context["page"].object_list] == ["KIM Di Desa Itu"]


def test_kim_list_filters_offer_one_empty_choice(kab_malang):
    response = kab_malang.get(reverse("registry:kim-list"), {"status": "draft"})
    status_select = response.text.split('id="id_status" name="status">')[1].split(
        "</select>"
    )[0]
    assert status_select.count('<option value="">') == 1
    assert '<option value="">Semua</option>' in status_select
    assert "---------" not in response.text


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        ({}, 3),
        ({"status": "verified"}, 3),
        ({"status": "verified", "media": "social"}, 3),
        ({"q": "mawar"}, 3),
        ({"q": "mawar", "status": "verified", "media": "social"}, 3),
        ({"region": "35.07.01", "sort": "nik"}, 4),
    ],
)
def test_kim_list_query_count(kab_malang, django_assert_num_queries, query, queries):
    VerifiedKimFactory(name="KIM Mawar")
    kab_malang.get(reverse("registry:kim-list"))  # caches the region choices
    # Session, user with office, then the rows carrying the status counts (sums of
    # the counts tables; for a search, of its matches, its desa names looked up in the
    # same statement within a kab/kota). A kecamatan is finer than the counts tables:
    # its KIM are counted, then listed. No permission query (named rules never reach
    # ModelBackend).
    with django_assert_num_queries(queries) as captured:
        kab_malang.get(reverse("registry:kim-list"), query)
    assert not any("auth_permission" in q["sql"] for q in captured.captured_queries)


def test_kim_list_national_search_query_count(
    client, demo_users, django_assert_num_queries
):
    VerifiedKimFactory(name="KIM Mawar")
    client.force_login(demo_users["kementerian"])
    client.get(reverse("registry:kim-list"))  # caches the region choices
    # Nationally the desa codes are looked up first, so that the KIM table is searched
    # by its indexes alone; then one statement gives the rows and their counts.
    with django_assert_num_queries(4):
        response = client.get(reverse("registry:kim-list"), {"q": "mawar"})
    assert [row.name for row in response.context["page"].object_list] == ["KIM Mawar"]


@pytest.mark.parametrize(
    ("username", "params", "by_region"),
    [
        ("kab-malang", {"q": "mawar"}, True),
        ("kementerian", {"q": "mawar"}, False),
        ("kementerian", {"q": "mawar", "region": "35.07"}, True),
        ("prov-jatim", {"q": "mawar", "region": "35"}, False),
    ],
)
def test_kim_list_search_within_a_kab_kota_tests_names_one_by_one(
    client, demo_users, username, params, by_region
):
    VerifiedKimFactory(name="KIM Mawar")
    client.force_login(demo_users[username])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("registry:kim-list"), params)
    assert [row.name for row in response.context["page"].object_list] == ["KIM Mawar"]
    (statement,) = [q["sql"] for q in queries if 'FROM "registry_kim"' in q["sql"]]
    # Within a kab/kota, names are tested by STRPOS, which the trigram index cannot
    # serve, so the KIM are read by their region's code index.
    assert ('STRPOS(UPPER("registry_kim"."name")' in statement) is by_region
    assert ('UPPER("registry_kim"."name"::text) LIKE' in statement) is not by_region


SEARCH_PAGES = [
    {"q": "melati"},
    {"q": "melati", "status": "verified"},
    {"q": "melati", "status": "rejected"},
    {"q": "melati", "page": "2"},
    {"q": "melati", "page": "3"},
    {"q": "melati", "page": "0"},
    {"q": "melati", "page": "x"},
    {"q": "melati", "media": "print", "status": "draft"},
    {"q": "melati", "sort": "-name", "page": "2"},
    {"q": "melati", "sort": "village"},
    {"q": "melati", "sort": "-updated_at"},
    {"q": "melati", "region": "35.07.01"},
    {"q": "50%"},
    {"q": "a_b"},
    {"q": "tidak ada"},
]


@pytest.mark.parametrize("username", ["kab-malang", "prov-jatim", "kementerian"])
def test_kim_list_search_page_and_counts_equal_separate_reads(
    client, demo_users, username
):
    from django.db.models import Q

    from kimportal.core.scoping import scoped
    from registry.choices import MediaType
    from registry.selectors import kim_list_rows, kim_status_counts

    statuses = [KimStatus.DRAFT, KimStatus.SUBMITTED, KimStatus.REJECTED]
    for i in range(40):
        KimFactory(
            name=f"KIM Melati {i:02d}",
            status=statuses[i % 3],
            village_id=SECOND_KAB_MALANG_VILLAGE if i % 4 else KAB_MALANG_VILLAGE,
            media_types=[MediaType.PRINT] if i % 2 else [MediaType.SOCIAL],
        )
    for i in range(6):
        VerifiedKimFactory(name=f"KIM Melati Kota {i}", village_id=KOTA_MALANG_VILLAGE)
    KimFactory(name="KIM 50% Maju")
    KimFactory(name="KIM 500 Maju")
    KimFactory(name="KIM a_b")
    KimFactory(name="KIM axb")
    user = demo_users[username]
    client.force_login(user)
    for params in SEARCH_PAGES:
        response = client.get(reverse("registry:kim-list"), params)
        assert response.status_code == 200
        filters = {key: value for key, value in params.items() if key != "page"}
        counts = kim_status_counts(user=user, filters=filters)
        links = {
            link["value"] or "total": link["count"]
            for link in response.context["status_links"]
        }
        assert links == counts, params
        rows = list(kim_list_rows(user=user, filters=filters))
        page = response.context["page"]
        start = (page.number - 1) * 25
        assert [tuple(row)[:10] for row in page.object_list] == [
            tuple(row) for row in rows[start : start + 25]
        ], params
        assert page.paginator.count == len(rows)
        # The same KIM a plain substring match finds (the kab/kota's names are tested
        # row by row, not through the trigram index).
        q = params["q"]
        matched = scoped(
            Kim.objects.filter(Q(name__icontains=q) | Q(nik__startswith=q)), user
        )
        if "status" in params:
            matched = matched.filter(status=params["status"])
        if "media" in params:
            matched = matched.filter(media_types__contains=[params["media"]])
        if "region" in params:
            matched = matched.filter(village__code__startswith=params["region"])
        assert {row.id for row in rows} == set(matched.values_list("id", flat=True))
    assert response.context["total"] == 0


def test_kim_list_shows_the_open_partnership(kab_malang, demo_users):
    kim = VerifiedKimFactory(name="KIM Mitra")
    Partnership.objects.create(
        kim=kim,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        qualifications=Qualification.values,
        created_by=demo_users["kab-malang"],
    )
    response = kab_malang.get(reverse("registry:kim-list"), {"partnership": "active"})
    rows = list(response.context["page"].object_list)
    assert [k.name for k in rows] == ["KIM Mitra"]
    assert rows[0].open_partnership_status == PartnershipStatus.ACTIVE
    assert "Mitra aktif" in response.text


def test_kim_list_shows_each_partnerships_own_end_date(kab_malang, demo_users):
    # The active cell is formatted once per end date on a page; each row keeps its own.
    for name, ends_on in (
        ("KIM Satu", datetime.date(2026, 12, 31)),
        ("KIM Dua", datetime.date(2027, 6, 30)),
        ("KIM Tiga", datetime.date(2026, 12, 31)),
    ):
        Partnership.objects.create(
            kim=VerifiedKimFactory(name=name),
            starts_on=datetime.date(2026, 1, 1),
            ends_on=ends_on,
            qualifications=Qualification.values,
            created_by=demo_users["kab-malang"],
        )
    response = kab_malang.get(reverse("registry:kim-list"), {"partnership": "active"})
    rows = response.text.split("<tr>")[2:]
    ends = {row.split("</a>")[0].rsplit(">", 1)[1]: row for row in rows}
    assert "s.d. 31 Des 2026" in ends["KIM Satu"]
    assert "s.d. 30 Jun 2027" in ends["KIM Dua"]
    assert "s.d. 31 Des 2026" in ends["KIM Tiga"]


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("registry:kim-list"))
    assert response.status_code == 200
    return len(queries)


def test_kim_list_query_count_does_not_grow_with_rows(kab_malang, demo_users):
    def add(n):
        for i in range(n):
            kim = VerifiedKimFactory(name=f"KIM Baris {Kim.objects.count():03d}")
            if i % 2 == 0:
                Partnership.objects.create(
                    kim=kim,
                    starts_on=datetime.date(2026, 1, 1),
                    ends_on=datetime.date(2026, 12, 31),
                    qualifications=Qualification.values,
                    created_by=demo_users["kab-malang"],
                )

    add(1)
    one_row = _list_queries(kab_malang)
    add(24)
    full_page = _list_queries(kab_malang)
    add(25)
    two_pages = _list_queries(kab_malang)
    assert one_row == full_page == two_pages


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"page": "2"},
        {"page": "3"},
        {"page": "99999999999999999999999"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "dua"},
        {"page": "1.0"},
        {"status": "draft"},
        {"status": "draft", "page": "2"},
        {"status": "verified"},
        {"status": "nonsense", "page": "2"},
        {"region": "35.07", "page": "2"},
        {"kim_type": "A"},
    ],
)
def test_kim_list_page_and_counts_equal_the_paginators(kab_malang, demo_users, query):
    # With only status or region chosen, the rows carry the status counts (one query
    # fewer); page, rows and counts must be those of the counts read first and the
    # paginator's get_page, also for a page past the end or not a number.
    from django.core.paginator import Paginator

    from registry.selectors import kim_filters_valid, kim_list_rows, kim_status_counts

    for i in range(30):
        KimFactory(name=f"KIM Urut {i:02d}", status="draft" if i % 3 else "submitted")
    VerifiedKimFactory(name="KIM Terverifikasi", kim_type="A")
    officer = demo_users["kab-malang"]
    with CaptureQueriesContext(connection) as queries:
        response = kab_malang.get(reverse("registry:kim-list"), query)
    assert response.status_code == 200

    filters = query if kim_filters_valid(query) else {}
    counts = kim_status_counts(user=officer, filters=filters)
    status = filters.get("status", "")
    total = counts.get(status, 0) if status else counts["total"]
    rows = kim_list_rows(user=officer, filters=filters)
    expected = Paginator(rows, 25).get_page(query.get("page"))
    page = response.context["page"]
    assert page.number == expected.number
    assert page.paginator.count == total
    assert [row.id for row in page.object_list] == [row.id for row in expected]
    shown = {link["value"]: link["count"] for link in response.context["status_links"]}
    assert shown == {"": counts["total"]} | {s: counts[s] for s in KimStatus.values}
    asked = query.get("page")
    in_range = asked in (None, "dua", "1.0") or (
        asked.isdigit() and int(asked) == expected.number
    )
    if set(filters) <= {"status", "region", "page"} and in_range:
        count_reads = [q["sql"] for q in queries if "registry_kimcount" in q["sql"]]
        assert len(count_reads) == 1
        assert '"registry_kim"' in count_reads[0]


def test_kim_list_links_exports_with_the_current_filter(kab_malang):
    response = kab_malang.get(reverse("registry:kim-list"), {"status": "draft"})
    exports = dict(response.context["exports"])
    assert exports == {
        "Excel (XLSX)": reverse("registry:kim-export", args=["xlsx"]) + "?status=draft",
        "CSV": reverse("registry:kim-export", args=["csv"]) + "?status=draft",
    }


# --- registration input ----------------------------------------------------------------


def test_bad_upload_is_refused_in_indonesian_and_keeps_the_other_values(kab_malang):
    data = with_documents(registration_data())
    data["sk_file"] = pdf_upload("sk.pdf", content=b"MZ\x90\x00 not a pdf at all")
    response = kab_malang.post(reverse("registry:kim-create"), data)

    assert response.status_code == 400
    assert "Isi berkas bukan PDF" in response.text
    assert 'value="KIM Tulungrejo Sejahtera"' in response.text
    assert 'value="141/05/35.07.01.2001/2026"' in response.text
    assert 'value="Budi Santoso"' in response.text
    assert f'<option value="{KAB_MALANG_VILLAGE}" selected>' in response.text
    assert "pilih ulang berkasnya" in response.text
    assert not Kim.objects.filter(name="KIM Tulungrejo Sejahtera").exists()


def test_picker_refuses_a_desa_outside_the_regency(kab_malang):
    data = registration_data(village=KOTA_MALANG_VILLAGE)
    response = kab_malang.post(reverse("registry:kim-create"), data)

    assert response.status_code == 400
    assert "di luar wilayah kabupaten/kota Anda" in response.text
    assert 'value="KIM Tulungrejo Sejahtera"' in response.text
    assert not Kim.objects.exists()


def test_service_errors_land_on_their_fields(kab_malang):
    response = kab_malang.post(
        reverse("registry:kim-create"), registration_data(whatsapp="0341-123456")
    )
    assert response.status_code == 400
    assert "nomor seluler" in response.text
    assert 'value="KIM Tulungrejo Sejahtera"' in response.text


def test_duplicate_check_shows_similar_kim_in_the_same_desa(kab_malang):
    existing = KimFactory(name="KIM Tulungrejo Sejahtera")
    KimFactory(name="KIM Tulungrejo Sejahtera", village_id=KOTA_MALANG_VILLAGE)
    response = kab_malang.get(
        reverse("registry:kim-duplicates"),
        {"name": "KIM Tulungrejo Sejahtra", "village": KAB_MALANG_VILLAGE},
    )
    assert response.status_code == 200
    assert existing.get_absolute_url() in response.text
    assert response.text.count("<li>") == 1

    response = kab_malang.get(
        reverse("registry:kim-duplicates"),
        {"name": "KIM Tulungrejo Sejahtera", "village": SECOND_KAB_MALANG_VILLAGE},
    )
    assert "duplikat" not in response.text


def test_saving_a_likely_duplicate_warns_but_saves(kab_malang):
    KimFactory(name="KIM Tulungrejo Sejahtera")
    response = kab_malang.post(
        reverse("registry:kim-create"), registration_data(), follow=True
    )
    assert Kim.objects.filter(name="KIM Tulungrejo Sejahtera").count() == 2
    assert "kemungkinan duplikat" in response.text


# --- a KIM that moved from another kab/kota ----------------------------------------------


def moved_kim_in_kota_malang(demo_users) -> Kim:
    """A Kota Malang KIM that was verified, then closed as moved away."""
    from registry.services import kim_deactivate
    from registry.tests.factories import create_verified_kim

    officer = demo_users["kota-malang"]
    kim = create_verified_kim(
        user=officer,
        village_code=KOTA_MALANG_VILLAGE,
        name="KIM Lowokwaru Cerdas",
        chair_name="Rahmat Hidayat",
        street="Jl. Soekarno Hatta",
        whatsapp="0813-9999-8888",
        email="kim.lowokwaru@example.id",
    )
    return kim_deactivate(kim=kim, deactivated_by=officer, reason="moved")


def test_registration_links_a_moved_kim_to_its_old_record(kab_malang, demo_users):
    old = moved_kim_in_kota_malang(demo_users)
    response = kab_malang.post(
        reverse("registry:kim-create"),
        with_documents(registration_data(previous_nik=f" {old.nik} ")),
    )
    assert response.status_code == 302
    kim = Kim.objects.get(name="KIM Tulungrejo Sejahtera")
    assert kim.previous_record == old

    detail = kab_malang.get(kim.get_absolute_url()).text
    assert (
        f"Catatan sebelumnya: {old.nik} — KIM Lowokwaru Cerdas, Kota Malang" in detail
    )
    # Name and kab/kota only: no way into Kota Malang's record, none of its people.
    assert reverse("registry:kim-detail", args=[old.pk]) not in detail
    for personal in ("Rahmat Hidayat", "Soekarno Hatta", "9999", "kim.lowokwaru"):
        assert personal not in detail
    assert (
        kab_malang.get(reverse("registry:kim-detail", args=[old.pk])).status_code == 404
    )


def test_registration_refuses_the_nik_of_a_kim_that_did_not_move(
    kab_malang, demo_users
):
    from registry.tests.factories import create_verified_kim

    verified = create_verified_kim(
        user=demo_users["kota-malang"], village_code=KOTA_MALANG_VILLAGE
    )
    response = kab_malang.post(
        reverse("registry:kim-create"),
        registration_data(previous_nik=verified.nik),
    )
    assert response.status_code == 400
    assert (
        "NIK lama tidak ditemukan atau KIM tersebut belum dinyatakan pindah"
        in response.text
    )
    assert not Kim.objects.filter(name="KIM Tulungrejo Sejahtera").exists()


def test_registration_refuses_an_unknown_previous_nik(kab_malang):
    response = kab_malang.post(
        reverse("registry:kim-create"),
        registration_data(previous_nik="3573-2019-9999"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["previous_nik"] == [
        "NIK lama tidak ditemukan atau KIM tersebut belum dinyatakan pindah."
    ]
    assert not Kim.objects.filter(name="KIM Tulungrejo Sejahtera").exists()


def test_linking_leaves_the_old_record_unchanged_with_its_nik(kab_malang, demo_users):
    from registry.services import kim_submit, kim_verify
    from registry.tests.factories import ALL_REQUIREMENTS_PASSED

    old = moved_kim_in_kota_malang(demo_users)
    before = Kim.objects.filter(pk=old.pk).values().get()
    history_before = old.events.count()

    kab_malang.post(
        reverse("registry:kim-create"),
        with_documents(registration_data(previous_nik=old.nik)),
    )
    new = Kim.objects.get(previous_record=old)
    officer = demo_users["kab-malang"]
    new = kim_verify(
        kim=kim_submit(kim=new, submitted_by=officer),
        verified_by=officer,
        items=ALL_REQUIREMENTS_PASSED,
    )

    assert Kim.objects.filter(pk=old.pk).values().get() == before
    assert old.nik.startswith("3573-")
    # The new kab/kota numbers the KIM afresh; the old NIK is never reused.
    assert new.nik.startswith("3507-") and new.nik != old.nik
    assert old.events.count() == history_before


def test_previous_record_lookup_only_finds_kim_closed_as_moved(demo_users):
    from registry.selectors import kim_previous_record_for
    from registry.services import kim_deactivate
    from registry.tests.factories import create_verified_kim

    officer = demo_users["kota-malang"]
    moved = moved_kim_in_kota_malang(demo_users)
    dissolved = kim_deactivate(
        kim=create_verified_kim(user=officer, village_code=KOTA_MALANG_VILLAGE),
        deactivated_by=officer,
        reason="dissolved",
    )
    assert kim_previous_record_for(nik=moved.nik) == moved
    assert kim_previous_record_for(nik=dissolved.nik) is None
    assert kim_previous_record_for(nik="") is None


def test_kim_create_refuses_a_previous_record_that_did_not_move(demo_users):
    from django.core.exceptions import ValidationError

    from registry.services import kim_create
    from registry.tests.factories import create_verified_kim, kim_profile

    verified = create_verified_kim(
        user=demo_users["kota-malang"], village_code=KOTA_MALANG_VILLAGE
    )
    with pytest.raises(ValidationError) as error:
        kim_create(
            created_by=demo_users["kab-malang"],
            village_code=KAB_MALANG_VILLAGE,
            data=kim_profile(),
            previous_record=verified,
        )
    assert "previous_record" in error.value.message_dict


def test_previous_nik_is_only_asked_when_registering(kab_malang, demo_users):
    create = kab_malang.get(reverse("registry:kim-create"))
    assert 'name="previous_nik"' in create.text
    assert "NIK lama (jika KIM pindah dari kabupaten/kota lain)" in create.text
    kim = complete_kim(demo_users["kab-malang"])
    update = kab_malang.get(reverse("registry:kim-update", args=[kim.pk]))
    assert 'name="previous_nik"' not in update.text


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"status": "draft"},
        {"status": "verified", "sort": "-name"},
        {"sort": "nik"},
        {"status": "nonsense"},
        {"status": "draft", "sort": "nonsense"},
        {"status": "", "sort": "", "page": "2"},
        {"status": "draft", "kim_type": "A"},
        {"status": "draft", "kim_type": "Z"},
    ],
)
def test_kim_list_plain_choices_filter_as_kimfilter_does(demo_users, filters):
    # kim_list applies status and sort itself when they are the only filters
    # (selectors._filtered); the result must be KimFilter's, invalid values included.
    from kimportal.core.scoping import scoped
    from registry.filters import KimFilter
    from registry.selectors import kim_list

    officer = demo_users["kab-malang"]
    for index, status in enumerate(["draft", "draft", "submitted", "rejected"]):
        KimFactory(name=f"KIM {'BADC'[index]}", status=status, kim_type="AB"[index % 2])
    VerifiedKimFactory(name="KIM E", kim_type="A")
    expected = scoped(Kim.objects.select_related("village__parent__parent"), officer)
    filterset = KimFilter(data=filters, queryset=expected)
    if filterset.is_valid():
        expected = filterset.qs
    if not filters.get("sort"):
        expected = expected.order_by("name", "id")
    got = kim_list(user=officer, filters=filters)
    assert list(got.values_list("id", flat=True)) == list(
        expected.values_list("id", flat=True)
    )
    assert str(got.query) == str(expected.query)


def test_first_list_page_of_a_fresh_process_renders_its_filter_bar(
    kab_malang, monkeypatch
):
    # The filter bar reads KimFilter's form fields, built once per process; the first
    # page of a new process builds them even though no KimFilter ran before it.
    from registry.filters import KimFilter
    from registry.views import filter_bar

    monkeypatch.delattr(KimFilter, "_form_class", raising=False)
    monkeypatch.setattr(filter_bar, "_fields_html", {})
    response = kab_malang.get(reverse("registry:kim-list"))
    assert response.status_code == 200
    assert (
        'id="id_status" name="status"><option value="">Semua</option>' in response.text
    )


@pytest.mark.parametrize("count", [0, 7, 999, 1000, 25_000, 1_234_567])
def test_status_link_counts_are_grouped_as_intcomma_groups_them(count):
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils import translation

    from registry.views.filter_bar import status_links_html

    link = {"query": "status=verified", "label": "Terverifikasi", "current": False}
    with translation.override("id"):
        html = status_links_html([{**link, "count": count}])
        assert f"<b>{intcomma(count)}</b>" in html


def test_querystring_without_encodes_as_the_query_dict_does_less_the_keys():
    from django.http import QueryDict

    from registry.views.common import querystring_without

    query = QueryDict(
        "q=Maju+%26+Jaya%2Fdesa&media=social&page=3&media=print&status=&x=%E2%9C%93"
    )
    expected = query.copy()
    del expected["page"]
    assert querystring_without(query, "page") == expected.urlencode()
    assert querystring_without(query, "page") == (
        "q=Maju+%26+Jaya%2Fdesa&media=social&media=print&status=&x=%E2%9C%93"
    )
    assert querystring_without(query, "q", "media", "page", "status", "x") == ""


def test_the_filter_bar_marks_no_option_of_a_select_invalid_and_marks_other_values(
    demo_users,
):
    from registry.filters import KimFilter
    from registry.views.filter_bar import SELECT_FIELDS, filter_selects_html

    user = demo_users["kab-malang"]
    for name in SELECT_FIELDS:
        if name == "region":  # any code prefix filters
            continue
        for value, _label in KimFilter.form_fields()[name].choices:
            html = filter_selects_html(user, {name: str(value)})
            assert 'aria-invalid="true"' not in html, (name, value)
        marked = filter_selects_html(user, {name: "nope"})
        assert f'aria-describedby="id_{name}_error" aria-invalid="true"' in marked


def test_status_links_keep_the_other_filters_count_and_mark_the_chosen_status(
    kab_malang,
):
    VerifiedKimFactory.create_batch(2)
    KimFactory.create_batch(1_001)  # drafts, counted with a thousands separator
    page = kab_malang.get(
        reverse("registry:kim-list"), {"status": "verified", "sort": "name"}
    ).text
    assert '<a href="?sort=name">Semua <b>1.003</b></a>' in page
    assert '<a href="?sort=name&amp;status=draft">Draf <b>1.001</b></a>' in page
    assert (
        '<a href="?sort=name&amp;status=verified" aria-current="page">'
        "Terverifikasi <b>2</b></a>"
    ) in page
    links = page.split('class="status-links"', 1)[1].split("</nav>", 1)[0]
    assert links.count("<a ") == 6 and links.count('aria-current="page"') == 1
