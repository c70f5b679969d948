"""The KIM counts per kab/kota and status stay equal to a full count of the KIM table,
whatever writes the KIM: the ORM, a bulk load, a raw SQL update, a service, a rollback."""

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import Left
from django.test.utils import CaptureQueriesContext

from registry.choices import InactiveReason, KimStatus, MediaType
from registry.models import Kim, KimCount, KimMediaCount
from registry.selectors import kim_status_counts
from registry.services import kim_deactivate

from .factories import (
    KAB_MALANG_VILLAGE,
    KAB_SEMARANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    KimFactory,
    VerifiedKimFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

OTHER_MALANG_VILLAGE = "35.07.01.2002"


def full_count() -> dict[tuple[str, str], int]:
    rows = (
        Kim.objects.order_by()
        .values_list(Left("village_id", 5), "status")
        .annotate(n=Count("id"))
    )
    return {(code, status): n for code, status, n in rows}


def kept_count() -> dict[tuple[str, str], int]:
    return {
        (row.regency_code, row.status): row.total
        for row in KimCount.objects.all()
        if row.total
    }


def move_and_update_past_the_model(within, away, *, also_set: str = "") -> None:
    """Moves between desa saved through the model: `within` to another desa of its
    kab/kota (no count changes), `away` to Kota Malang. Then an ORM bulk update of Kab.
    Semarang's KIM and a raw SQL update of "KIM Massal 0" (rejected, moved to Kab.
    Malang, and `also_set`), which the model never sees."""
    within.village_id = OTHER_MALANG_VILLAGE
    within.save()
    away.village_id = KOTA_MALANG_VILLAGE
    away.save()
    Kim.objects.filter(village_id=KAB_SEMARANG_VILLAGE).update(
        status=KimStatus.SUBMITTED
    )
    extra = f", {also_set}" if also_set else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE registry_kim SET status = 'rejected', village_id = %s{extra} "
            "WHERE name = 'KIM Massal 0'",
            [KAB_MALANG_VILLAGE],
        )


def change_status_both_ways(draft, verified, officer) -> None:
    """Two status transitions: `draft` submitted by a save past the services (as an
    import or a script could write it; the counts' triggers must follow any write), and
    `verified` deactivated through its service."""
    draft.status = KimStatus.SUBMITTED
    draft.save()
    kim_deactivate(
        kim=verified, deactivated_by=officer, reason=InactiveReason.DISSOLVED
    )


def test_counts_follow_every_kind_of_write(demo_users):
    assert kept_count() == full_count()
    drafts = KimFactory.create_batch(3)
    KimFactory(village_id=KOTA_MALANG_VILLAGE, status=KimStatus.SUBMITTED)
    verified = VerifiedKimFactory.create_batch(2)
    Kim.objects.bulk_create(
        [
            Kim(name=f"KIM Massal {i}", kim_type="A", village_id=KAB_SEMARANG_VILLAGE)
            for i in range(4)
        ]
    )
    assert kept_count() == full_count()
    assert kept_count()[("35.07", KimStatus.DRAFT)] == 3

    change_status_both_ways(drafts[0], verified[0], demo_users["kab-malang"])
    move_and_update_past_the_model(drafts[1], drafts[2])
    assert kept_count() == full_count()
    assert kept_count()[("35.73", KimStatus.DRAFT)] == 1
    assert kept_count()[("35.07", KimStatus.INACTIVE)] == 1
    assert kept_count()[("35.07", KimStatus.REJECTED)] == 1
    assert kept_count()[("33.22", KimStatus.SUBMITTED)] == 3


def test_counts_roll_back_with_the_change():
    kim = KimFactory()
    before = kept_count()
    with pytest.raises(RuntimeError), transaction.atomic():
        kim.status = KimStatus.SUBMITTED
        kim.save()
        KimFactory(village_id=KOTA_MALANG_VILLAGE)
        raise RuntimeError
    assert kept_count() == before == full_count()


def test_an_edit_that_moves_no_kim_writes_no_count():
    kim = KimFactory()
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM registry_kimcount")
        before = cursor.fetchall()
        kim.chair_name = "Ketua Baru"
        kim.save()
        cursor.execute("SELECT xmin::text FROM registry_kimcount")
        # Same row versions: no lock taken, so edits in one kab/kota don't queue.
        assert cursor.fetchall() == before


def status_counts_by_scan(queryset) -> dict:
    counts = {s: queryset.filter(status=s).count() for s in KimStatus.values}
    return {"total": queryset.count(), **counts}


@pytest.mark.parametrize(
    "username", ["kab-malang", "prov-jatim", "kementerian", "kl-demo"]
)
def test_status_counts_from_the_table_equal_a_scan(demo_users, username):
    from kimportal.core.scoping import scoped

    KimFactory.create_batch(2)
    VerifiedKimFactory(village_id=KOTA_MALANG_VILLAGE)
    KimFactory(village_id=KAB_SEMARANG_VILLAGE, status=KimStatus.SUBMITTED)
    user = demo_users[username]
    expected = status_counts_by_scan(scoped(Kim.objects.all(), user))
    assert kim_status_counts(user=user) == expected
    by_region = kim_status_counts(user=user, filters={"region": "35.73"})
    expected = status_counts_by_scan(
        scoped(Kim.objects.filter(village__code__startswith="35.73"), user)
    )
    assert by_region == expected
    # A region is a code prefix, never a pattern: LIKE's wildcards match themselves.
    for pattern in ("3_", "%", "35._7"):
        assert kim_status_counts(user=user, filters={"region": pattern})["total"] == 0


def test_status_counts_with_other_filters_count_the_matching_kim(demo_users):
    officer = demo_users["kab-malang"]
    KimFactory(name="KIM Melati")
    KimFactory(name="KIM Mawar", status=KimStatus.SUBMITTED)
    KimFactory(name="KIM Melati Dua", village_id=OTHER_MALANG_VILLAGE)
    counts = kim_status_counts(user=officer, filters={"q": "melati", "status": "draft"})
    assert counts["total"] == 2 and counts["draft"] == 2
    # A kecamatan is finer than the counts: its KIM are counted.
    counts = kim_status_counts(user=officer, filters={"region": "35.07.01"})
    assert counts["total"] == 3 and counts["submitted"] == 1
    # An invalid filter is ignored, as the list ignores it.
    assert kim_status_counts(user=officer, filters={"status": "nonsense"})["total"] == 3


def test_list_page_counts_without_reading_the_kim_table(client, demo_users):
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    VerifiedKimFactory(name="KIM Anggrek")
    KimFactory(village_id=KOTA_MALANG_VILLAGE)
    client.force_login(demo_users["kementerian"])
    for params in ({}, {"status": "verified"}, {"region": "35"}):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("registry:kim-list"), params)
        assert response.status_code == 200
        counting = [
            q["sql"]
            for q in queries
            if "COUNT(" in q["sql"] and "registry_kim" in q["sql"]
        ]
        assert counting == [] and any("registry_kimcount" in q["sql"] for q in queries)
    links = {link["value"]: link["count"] for link in response.context["status_links"]}
    assert links[""] == 2 and links["verified"] == 1


def test_list_rows_show_link_names_status_and_area(client, demo_users):
    from django.urls import reverse

    kim = VerifiedKimFactory(name="KIM <Anggrek>")
    for username, shows_regency in (("kab-malang", False), ("prov-jatim", True)):
        client.force_login(demo_users[username])
        html = client.get(reverse("registry:kim-list")).text
        assert f'<a href="{reverse("registry:kim-detail", args=[kim.pk])}">' in html
        assert "KIM &lt;Anggrek&gt;" in html
        assert '<span class="badge badge-verified">Terverifikasi</span>' in html
        assert kim.village.name in html and kim.village.parent.name in html
        assert (f", {kim.village.parent.parent.name}</small>" in html) is shows_regency


# --- per media type ---------------------------------------------------------------------


def full_media_count() -> dict[tuple[str, str, str], int]:
    counts: dict[tuple[str, str, str], int] = {}
    for village_id, status, media_types in Kim.objects.values_list(
        "village_id", "status", "media_types"
    ):
        for media in set(media_types):
            key = (media, village_id[:5], status)
            counts[key] = counts.get(key, 0) + 1
    return counts


def kept_media_count() -> dict[tuple[str, str, str], int]:
    return {
        (row.media, row.regency_code, row.status): row.total
        for row in KimMediaCount.objects.all()
        if row.total
    }


def test_media_counts_follow_every_kind_of_write(demo_users):
    assert kept_media_count() == full_media_count()
    drafts = KimFactory.create_batch(3, media_types=[MediaType.PRINT])
    # A medium named twice is one KIM of that medium, as the list's filter finds it.
    KimFactory(media_types=[MediaType.SOCIAL, MediaType.SOCIAL])
    KimFactory(village_id=KOTA_MALANG_VILLAGE, media_types=[])
    verified = VerifiedKimFactory.create_batch(2)
    Kim.objects.bulk_create(
        [
            Kim(
                name=f"KIM Massal {i}",
                kim_type="A",
                village_id=KAB_SEMARANG_VILLAGE,
                media_types=[MediaType.ONLINE, MediaType.PRINT],
            )
            for i in range(4)
        ]
    )
    assert kept_media_count() == full_media_count()
    assert kept_media_count()[(MediaType.PRINT, "35.07", KimStatus.DRAFT)] == 3
    assert kept_media_count()[(MediaType.SOCIAL, "35.07", KimStatus.DRAFT)] == 1

    change_status_both_ways(drafts[0], verified[0], demo_users["kab-malang"])
    assert kept_media_count() == full_media_count()
    # Media changes: one added, one dropped, all dropped.
    drafts[1].media_types = [MediaType.PRINT, MediaType.COMMUNITY_RADIO]
    drafts[1].save()
    drafts[2].media_types = [MediaType.SOCIAL]
    drafts[2].save()
    verified[1].media_types = []
    verified[1].save()
    assert kept_media_count() == full_media_count()
    move_and_update_past_the_model(
        drafts[1], drafts[2], also_set="media_types = '{meeting}'"
    )
    assert kept_media_count() == full_media_count()
    assert kept_media_count()[(MediaType.MEETING, "35.07", KimStatus.REJECTED)] == 1
    assert kept_media_count()[(MediaType.ONLINE, "33.22", KimStatus.SUBMITTED)] == 3


def test_media_counts_follow_an_import_by_copy(
    demo_users, django_capture_on_commit_callbacks
):
    from kimportal.imports.services import import_job_confirm, import_job_create

    from .test_imports import _row, xlsx_file

    officer = demo_users["kab-malang"]
    key = (MediaType.SOCIAL, "35.07", KimStatus.SUBMITTED)
    before = kept_media_count().get(key, 0)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(
            user=officer,
            kind="kim",
            uploaded_file=xlsx_file([_row(i) for i in range(3)]),
        )
    with django_capture_on_commit_callbacks(execute=True):
        import_job_confirm(job=job, user=officer)
    job.refresh_from_db()
    # The import writes new KIM with COPY, which fires the statement triggers too.
    assert len(job.created_ids) == 3
    assert kept_media_count() == full_media_count()
    assert kept_media_count()[key] == before + 3


def test_media_counts_roll_back_with_the_change():
    kim = KimFactory()
    before = kept_media_count()
    with pytest.raises(RuntimeError), transaction.atomic():
        kim.media_types = [MediaType.PRINT]
        kim.save()
        KimFactory(village_id=KOTA_MALANG_VILLAGE)
        raise RuntimeError
    assert kept_media_count() == before == full_media_count()


@pytest.mark.parametrize(
    "username", ["kab-malang", "prov-jatim", "kementerian", "kl-demo"]
)
def test_media_status_counts_from_the_table_equal_a_scan(demo_users, username):
    from kimportal.core.scoping import scoped

    KimFactory(media_types=[MediaType.PRINT, MediaType.SOCIAL])
    VerifiedKimFactory(village_id=KOTA_MALANG_VILLAGE, media_types=[MediaType.PRINT])
    KimFactory(village_id=KAB_SEMARANG_VILLAGE, media_types=[MediaType.PRINT])
    KimFactory(media_types=[MediaType.MEETING])
    user = demo_users[username]
    for filters in (
        {"media": MediaType.PRINT},
        {"media": MediaType.PRINT, "region": "35"},
        {"media": MediaType.SOCIAL, "status": "draft", "region": "35.07"},
        {"media": MediaType.COMMUNITY_RADIO},
    ):
        queryset = scoped(
            Kim.objects.filter(
                media_types__contains=[filters["media"]],
                village__code__startswith=filters.get("region", ""),
            ),
            user,
        )
        with CaptureQueriesContext(connection) as queries:
            counts = kim_status_counts(user=user, filters=filters)
        assert counts == status_counts_by_scan(queryset), filters
        assert not any('"registry_kim"' in q["sql"] for q in queries)
    # An invalid media type is ignored with every other filter, as the list does.
    assert kim_status_counts(user=user, filters={"media": "tv", "region": "33"}) == (
        status_counts_by_scan(scoped(Kim.objects.all(), user))
    )
