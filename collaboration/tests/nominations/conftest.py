import pytest

from registry.tests.factories import KOTA_MALANG_VILLAGE, VerifiedKimFactory

from .factories import competition


@pytest.fixture
def world(demo_users):
    kab = demo_users["kab-malang"]
    return {
        **demo_users,
        "kim": VerifiedKimFactory(name="KIM Nominasi"),
        "kota_kim": VerifiedKimFactory(village_id=KOTA_MALANG_VILLAGE),
        "national": competition(
            user=demo_users["kementerian"], level="national", organiser=None
        ),
        "province": competition(user=demo_users["prov-jatim"]),
        "jateng": competition(
            user=demo_users["prov-jateng"], organiser="33", title="Lomba Jateng"
        ),
        "regency": competition(user=kab, level="regency", organiser="35.07"),
    }
