"""Invitations: to KIM picked by the targeting selector, to persons with a role, and
the KIM's own answer (RSVP) from its phone."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.contributions import kim_id_of
from kimportal.core.locking import lock_row

from ..choices_events import InviteeRole
from ..models import Event, Invitation
from ..targeting import target_kims
from .events import _answer, new_code

MAX_INVITES = 2000


@transaction.atomic
def invitations_send(*, actor, event: Event, kim_ids: Iterable[int]) -> int:
    """Invite KIM (as peserta); a KIM already invited is skipped. Only verified KIM the
    actor may target (the targeting selector) can be invited. Returns how many invitations are new."""
    event = lock_row(Event, event)
    guard(actor, "collaboration.invite", event)
    wanted = {int(k) for k in kim_ids}
    if len(wanted) > MAX_INVITES:
        raise ValidationError(
            {"kims": _("Paling banyak %(n)s KIM sekali undang.") % {"n": MAX_INVITES}}
        )
    kims = list(
        target_kims(actor=actor).filter(pk__in=wanted).values_list("pk", "name")
    )
    if len(kims) != len(wanted):
        raise ValidationError(
            {
                "kims": _(
                    "Ada KIM yang tidak dikenal atau belum terverifikasi di wilayah Anda."
                )
            }
        )
    already = set(
        Invitation.objects.filter(event=event, kim_id__in=wanted).values_list(
            "kim_id", flat=True
        )
    )
    rows = [
        Invitation(
            event=event,
            kim_id=pk,
            name=name,
            role=InviteeRole.PARTICIPANT,
            code=new_code(),
            invited_by=actor,
        )
        for pk, name in kims
        if pk not in already
    ]
    Invitation.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def invitation_add_person(
    *, actor, event: Event, name: str, role: str, contact: str = ""
) -> Invitation:
    """Invite a person by name with a role (peserta, panitia; speakers come with
    `speaker_add`)."""
    event = lock_row(Event, event)
    guard(actor, "collaboration.invite", event)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama wajib diisi.")})
    if role not in (InviteeRole.PARTICIPANT, InviteeRole.COMMITTEE):
        raise ValidationError({"role": _("Pilih peserta atau panitia.")})
    return Invitation.objects.create(
        event=event,
        name=name[:200],
        role=role,
        contact=(contact or "").strip()[:150],
        code=new_code(),
        invited_by=actor,
    )


@transaction.atomic
def invitation_rsvp(*, actor, invitation: Invitation, attending: bool) -> Invitation:
    """The KIM answers its own invitation (the KIM is the account's, never the
    request's)."""
    invitation = lock_row(Invitation, invitation)
    guard(actor, "collaboration.rsvp", invitation.event)
    if invitation.kim_id is None or invitation.kim_id != kim_id_of(actor):
        raise PermissionDenied(_("Undangan ini bukan untuk KIM Anda."))
    return _answer(invitation, attending)
