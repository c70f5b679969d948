"""Choices of competitions and their judging (Tabel 4.7–4.8, Gambar 4.4–4.5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetitionLevel(models.TextChoices):
    REGENCY = "regency", _("Kabupaten/Kota")
    PROVINCE = "province", _("Provinsi")
    NATIONAL = "national", _("Nasional")


class CompetitionStatus(models.TextChoices):
    PLANNED = "planned", _("Perencanaan")
    OPEN = "open", _("Pendaftaran dibuka")
    JUDGING = "judging", _("Penjurian")
    ANNOUNCED = "announced", _("Pemenang diumumkan")
    CANCELLED = "cancelled", _("Dibatalkan")


class CategoryKind(models.TextChoices):
    VIDEO = "video", _("Video/Iklan Layanan Masyarakat")
    NEWS = "news", _("Penulisan berita")
    BLOG = "blog", _("Blog")
    PHOTO = "photo", _("Fotografi")
    POSTER = "poster", _("Poster/Infografis")
    PODCAST = "podcast", _("Podcast")
    OTHER = "other", _("Lainnya")


class TieBreak(models.TextChoices):
    """How two entries with the same score are ordered (collaboration.scoring)."""

    FIRST_CRITERION = (
        "first_criterion",
        _("Nilai lebih tinggi pada kriteria berbobot terbesar"),
    )
    MEDIAN = "median", _("Median nilai juri lebih tinggi")
    MORE_JURORS = "more_jurors", _("Lebih banyak juri menilai lebih tinggi")
    EARLIER = "earlier", _("Karya yang dikirim lebih awal")


class Round(models.TextChoices):
    SHORTLIST = "shortlist", _("Seleksi awal")
    FINAL = "final", _("Final")


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu pemeriksaan")
    ELIGIBLE = "eligible", _("Memenuhi syarat")
    INELIGIBLE = "ineligible", _("Tidak memenuhi syarat")
    WITHDRAWN = "withdrawn", _("Ditarik")


class ConflictKind(models.TextChoices):
    SAME_AREA = "same_area", _("Satu desa/kecamatan")
    FAMILY = "family", _("Hubungan keluarga")
    MEMBER = "member", _("Anggota KIM tersebut")
    OTHER = "other", _("Lainnya")
    RECUSAL = "recusal", _("Mengundurkan diri")


class ResultStatus(models.TextChoices):
    PENDING = "pending", _("Belum diumumkan")
    PUBLISHED = "published", _("Diumumkan")
