"""Judging of a competition: the jurors, which entries each juror judges, the conflicts
and recusals they declare, their scores per criterion, and the results with any
override made by the organiser (who and why).

A juror is an account assigned to one competition: an external account of the `juror`
role (whom the scoping rule gives nothing) or a staff account. What a juror may read is
decided by its assignments (`selectors_judging`), never by the scoping rule; the staff
scope of every row here is the organiser's region.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kimportal.core.scoping import ScopeSpec

from ..choices_competitions import ConflictKind, ResultStatus, Round
from .common import NO_HARD_DELETE
from .competitions import Competition, Criterion, Entry


@pghistory.track()
class Juror(models.Model):
    """An account sitting on the jury of one competition."""

    competition = models.ForeignKey(
        Competition, on_delete=models.PROTECT, related_name="jurors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="juror_seats"
    )
    expertise = models.CharField(_("keahlian"), max_length=200, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="competition__organiser__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("juri")
        verbose_name_plural = _("juri")
        ordering = ["competition", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "user"], name="juror_one_seat"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


@pghistory.track()
class Assignment(models.Model):
    """One entry a juror judges in one round. `submitted_at` is set when the juror
    submits its scores; until then they are a draft only the juror sees."""

    juror = models.ForeignKey(
        Juror, on_delete=models.PROTECT, related_name="assignments"
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="assignments"
    )
    round = models.CharField(_("babak"), max_length=10, choices=Round)
    submitted_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="entry__competition__organiser__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("penugasan juri")
        verbose_name_plural = _("penugasan juri")
        ordering = ["entry", "juror", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "entry", "round"], name="assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror_id} → {self.entry_id} ({self.round})"


@pghistory.track()
class Conflict(models.Model):
    """A conflict of interest (typed) or a recusal a juror declares on an assigned
    entry; the juror then cannot score it, and the entry's result is the mean of the
    other jurors (a recusal does not lower it)."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.PROTECT, related_name="conflict"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=ConflictKind)
    reason = models.TextField(_("alasan"), blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="assignment__entry__competition__organiser__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("konflik kepentingan")
        verbose_name_plural = _("konflik kepentingan")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=[ConflictKind.OTHER, ConflictKind.RECUSAL])
                | ~Q(reason=""),
                name="conflict_reason_given",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


@pghistory.track()
class Score(models.Model):
    """A juror's score (0–100) on one criterion of an assigned entry."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2)
    comment = models.TextField(_("komentar"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    SCOPE = ScopeSpec(region="assignment__entry__competition__organiser__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("nilai")
        verbose_name_plural = _("nilai")
        ordering = ["assignment", "criterion__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="score_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(value__lte=100), name="score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return str(self.value)


@pghistory.track()
class Result(models.Model):
    """The computed result of an entry in a round: its score (None: nobody could score
    it), its rank in its category, and how a tie was settled. Pending until the
    organiser publishes all results at once; `rank` then reads `final_rank` when an
    override changed it."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="results")
    round = models.CharField(_("babak"), max_length=10, choices=Round)
    score = models.DecimalField(
        _("nilai akhir"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    rank = models.PositiveIntegerField(_("peringkat hitungan"), null=True, blank=True)
    final_rank = models.PositiveIntegerField(_("peringkat"), null=True, blank=True)
    jurors_counted = models.PositiveSmallIntegerField(_("juri dihitung"), default=0)
    tie_note = models.CharField(_("penentuan nilai sama"), max_length=250, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ResultStatus,
        default=ResultStatus.PENDING,
    )
    computed_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)

    SCOPE = ScopeSpec(region="entry__competition__organiser__code", kim="entry__kim_id")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("hasil")
        verbose_name_plural = _("hasil")
        ordering = ["entry__category", "final_rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "round"], name="result_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} ({self.round}): {self.score}"


@pghistory.track()
class ResultOverride(models.Model):
    """The organiser's change of a computed rank, kept with who and why; it is shown
    beside the result."""

    result = models.ForeignKey(
        Result, on_delete=models.PROTECT, related_name="overrides"
    )
    previous_rank = models.PositiveIntegerField(null=True, blank=True)
    new_rank = models.PositiveIntegerField()
    reason = models.TextField(_("alasan"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    SCOPE = ScopeSpec(region="result__entry__competition__organiser__code")

    class Meta:
        triggers = [NO_HARD_DELETE]
        verbose_name = _("perubahan hasil")
        verbose_name_plural = _("perubahan hasil")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""), name="result_override_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.previous_rank} → {self.new_rank}"
