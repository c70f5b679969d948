"""Events' rows for the role × URL access test (tests/test_access.py).

The world's event is held by Kabupaten Malang (its officer is the world's `user`), has
invited the world's KIM (`kim-demo`), which came; the event is finished and the KIM has
its certificate. `kota-malang` gets 404 wherever an object is named.
"""

import datetime

from collaboration.models import Certificate
from collaboration.services.attendance import attendance_record
from collaboration.services.certificates import certificates_issue
from collaboration.services.events import event_create, event_finish
from collaboration.services.invitations import invitations_send
from kimportal.core.dates import today_in_jakarta

POST_ONLY = "L 405 405 405 405 404 404"
OFFICE_OBJECT = "L 200 200 200 404 404 404"
KIM_POST = "L 404 404 404 404 404 405"

EXPECTED = {
    #   anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo
    "collaboration:event-list": "L 200 200 200 200 404 404",
    "collaboration:event-create": "L 200 200 200 200 404 404",
    "collaboration:event-detail": OFFICE_OBJECT,
    "collaboration:event-update": "L 403 403 200 404 404 404",
    "collaboration:event-invite": POST_ONLY,
    "collaboration:event-person-add": POST_ONLY,
    "collaboration:event-speaker-add": POST_ONLY,
    "collaboration:event-speaker-confirm": POST_ONLY,
    "collaboration:event-file-add": POST_ONLY,
    "collaboration:event-publication-add": POST_ONLY,
    "collaboration:event-finish": POST_ONLY,
    "collaboration:event-report": OFFICE_OBJECT,
    "collaboration:event-effect": OFFICE_OBJECT,
    "collaboration:event-scan": "L 403 403 200 404 404 404",
    "collaboration:event-check-in": POST_ONLY,
    "collaboration:event-tick": POST_ONLY,
    "collaboration:event-attendance-pdf": OFFICE_OBJECT,
    "collaboration:event-certificates-issue": POST_ONLY,
    "collaboration:certificate-pdf": "L 200 200 200 404 404 200",
    "collaboration:certificate-revoke": POST_ONLY,
    "collaboration:my-invitations": "L 404 404 404 404 404 200",
    "collaboration:my-invitation": "L 404 404 404 404 404 200",
    "collaboration:my-invitation-rsvp": KIM_POST,
    "collaboration:my-invitation-evaluation": KIM_POST,
    "collaboration:my-invitation-publication": KIM_POST,
    # Public: whoever holds the printed code.
    "certificate-verify": "200 200 200 200 200 200 200",
    "api-certificate-verify": "200 200 200 200 200 200 200",
}
for _name, _row in (
    ("api-event-list", "401 200 200 200 200 403 403"),
    ("api-event-detail", "401 200 200 200 404 403 403"),
    ("api-event-invitations", "401 200 200 200 404 403 403"),
    ("api-event-attendance", "401 405 405 405 405 403 403"),
    ("api-certificate-list", "401 200 200 200 200 200 200"),
):
    EXPECTED[_name] = _row
    EXPECTED[f"{_name} (format)"] = _row


def _event(w):
    return {"pk": w["collab_event"].pk}


def _invitation(w):
    return {"pk": w["collab_invitation"].pk}


def _certificate(w):
    return {"pk": w["collab_certificate"].pk}


PARAMETERS_BY_NAME = {
    name: _event
    for name in EXPECTED
    if name.startswith("collaboration:event-")
    and name
    not in (
        "collaboration:event-list",
        "collaboration:event-create",
    )
}
PARAMETERS_BY_NAME["collaboration:event-speaker-confirm"] = lambda w: {
    "pk": w["collab_event"].pk,
    "speaker_pk": 1,
}
for _name in (
    "collaboration:my-invitation",
    "collaboration:my-invitation-rsvp",
    "collaboration:my-invitation-evaluation",
    "collaboration:my-invitation-publication",
):
    PARAMETERS_BY_NAME[_name] = _invitation
PARAMETERS_BY_NAME["collaboration:certificate-pdf"] = _certificate
PARAMETERS_BY_NAME["collaboration:certificate-revoke"] = _certificate
PARAMETERS_BY_NAME["certificate-verify"] = lambda w: {
    "code": w["collab_certificate"].code
}
PARAMETERS_BY_NAME["api-certificate-verify"] = PARAMETERS_BY_NAME["certificate-verify"]
for _name in ("api-event-detail", "api-event-invitations", "api-event-attendance"):
    PARAMETERS_BY_NAME[_name] = _event
    PARAMETERS_BY_NAME[f"{_name} (format)"] = lambda w: {**_event(w), "format": "json"}


def build_events_world(world: dict) -> dict:
    """A finished Bimtek of Kabupaten Malang that the world's KIM attended."""
    officer = world["user"]
    today = today_in_jakarta()
    event = event_create(
        actor=officer,
        data={
            "kind": "bimtek",
            "title": "Bimtek uji akses",
            "theme": "Uji",
            "venue_address": "Aula",
            "starts_on": today,
            "ends_on": today + datetime.timedelta(days=1),
        },
    )
    invitations_send(actor=officer, event=event, kim_ids=[world["kim"].pk])
    invitation = event.invitations.get(kim=world["kim"])
    attendance_record(actor=officer, event=event, code=invitation.code)
    event_finish(actor=officer, event=event)
    certificates_issue(actor=officer, event=event)
    return {
        "collab_event": event,
        "collab_invitation": invitation,
        "collab_certificate": Certificate.objects.get(invitation=invitation),
    }
