"""Choices of capacity-building events (Tabel 4.4–4.5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    BIMTEK = "bimtek", _("Bimbingan Teknis (Bimtek)")
    WORKSHOP = "workshop", _("Workshop/Lokakarya")
    SARASEHAN = "sarasehan", _("Sarasehan")
    FORUM = "forum", _("Forum Diskusi")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    DONE = "done", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class InviteeRole(models.TextChoices):
    PARTICIPANT = "peserta", _("Peserta")
    SPEAKER = "narasumber", _("Narasumber")
    COMMITTEE = "panitia", _("Panitia")


class Rsvp(models.TextChoices):
    PENDING = "pending", _("Belum menjawab")
    YES = "yes", _("Hadir")
    NO = "no", _("Tidak hadir")


class CheckInMethod(models.TextChoices):
    SCAN = "scan", _("Pindai QR")
    LIST = "list", _("Centang daftar")
    OFFLINE = "offline", _("Pindai luring (dikirim kemudian)")


class PublicationSource(models.TextChoices):
    DINAS = "dinas", _("Dinas")
    KIM = "kim", _("KIM")


class EventFileKind(models.TextChoices):
    MATERIAL = "material", _("Materi")
    PHOTO = "photo", _("Foto dokumentasi")
