"""Helpers shared by the test suites of every app (imported by the root conftest)."""

from contextlib import contextmanager

from kimportal.regions.models import Region
from kimportal.regions.services import regions_load

# The demo offices sit in these kab/kota; tests load their whole subtree, plus every
# province and kab/kota of the country (about 1,500 real rows in all).
TEST_REGENCIES = ("35.07", "35.73", "33.22")


def test_region_rows() -> list[tuple[str, str]]:
    from lokal import wilayah

    rows = [(p.code, p.name) for p in wilayah.list_wilayah()]
    for province_code, _ in list(rows):
        rows += [(r.code, r.name) for r in wilayah.list_wilayah(province_code)]
    for regency in TEST_REGENCIES:
        for district in wilayah.list_wilayah(regency):
            rows.append((district.code, district.name))
            rows += [(v.code, v.name) for v in wilayah.list_wilayah(district.code)]
    return rows


def ensure_test_regions() -> None:
    """Load the test subset unless it is there (a transactional test may have flushed it)."""
    if not Region.objects.filter(code="35.07.01.2001").exists():
        regions_load(rows=test_region_rows())


@contextmanager
def outbound_resolver(answers: dict[str, list[str]]):
    """Make the guarded HTTP client resolve names from `answers` (tests only; an unknown
    name fails to resolve). The answers are still checked: mapping a name to 127.0.0.1
    gets it blocked, exactly as a real DNS answer would."""
    from kimportal.core import outbound

    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in answers:
            raise outbound.OutboundError(f"cannot resolve {host}")
        return list(answers[host])

    previous = outbound._resolver
    outbound._resolver = resolve
    try:
        yield calls
    finally:
        outbound._resolver = previous
