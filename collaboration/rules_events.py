"""Who may do what with events (django-rules); the event services `guard` with these.

An event belongs to the office that holds it: only that office (its region, or the
ministry for its own events) plans it, invites, checks people in and issues
certificates. A KIM answers its own invitation, fills the evaluation and adds its
publications; the services take the KIM from the account.
"""

import rules
from django.utils.translation import gettext_lazy as _

from kimportal.accounts.rules import is_dinas_staff, is_kim_member, is_ministry
from kimportal.core.access import register_transitions

from .choices_events import EventStatus


def _event_of(obj):
    return getattr(obj, "event", obj)


@rules.predicate
def is_event_office(user, obj):
    """The user's office holds the event (of `obj`, an event or one of its rows)."""
    if obj is None:
        return True
    event = _event_of(obj)
    if is_ministry(user):
        return event.held_by_id is None
    return bool(user.scope_code) and event.held_by_id == user.scope_code


@rules.predicate
def event_is_planned(user, obj):
    return obj is None or _event_of(obj).status == EventStatus.PLANNED


@rules.predicate
def event_is_open(user, obj):
    return obj is None or _event_of(obj).status != EventStatus.CANCELLED


@rules.predicate
def event_is_done(user, obj):
    return obj is None or _event_of(obj).status == EventStatus.DONE


rules.add_perm("collaboration.view_events", is_dinas_staff | is_kim_member)
rules.add_perm("collaboration.manage_events", is_dinas_staff)

office = is_dinas_staff & is_event_office
ACTORS = {
    "collaboration.add_event": is_dinas_staff,
    "collaboration.change_event": office,
    "collaboration.invite": office,
    "collaboration.finish_event": office,
    "collaboration.check_in": office,
    "collaboration.add_file": office,
    "collaboration.issue_certificates": office,
    "collaboration.revoke_certificate": office,
    "collaboration.add_publication": office | is_kim_member,
    "collaboration.rsvp": is_kim_member,
    "collaboration.evaluate": is_kim_member,
}
STATES = {
    "collaboration.change_event": event_is_planned,
    "collaboration.invite": event_is_planned,
    "collaboration.finish_event": event_is_planned,
    "collaboration.check_in": event_is_open,
    "collaboration.add_file": event_is_open,
    "collaboration.issue_certificates": event_is_done,
    "collaboration.add_publication": event_is_done,
    "collaboration.rsvp": event_is_planned,
    "collaboration.evaluate": event_is_done,
}
MESSAGES = {
    "collaboration.change_event": _("Kegiatan sudah selesai atau dibatalkan."),
    "collaboration.invite": _("Undangan hanya dapat dikirim sebelum kegiatan selesai."),
    "collaboration.finish_event": _("Kegiatan sudah selesai atau dibatalkan."),
    "collaboration.check_in": _("Kegiatan dibatalkan."),
    "collaboration.add_file": _("Kegiatan dibatalkan."),
    "collaboration.issue_certificates": _(
        "Sertifikat diterbitkan setelah kegiatan ditandai selesai."
    ),
    "collaboration.add_publication": _(
        "Publikasi ditambahkan setelah kegiatan selesai."
    ),
    "collaboration.rsvp": _("Kegiatan sudah selesai atau dibatalkan."),
    "collaboration.evaluate": _("Evaluasi dibuka setelah kegiatan selesai."),
}
register_transitions(ACTORS, STATES, MESSAGES)
