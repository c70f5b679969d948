import pytest

from registry.tests.conftest import log_in_on_phone  # noqa: F401 (fixture)
from registry.tests.factories import (
    KOTA_MALANG_VILLAGE,
    KimFactory,
    UserFactory,
)

from .factories import malang_kim


@pytest.fixture
def kab(demo_users):
    return demo_users["kab-malang"]


@pytest.fixture
def kims(demo_users):
    """Three verified KIM of Kab. Malang (two in Donomulyo, one in another kecamatan),
    one of Kota Malang, and a draft KIM of Kab. Malang."""
    return {
        "a": malang_kim("KIM Anggrek", kim_type="A", fields=["kesehatan"]),
        "b": malang_kim("KIM Bougenvil", kim_type="B", fields=["pertanian"]),
        "c": malang_kim(
            "KIM Cempaka",
            kim_type="A",
            fields=["pendidikan"],
            village_id="35.07.02.2001",
        ),
        "kota": malang_kim("KIM Kota", village_id=KOTA_MALANG_VILLAGE),
        "draft": KimFactory(name="KIM Draf"),
    }


@pytest.fixture
def kim_user(kims):
    return UserFactory(username="kim-anggrek", role="kim", kim=kims["a"])
