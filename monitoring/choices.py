"""The closed lists of monitoring (guideline §IV.B, §IV.D, §V; Tabel 4.3, 4.6, 5.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssuerLevel(models.TextChoices):
    MINISTRY = "ministry", _("Kementerian")
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")


class MaterialState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Diterbitkan")
    WITHDRAWN = "withdrawn", _("Ditarik")


class MaterialFormat(models.TextChoices):
    TEXT = "text", _("Teks/narasi")
    PHOTO = "photo", _("Foto")
    INFOGRAPHIC = "infographic", _("Infografis")
    POSTER = "poster", _("Poster")
    LEAFLET = "leaflet", _("Leaflet/selebaran")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    FEATURE = "feature", _("Feature")
    OTHER = "other", _("Lainnya")


class ActionKind(models.TextChoices):
    """Kategori aksi diseminasi (Tabel 4.3)."""

    WHATSAPP_SHARE = "whatsapp_share", _("Berbagi tautan di grup WhatsApp")
    SOCIAL_POST = "social_post", _("Posting di akun media sosial KIM")
    WEB_POST = "web_post", _("Memuat di blog/situs web KIM atau kim.id")
    FACE_TO_FACE = "face_to_face", _("Pertemuan tatap muka dengan masyarakat")


class ReportFormat(models.TextChoices):
    """Format kegiatan diseminasi (Tabel 5.2)."""

    VIDEO = "video", _("Video")
    FEATURE = "feature", _("Feature/artikel")
    TEXT = "text", _("Teks/berita")
    PHOTO = "photo", _("Foto")
    INFOGRAPHIC = "infographic", _("Infografis/poster")
    LEAFLET = "leaflet", _("Leaflet/selebaran")
    AUDIO = "audio", _("Audio/podcast")
    NEWSLETTER = "newsletter", _("Newsletter")
    INTERVIEW = "interview", _("Wawancara")
    COMPETITION = "competition", _("Kompetisi")
    FESTIVAL = "festival", _("Festival/pameran/pertunjukan")
    MEETING = "meeting", _("Pertemuan/sosialisasi")
    OTHER = "other", _("Lainnya")


class Medium(models.TextChoices):
    """Media yang dikelola KIM (Tabel 4.6)."""

    PRINT = "print", _("Media cetak")
    BROADCAST = "broadcast", _("Media penyiaran")
    SOCIAL = "social", _("Media sosial")
    MESSAGING = "messaging", _("Pesan instan (WhatsApp, Telegram)")
    ONLINE = "online", _("Media daring (situs web/blog)")
    OUTDOOR = "outdoor", _("Media luar ruang")
    FACE_TO_FACE = "face_to_face", _("Komunikasi tatap muka")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    VALIDATED = "validated", _("Tervalidasi")
    RETURNED = "returned", _("Dikembalikan")


class ContentPlatform(models.TextChoices):
    YOUTUBE = "youtube", "YouTube"
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    TIKTOK = "tiktok", "TikTok"
    X = "x", "X/Twitter"
    WEBSITE = "website", _("Situs web")


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("Belum diperiksa")
    OK = "ok", _("Dapat dibuka")
    UNREACHABLE = "unreachable", _("Tidak dapat dibuka")
    BLOCKED = "blocked", _("Diblokir (alamat tidak publik)")


# The mediums a delivered material gets a tracked short link for: the ones whose
# audience clicks a link (a WhatsApp group, a social post, a website).
TRACKED_MEDIUMS = (Medium.MESSAGING, Medium.SOCIAL, Medium.ONLINE)
