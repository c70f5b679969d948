import pytest
from django.core.management import call_command

from kimportal.regions.models import Region, RegionLevel
from kimportal.regions.services import official_region_rows, regions_load

SUBSET = [
    ("99", "Provinsi Uji"),
    ("99.01", "Kabupaten Uji"),
    ("99.01.01", "Kecamatan Satu"),
    ("99.01.01.2001", "Desa Satu"),
    ("99.01.01.2002", "Desa Dua"),
]


@pytest.mark.django_db
def test_load_subset_creates_the_hierarchy():
    result = regions_load(rows=SUBSET)
    assert result.created == 5
    village = Region.objects.get(code="99.01.01.2002")
    assert village.level == RegionLevel.VILLAGE
    assert village.parent.parent.parent.code == "99"
    assert Region.objects.get(code="99.01").level == RegionLevel.REGENCY


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    regions_load(rows=SUBSET)
    again = regions_load(rows=SUBSET)
    assert (again.created, again.updated) == (0, 0)
    assert Region.objects.filter(code__startswith="99").count() == 5


@pytest.mark.django_db
def test_a_newer_list_renames_and_adds_but_keeps_referenced_codes(demo_users):
    from kimportal.accounts.models import Office, OfficeKind

    regions_load(rows=SUBSET)
    office = Office.objects.create(
        kind=OfficeKind.REGENCY, name="Dinas Uji", region_id="99.01"
    )
    newer = [row for row in SUBSET if row[0] != "99.01.01.2002"]
    newer = [(c, "Kabupaten Uji Baru" if c == "99.01" else n) for c, n in newer]
    newer.append(("99.01.01.2003", "Desa Tiga"))

    result = regions_load(rows=newer, retire_missing=True)

    assert result.created == 1 and result.updated == 1
    office.refresh_from_db()
    assert office.region.name == "Kabupaten Uji Baru"
    dropped = Region.objects.get(code="99.01.01.2002")
    assert dropped.retired is True
    assert Region.objects.filter(code="99.01.01.2003", retired=False).exists()


def test_official_list_has_every_level():
    rows = official_region_rows()
    depth = [code.count(".") for code, _ in rows]
    assert depth.count(0) == 38
    assert depth.count(1) == 514
    assert depth.count(2) >= 7200
    assert depth.count(3) >= 83000


@pytest.mark.django_db
def test_command_reads_a_csv_file(tmp_path):
    path = tmp_path / "wilayah.csv"
    path.write_text("\n".join(f"{c},{n}" for c, n in SUBSET), encoding="utf-8")
    call_command("load_regions", file=str(path))
    assert Region.objects.get(code="99.01.01.2001").name == "Desa Satu"


@pytest.mark.django_db
def test_region_choices_are_cached_until_the_list_is_reloaded(
    regions, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from kimportal.regions.selectors import region_choices, region_choices_invalidate

    region_choices_invalidate()  # the cache may be a Redis that outlives test runs
    first = region_choices(parent="35.07")
    assert ("35.07.01", "Donomulyo") in first
    with django_assert_num_queries(0):
        assert region_choices(parent="35.07") == first

    with django_capture_on_commit_callbacks(execute=True):
        regions_load(rows=[("35.07.01", "Donomulyo Baru")])

    assert ("35.07.01", "Donomulyo Baru") in region_choices(parent="35.07")
    region_choices_invalidate()  # the rename is rolled back with the test


@pytest.mark.django_db
def test_region_choices_are_kept_in_the_process_until_their_period_ends(
    regions, monkeypatch
):
    from django.core.cache import cache

    from kimportal.regions import selectors

    selectors.region_choices_invalidate()
    now = [1000.0]
    monkeypatch.setattr(selectors, "_clock", lambda: now[0])
    shared_reads = []
    read_shared = selectors._shared_region_choices
    monkeypatch.setattr(
        selectors,
        "_shared_region_choices",
        lambda parent: shared_reads.append(parent) or read_shared(parent),
    )
    first = selectors.region_choices(parent="35.07")
    assert shared_reads == ["35.07"]

    # Another process reloads the list: the shared version moves, not this copy.
    Region.objects.filter(code="35.07.01").update(name="Donomulyo Baru")
    cache.incr(selectors.CHOICES_VERSION_KEY)
    now[0] += selectors.CHOICES_LOCAL_SECONDS - 1
    assert selectors.region_choices(parent="35.07") == first
    assert shared_reads == ["35.07"]

    now[0] += 2
    assert ("35.07.01", "Donomulyo Baru") in selectors.region_choices(parent="35.07")
    assert shared_reads == ["35.07", "35.07"]
    selectors.region_choices_invalidate()  # the rename is rolled back with the test


@pytest.mark.django_db
def test_a_reload_in_this_process_drops_its_kept_region_choices_at_once(
    regions, django_capture_on_commit_callbacks
):
    from kimportal.regions.selectors import region_choices, region_choices_invalidate

    region_choices_invalidate()
    assert ("35.07.01", "Donomulyo") in region_choices(parent="35.07")
    Region.objects.filter(code="35.07.01").update(name="Donomulyo Baru")
    assert ("35.07.01", "Donomulyo") in region_choices(parent="35.07")  # kept

    with django_capture_on_commit_callbacks(execute=True):
        regions_load(rows=[("35.07.01", "Donomulyo Lagi")])

    assert ("35.07.01", "Donomulyo Lagi") in region_choices(parent="35.07")
    region_choices_invalidate()
