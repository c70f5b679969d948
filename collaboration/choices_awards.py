"""The closed lists of awards (apresiasi, Gambar 4.6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardPeriodState(models.TextChoices):
    DRAFT = "draft", _("Disiapkan")
    RANKED = "ranked", _("Penilaian")
    PUBLISHED = "published", _("Diumumkan")
    CANCELLED = "cancelled", _("Dibatalkan")


class AwardKind(models.TextChoices):
    PLAQUE = "plakat", _("Plakat")
    NETWORK = "jejaring", _("Jejaring")
    TRAINING = "pelatihan", _("Pelatihan")
    OTHER = "lainnya", _("Lainnya")
