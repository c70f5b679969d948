import datetime

import pytest

from mapping.choices import Approach
from mapping.selectors_movement import kim_approach_movement

from ...effect import event_effect
from ...services.attendance import attendance_record
from ...services.events import event_create
from ...services.invitations import invitations_send
from ..factories import PERIOD, PREVIOUS, assessed
from .conftest import event_data

pytestmark = pytest.mark.django_db


def test_movement_reads_the_quadrant_before_and_after(malang_kim):
    assessed(malang_kim, Approach.DEVELOP, period=PREVIOUS)
    assessed(malang_kim, Approach.PARTNER, period=PERIOD)
    on = PREVIOUS.end
    moves = kim_approach_movement(
        kim_ids=[malang_kim.pk], on=on, until=PERIOD.end + datetime.timedelta(days=1)
    )
    assert moves == {malang_kim.pk: (Approach.DEVELOP, Approach.PARTNER)}
    # Before the later period ends, nothing is known after.
    early = kim_approach_movement(kim_ids=[malang_kim.pk], on=on, until=on)
    assert early == {malang_kim.pk: (Approach.DEVELOP, None)}


def test_effect_counts_participants_who_moved_from_pembinaan_to_mitra(
    officer, malang_kim
):
    start = PREVIOUS.end
    event = event_create(actor=officer, data=event_data(starts_on=start, ends_on=start))
    invitations_send(actor=officer, event=event, kim_ids=[malang_kim.pk])
    attendance_record(
        actor=officer,
        event=event,
        code=event.invitations.get().code,
        method="list",
        scanned_at=datetime.datetime.combine(start, datetime.time(9), datetime.UTC),
    )
    assessed(malang_kim, Approach.DEVELOP, period=PREVIOUS)
    assessed(malang_kim, Approach.PARTNER, period=PERIOD)
    effect = event_effect(event=event, months=3)
    assert effect["participants"] == 1
    assert effect["summary"].startswith(
        "1 peserta KIM; 1 pindah dari pembinaan ke mitra"
    )
    assert effect["moves"] == [{"from": "Pembinaan", "to": "Jadikan mitra", "count": 1}]
