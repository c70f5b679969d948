"""Vocabularies of collaboration (guideline §IV, Tabel 4.1 and 4.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# --- capacity needs (Tabel 4.1) -------------------------------------------------------


class Readiness(models.TextChoices):
    """How ready a medium the KIM manages is."""

    READY = "ready", _("Siap/aktif dikelola")
    PARTLY = "partly", _("Kurang siap")
    NOT_READY = "not_ready", _("Belum siap")


class Skill(models.TextChoices):
    """Members' content-production skills (Tabel 4.1 no. 4)."""

    WRITING = "writing", _("Penulisan")
    PHOTOGRAPHY = "photography", _("Fotografi")
    VIDEO = "video", _("Pengambilan dan penyuntingan video")
    GRAPHIC_DESIGN = "graphic_design", _("Desain grafis")
    OTHER = "other", _("Lainnya")


class SkillLevel(models.IntegerChoices):
    """A member's self-rated level in a skill."""

    NONE = 1, _("Belum bisa")
    BASIC = 2, _("Dasar")
    INTERMEDIATE = 3, _("Menengah")
    ADVANCED = 4, _("Mahir")


# A skill rated at or below this level counts as a capacity need.
NEEDED_AT_OR_BELOW = SkillLevel.BASIC


class ProductionManagement(models.TextChoices):
    """How the KIM manages its content production (Tabel 4.1 no. 5)."""

    PLANNED = "planned", _("Terencana (jadwal dan pembagian tugas)")
    PARTIAL = "partial", _("Sebagian terencana")
    AD_HOC = "ad_hoc", _("Belum terencana")


# --- campaigns (§IV.B, §IV.D, Tabel 4.2) --------------------------------------------------


class CampaignKind(models.TextChoices):
    PROACTIVE = "proactive", _("Proaktif (inisiatif bersama)")
    RESPONSIVE = "responsive", _("Responsif (menjawab isu publik)")


class CampaignState(models.TextChoices):
    """The participation–collaboration–action model (Gambar 4.1, Tabel 4.2)."""

    DRAFT = "draft", _("Perencanaan")
    PARTICIPATION = "participation", _("Partisipasi: koordinasi dan masukan KIM")
    COLLABORATION = "collaboration", _("Kolaborasi: merancang bahan bersama")
    ACTION = "action", _("Aksi: diseminasi")
    CLOSED = "closed", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


OPEN_CAMPAIGN_STATES = (
    CampaignState.PARTICIPATION,
    CampaignState.COLLABORATION,
    CampaignState.ACTION,
)


class CampaignPhase(models.TextChoices):
    """The period a KIM is involved in: a trial (type B KIM's commitment is watched)
    or the fixed period after it."""

    TRIAL = "trial", _("Masa uji coba")
    FIXED = "fixed", _("Masa tetap")


class FeedbackStage(models.TextChoices):
    PARTICIPATION = "participation", _("Masukan atas rencana")
    COLLABORATION = "collaboration", _("Rancangan bahan (sudut pandang, format)")
