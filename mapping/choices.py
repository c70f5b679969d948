"""Vocabularies of mapping (guideline §III, Tabel 3.2 and 3.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Approach(models.TextChoices):
    """Tabel 3.3: the quadrant of a KIM and what the Dinas does about it."""

    PARTNER = "partner", _("Jadikan mitra")
    PERSUADE = "persuade", _("Persuasi")
    DEVELOP = "develop", _("Pembinaan")
    MONITOR = "monitor", _("Catat dan pantau")


APPROACH_DESCRIPTIONS = {
    Approach.PARTNER: _(
        "Ketertarikan tinggi, kekuatan/pengaruh tinggi: Dinas menjadikan KIM mitra."
    ),
    Approach.PERSUADE: _(
        "Ketertarikan rendah, kekuatan/pengaruh tinggi: Dinas melakukan persuasi agar "
        "KIM bersedia menjadi mitra."
    ),
    Approach.DEVELOP: _(
        "Ketertarikan tinggi, kekuatan/pengaruh rendah: Dinas melakukan pembinaan dan "
        "peningkatan kapasitas anggota KIM."
    ),
    Approach.MONITOR: _(
        "Ketertarikan, kekuatan dan pengaruh rendah: Dinas mendata dan memantau "
        "perkembangan KIM."
    ),
}


class Dimension(models.TextChoices):
    INTEREST = "interest", _("Ketertarikan")
    POWER = "power", _("Kekuatan")
    INFLUENCE = "influence", _("Pengaruh")


class IssueSourceKind(models.TextChoices):
    MASS_MEDIA = "mass_media", _("Pemberitaan media massa")
    SOCIAL_MEDIA = "social_media", _("Percakapan media sosial")
    POLL = "poll", _("Hasil jajak pendapat")
    COMPLAINT = "complaint", _("Aduan masyarakat")
    OPINION_LEADER = "opinion_leader", _("Pemuka pendapat")


class UnderstandingLevel(models.TextChoices):
    LOW = "low", _("Rendah")
    MEDIUM = "medium", _("Sedang")
    HIGH = "high", _("Tinggi")
