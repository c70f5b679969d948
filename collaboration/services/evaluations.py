"""After the event: the participants' evaluation and the publication links."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.contributions import kim_id_of
from kimportal.core.dates import today_in_jakarta
from kimportal.core.locking import lock_row
from monitoring.choices import ActionKind, Medium
from monitoring.services import report_create

from ..choices_events import PublicationSource
from ..models import Evaluation, Event, Invitation, Publication

SCORES = ("content_score", "speaker_score", "organisation_score", "usefulness_score")


@transaction.atomic
def evaluation_submit(
    *, actor, invitation: Invitation, data: Mapping[str, object]
) -> Evaluation:
    """The KIM's evaluation of an event it was invited to; once per invitation."""
    invitation = lock_row(Invitation, invitation)
    guard(actor, "collaboration.evaluate", invitation.event)
    if invitation.kim_id is None or invitation.kim_id != kim_id_of(actor):
        raise PermissionDenied(_("Undangan ini bukan untuk KIM Anda."))
    scores = {}
    for name in SCORES:
        try:
            value = int(str(data.get(name)))
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            raise ValidationError({name: _("Pilih nilai 1 sampai 5.")})
        scores[name] = value
    try:
        with transaction.atomic():
            return Evaluation.objects.create(
                invitation=invitation,
                event_id=invitation.event_id,
                suggestion=str(data.get("suggestion") or "").strip()[:2000],
                **scores,
            )
    except IntegrityError as exc:
        raise ValidationError(_("Evaluasi sudah dikirim.")) from exc


@transaction.atomic
def publication_add(
    *,
    actor,
    event: Event,
    url: str,
    title: str = "",
    report_format: str = "",
    medium: str = "",
) -> Publication:
    """A link publishing the event: by the office (staff) or by the actor's KIM, which
    must have been invited. A KIM's link is also filed, through monitoring's service,
    as a submitted dissemination report tied to the event (`event_ref`), so it is
    validated and counted like any other content."""
    event = lock_row(Event, event)
    guard(actor, "collaboration.add_publication", event)
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise ValidationError(
            {"url": _("Tautan harus diawali http:// atau https://.")}
        ) from exc
    kim_id = None
    report_id = None
    source = PublicationSource.DINAS
    own_kim_id = kim_id_of(actor) if actor.is_kim else None
    if actor.is_kim:
        if own_kim_id is None:
            raise PermissionDenied(_("Akun Anda tidak terhubung ke KIM."))
        invitation = (
            Invitation.objects.filter(event=event, kim_id=own_kim_id)
            .select_related("kim")
            .first()
        )
        if invitation is None:
            raise PermissionDenied(_("KIM Anda tidak diundang ke kegiatan ini."))
        kim_id = invitation.kim_id
        source = PublicationSource.KIM
        report_id = _report_for(
            actor, invitation.kim, event, url, report_format, medium
        )
    return Publication.objects.create(
        event=event,
        source=source,
        kim_id=kim_id,
        url=url[:500],
        title=(title or "").strip()[:200],
        report_id=report_id,
        added_by=actor,
    )


ACTION_BY_MEDIUM: dict[str, str] = {
    Medium.SOCIAL: ActionKind.SOCIAL_POST,
    Medium.MESSAGING: ActionKind.WHATSAPP_SHARE,
}


def _report_for(actor, kim, event: Event, url: str, fmt: str, medium: str) -> int:
    report = report_create(
        kim=kim,
        created_by=actor,
        data={
            "action_kind": ACTION_BY_MEDIUM.get(medium, str(ActionKind.WEB_POST)),
            "format": fmt,
            "medium": medium,
            "activity": (_("Tindak lanjut kegiatan: %(t)s") % {"t": event.title})[:300],
            "activity_date": today_in_jakarta(),
            "event_ref": event.pk,
        },
        evidence_urls=[url],
        submit=True,
    )
    return report.pk
