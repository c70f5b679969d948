"""The closed lists of nominations (lomba *ikut serta*, §IV.E)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NominationState(models.TextChoices):
    NOMINATED = "nominated", _("Diusulkan kab/kota")
    SELECTED = "selected", _("Dipilih provinsi")
    FORWARDED = "forwarded", _("Diteruskan ke nasional")
    DECLINED = "declined", _("Tidak dipilih")
    WITHDRAWN = "withdrawn", _("Ditarik")


class NominationNoteKind(models.TextChoices):
    PREPARATION = "preparation", _("Persiapan")
    ACCOMPANIMENT = "accompaniment", _("Pendampingan")
    EVALUATION = "evaluation", _("Evaluasi")


class NominationResult(models.TextChoices):
    WINNER = "winner", _("Juara")
    FINALIST = "finalist", _("Finalis/nominasi")
    PARTICIPANT = "participant", _("Peserta")
