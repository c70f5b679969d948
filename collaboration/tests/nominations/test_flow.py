"""Nominations across three levels: kab/kota nominates, the province selects and
forwards, the ministry sees what was forwarded; each level is refused where it must
not act, and out-of-scope nominations are 404."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from collaboration.selectors_nominations import nomination_get, nomination_list
from collaboration.services.nominations import (
    nomination_create,
    nomination_decline,
    nomination_forward,
    nomination_note_add,
    nomination_result_record,
    nomination_select,
    nomination_withdraw,
)
from kimportal.core.errors import TransitionError

pytestmark = pytest.mark.django_db


def _nominate(w, comp="national", **data):
    return nomination_create(
        actor=w["kab-malang"],
        competition=w[comp],
        kim=w["kim"],
        data={"reason": "Konten video terbaik 2026", "work_title": "ILM DBD", **data},
    )


def test_national_nomination_goes_up_three_levels(world):
    w = world
    nomination = _nominate(w)
    assert (nomination.regency_id, nomination.province_id) == ("35.07", "35")
    # The ministry does not see it until the province forwards it.
    assert not nomination_list(user=w["kementerian"]).exists()
    with pytest.raises(Http404):
        nomination_get(user=w["kementerian"], pk=nomination.pk)
    assert list(nomination_list(user=w["prov-jatim"])) == [nomination]

    # Only the province of the kab/kota selects and forwards.
    for name in ("kab-malang", "kementerian", "prov-jateng", "kota-malang"):
        with pytest.raises(PermissionDenied):
            nomination_select(actor=w[name], nomination=nomination)
    with pytest.raises(TransitionError):
        nomination_forward(actor=w["prov-jatim"], nomination=nomination)
    nomination_select(actor=w["prov-jatim"], nomination=nomination, note="Layak")
    with pytest.raises(PermissionDenied):
        nomination_forward(actor=w["kab-malang"], nomination=nomination)
    with pytest.raises(TransitionError):
        nomination_result_record(
            actor=w["kab-malang"], nomination=nomination, result="winner"
        )
    nomination_forward(actor=w["prov-jatim"], nomination=nomination)

    assert list(nomination_list(user=w["kementerian"])) == [nomination]
    assert nomination_get(user=w["kementerian"], pk=nomination.pk).state == "forwarded"
    with pytest.raises(PermissionDenied):
        nomination_decline(actor=w["kementerian"], nomination=nomination, reason="x")
    with pytest.raises(TransitionError):
        nomination_decline(actor=w["prov-jatim"], nomination=nomination, reason="x")

    # Preparation and accompaniment by the kab/kota (and the province), then the
    # result and the evaluation by the kab/kota.
    nomination_note_add(
        actor=w["kab-malang"],
        nomination=nomination,
        data={"kind": "accompaniment", "day": datetime.date(2026, 12, 5),
              "text": "Pendampingan penyuntingan video"},
    )  # fmt: skip
    nomination_note_add(
        actor=w["prov-jatim"],
        nomination=nomination,
        data={"kind": "preparation", "text": "Berkas pendaftaran diperiksa"},
    )
    with pytest.raises(PermissionDenied):
        nomination_note_add(
            actor=w["kementerian"],
            nomination=nomination,
            data={"kind": "evaluation", "text": "x"},
        )
    with pytest.raises(PermissionDenied):
        nomination_result_record(
            actor=w["prov-jatim"], nomination=nomination, result="winner"
        )
    nomination_result_record(
        actor=w["kab-malang"], nomination=nomination, result="finalist", note="5 besar"
    )
    nomination.refresh_from_db()
    assert nomination.result == "finalist"
    assert nomination.notes.count() == 2


def test_province_competition_result_follows_selection_not_forwarding(world):
    nomination = _nominate(world, comp="province")
    nomination_select(actor=world["prov-jatim"], nomination=nomination)
    with pytest.raises(TransitionError):
        nomination_forward(actor=world["prov-jatim"], nomination=nomination)
    nomination_result_record(
        actor=world["kab-malang"], nomination=nomination, result="winner"
    )
    # A province competition is never the ministry's to see.
    assert not nomination_list(user=world["kementerian"]).exists()


def test_nominate_refuses_what_the_kab_kota_may_not_nominate(world):
    w = world
    with pytest.raises(ValidationError):  # another province's competition
        _nominate(w, comp="jateng")
    with pytest.raises(ValidationError):  # a kab/kota competition is mandiri
        _nominate(w, comp="regency")
    with pytest.raises(ValidationError):  # not its KIM
        nomination_create(
            actor=w["kab-malang"],
            competition=w["national"],
            kim=w["kota_kim"],
            data={"reason": "x"},
        )
    with pytest.raises(ValidationError):  # a reason is needed
        _nominate(w, reason="")
    for name in ("prov-jatim", "kementerian", "kl-demo"):
        with pytest.raises(PermissionDenied):
            nomination_create(
                actor=w[name],
                competition=w["national"],
                kim=w["kim"],
                data={"reason": "x"},
            )
    _nominate(w)
    with pytest.raises(ValidationError):  # once per competition while open
        _nominate(w)


def test_decline_and_withdraw_keep_their_reason(world):
    w = world
    first = _nominate(w)
    with pytest.raises(ValidationError):
        nomination_decline(actor=w["prov-jatim"], nomination=first, reason=" ")
    first = nomination_decline(
        actor=w["prov-jatim"], nomination=first, reason="Kuota penuh"
    )
    assert first.decision_note == "Kuota penuh"
    again = _nominate(w)  # a declined one does not block a new nomination
    with pytest.raises(PermissionDenied):
        nomination_withdraw(actor=w["prov-jatim"], nomination=again, reason="x")
    again = nomination_withdraw(
        actor=w["kab-malang"], nomination=again, reason="KIM mundur"
    )
    assert again.state == "withdrawn"


def test_out_of_scope_nomination_is_404(world):
    nomination = _nominate(world)
    for name in ("kota-malang", "prov-jateng", "kab-semarang"):
        with pytest.raises(Http404):
            nomination_get(user=world[name], pk=nomination.pk)
        assert not nomination_list(user=world[name]).exists()
