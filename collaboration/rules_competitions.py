"""Who may do what with competitions and their judging (django-rules); the competition
services `guard` with these.

A competition belongs to the office that organises it (its region; the ministry for a
national one): only that office plans, publishes, checks entries, seats jurors, assigns
entries, computes, overrides and publishes results. A KIM registers its own entries. A
juror acts only on its own assignments, and never on an entry it declared a conflict
on; those states answer as a `TransitionError` (API: 409).
"""

import rules
from django.utils.translation import gettext_lazy as _

from kimportal.accounts.rules import is_dinas_staff, is_kim_member
from kimportal.core.access import register_transitions

from .choices_competitions import CompetitionStatus, ResultStatus


def competition_of(obj):
    """The competition of `obj`: a competition, or one of its rows (an entry, a juror,
    an assignment, a result)."""
    if hasattr(obj, "organiser_id"):
        return obj
    if hasattr(obj, "competition"):
        return obj.competition
    if hasattr(obj, "entry"):
        return obj.entry.competition
    raise TypeError(f"No competition for {type(obj).__name__}")


@rules.predicate
def is_competition_office(user, obj):
    """The user's office organises the competition (of `obj`)."""
    if obj is None:
        return True
    competition = competition_of(obj)
    if user.is_ministry:
        return competition.organiser_id is None
    return bool(user.scope_code) and competition.organiser_id == user.scope_code


@rules.predicate
def is_assigned_juror(user, assignment):
    """`assignment` is one of the user's own (through an active seat)."""
    if assignment is None:
        return True
    juror = assignment.juror
    return juror.active and juror.user_id == user.pk


def _status_in(*statuses):
    def check(user, obj):
        return obj is None or competition_of(obj).status in statuses

    return rules.predicate(check, name=f"competition_in_{'_'.join(statuses)}")


is_planned = _status_in(CompetitionStatus.PLANNED)
is_open = _status_in(CompetitionStatus.OPEN)
is_open_or_judging = _status_in(CompetitionStatus.OPEN, CompetitionStatus.JUDGING)
is_judging = _status_in(CompetitionStatus.JUDGING)
is_not_closed = _status_in(
    CompetitionStatus.PLANNED, CompetitionStatus.OPEN, CompetitionStatus.JUDGING
)


@rules.predicate
def assignment_is_scorable(user, assignment):
    """Not yet submitted, no conflict declared, in the competition's current round."""
    if assignment is None:
        return True
    competition = assignment.entry.competition
    return (
        competition.status == CompetitionStatus.JUDGING
        and assignment.round == competition.current_round
        and assignment.submitted_at is None
        and not has_conflict(assignment)
    )


def has_conflict(assignment) -> bool:
    # The reverse one-to-one raises when there is none.
    from .models import Conflict

    try:
        return assignment.conflict is not None
    except Conflict.DoesNotExist:
        return False


@rules.predicate
def result_is_pending(user, result):
    return result is None or result.status == ResultStatus.PENDING


office = is_dinas_staff & is_competition_office
ACTORS = {
    "collaboration.add_competition": is_dinas_staff,
    "collaboration.change_competition": office,
    "collaboration.publish_competition": office,
    "collaboration.cancel_competition": office,
    "collaboration.check_entry": office,
    "collaboration.start_judging": office,
    "collaboration.seat_juror": office,
    "collaboration.assign_entries": office,
    "collaboration.compute_results": office,
    "collaboration.advance_round": office,
    "collaboration.override_result": office,
    "collaboration.publish_results": office,
    "collaboration.submit_entry": is_kim_member,
    "collaboration.register_entry": office,
    "collaboration.declare_conflict": is_assigned_juror,
    "collaboration.score_entry": is_assigned_juror,
}
STATES = {
    "collaboration.change_competition": is_planned,
    "collaboration.publish_competition": is_planned,
    "collaboration.cancel_competition": is_not_closed,
    "collaboration.check_entry": is_open_or_judging,
    "collaboration.start_judging": is_open,
    "collaboration.seat_juror": is_not_closed,
    "collaboration.assign_entries": is_open_or_judging,
    "collaboration.compute_results": is_judging,
    "collaboration.advance_round": is_judging,
    "collaboration.override_result": is_judging & result_is_pending,
    "collaboration.publish_results": is_judging,
    "collaboration.submit_entry": is_open,
    "collaboration.register_entry": is_open,
    "collaboration.declare_conflict": is_judging,
    "collaboration.score_entry": assignment_is_scorable,
}
MESSAGES = {
    "collaboration.change_competition": _(
        "Rencana lomba hanya dapat diubah sebelum dipublikasikan."
    ),
    "collaboration.publish_competition": _("Lomba ini sudah dipublikasikan."),
    "collaboration.cancel_competition": _("Lomba ini sudah selesai atau dibatalkan."),
    "collaboration.check_entry": _(
        "Karya diperiksa selama pendaftaran atau penjurian."
    ),
    "collaboration.start_judging": _(
        "Penjurian dimulai setelah pendaftaran dibuka dan sebelum pengumuman."
    ),
    "collaboration.seat_juror": _("Lomba ini sudah selesai atau dibatalkan."),
    "collaboration.assign_entries": _(
        "Karya ditugaskan kepada juri selama pendaftaran atau penjurian."
    ),
    "collaboration.compute_results": _("Hasil dihitung selama penjurian."),
    "collaboration.advance_round": _("Babak dipindahkan selama penjurian."),
    "collaboration.override_result": _(
        "Hasil yang sudah diumumkan tidak dapat diubah."
    ),
    "collaboration.publish_results": _("Hasil diumumkan di akhir penjurian."),
    "collaboration.submit_entry": _("Pendaftaran lomba ini tidak sedang dibuka."),
    "collaboration.register_entry": _("Pendaftaran lomba ini tidak sedang dibuka."),
    "collaboration.declare_conflict": _("Konflik dinyatakan selama penjurian."),
    "collaboration.score_entry": _(
        "Karya ini tidak dapat dinilai: nilai sudah dikirim, Anda menyatakan konflik "
        "kepentingan, atau penjurian babak ini sudah ditutup."
    ),
}
register_transitions(ACTORS, STATES, MESSAGES)

# Reading: staff in scope read competitions; a KIM reads open ones and its own.
rules.add_perm("collaboration.view_competitions", is_dinas_staff | is_kim_member)
rules.add_perm("collaboration.manage_competitions", is_dinas_staff)
