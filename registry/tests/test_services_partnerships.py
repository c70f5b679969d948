"""Partnerships (services.partnerships)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kimportal.core.errors import TransitionError
from registry import services
from registry.choices import (
    PartnershipStatus,
    Qualification,
    ReviewGround,
)
from registry.models import (
    Partnership,
)
from registry.tests.factories import (
    ALL_QUALIFICATIONS,
    create_complete_kim,
    create_verified_kim,
)

# --- partnership ----------------------------------------------------------------------


def test_partnership_start_names_the_missing_qualifications(officer, verified_kim):
    with pytest.raises(ValidationError) as exc:
        services.partnership_start(
            kim=verified_kim,
            started_by=officer,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            qualifications=ALL_QUALIFICATIONS[:5],
        )
    (message,) = exc.value.message_dict["qualifications"]
    assert "f. Memiliki media diseminasi" in message
    assert "g. Memiliki sumber daya untuk diseminasi" in message
    assert "a. Keberadaan jelas" not in message


def test_partnership_start_records_an_active_partnership(officer, verified_kim):
    partnership = services.partnership_start(
        kim=verified_kim,
        started_by=officer,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        qualifications=list(reversed(ALL_QUALIFICATIONS)),
        note="Aktif tiap pekan",
    )
    assert partnership.status == PartnershipStatus.ACTIVE
    assert partnership.qualifications == list(Qualification.values)
    assert partnership.created_by == officer


def test_partnership_start_refuses_bad_period_unverified_kim_and_a_second_one(
    officer, partner_kim
):
    period = {
        "starts_on": datetime.date(2026, 1, 1),
        "qualifications": ALL_QUALIFICATIONS,
    }
    with pytest.raises(TransitionError, match="belum memiliki kemitraan berjalan"):
        services.partnership_start(
            kim=partner_kim,
            started_by=officer,
            ends_on=datetime.date(2027, 1, 1),
            **period,
        )
    other = create_verified_kim(user=officer, name="KIM Lain")
    with pytest.raises(ValidationError) as exc:
        services.partnership_start(
            kim=other, started_by=officer, ends_on=datetime.date(2026, 1, 1), **period
        )
    assert exc.value.message_dict["ends_on"] == [
        "Tanggal berakhir harus setelah tanggal mulai."
    ]
    draft = create_complete_kim(user=officer, name="KIM Draf")
    with pytest.raises(TransitionError, match="KIM terverifikasi"):
        services.partnership_start(
            kim=draft, started_by=officer, ends_on=datetime.date(2027, 1, 1), **period
        )


def test_expired_partnerships_end_on_their_last_day_but_not_under_review(officer):
    kims = [create_verified_kim(user=officer, name=f"KIM Mitra {n}") for n in range(3)]
    periods = [
        (datetime.date(2025, 1, 1), datetime.date(2026, 3, 31)),
        (datetime.date(2025, 1, 1), datetime.date(2026, 4, 1)),
        (datetime.date(2025, 1, 1), datetime.date(2026, 3, 31)),
    ]
    for kim, (start, end) in zip(kims, periods, strict=True):
        services.partnership_start(
            kim=kim,
            started_by=officer,
            starts_on=start,
            ends_on=end,
            qualifications=ALL_QUALIFICATIONS,
        )
    services.review_open(
        kim=kims[2], opened_by=officer, grounds=[ReviewGround.REPUTATION]
    )

    assert services.partnerships_end_expired(today=datetime.date(2026, 4, 1)) == 1
    assert services.partnerships_end_expired(today=datetime.date(2026, 4, 1)) == 0

    statuses = {p.kim_id: (p.status, p.closed_on) for p in Partnership.objects.all()}
    assert statuses[kims[0].pk] == (PartnershipStatus.ENDED, datetime.date(2026, 3, 31))
    assert statuses[kims[1].pk] == (PartnershipStatus.ACTIVE, None)
    assert statuses[kims[2].pk] == (PartnershipStatus.UNDER_REVIEW, None)
