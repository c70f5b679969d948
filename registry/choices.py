"""Vocabularies of the guideline (§II.B, Tabel 3.1), as Django choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KimType(models.TextChoices):
    A = "A", _("Tipe A — pengelolaan dan diseminasi informasi")
    B = "B", _("Tipe B — pemberdayaan masyarakat dengan fungsi diseminasi")


class KimStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    VERIFIED = "verified", _("Terverifikasi")
    REJECTED = "rejected", _("Ditolak")
    INACTIVE = "inactive", _("Tidak aktif")


class InactiveReason(models.TextChoices):
    DISSOLVED = "dissolved", _("Membubarkan diri")
    MOVED = "moved", _("Pindah ke kabupaten/kota lain")
    TERMINATED = "terminated", _("Diberhentikan")


class MediaType(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Tatap muka")
    MEETING = "meeting", _("Pertemuan/musyawarah/diskusi warga")
    COMMUNITY_RADIO = "community_radio", _("Radio komunitas")
    PRINT = "print", _("Media cetak (majalah, koran, leaflet, pamflet)")
    DIGITAL = "digital", _("Media digital")
    ONLINE = "online", _("Media daring (forum, situs web, blog, portal berita)")
    SOCIAL = "social", _("Media sosial")
    MESSAGING = "messaging", _("Grup WhatsApp/pesan instan")


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    YOUTUBE = "youtube", "YouTube"
    X = "x", "X/Twitter"
    TIKTOK = "tiktok", "TikTok"
    WHATSAPP = "whatsapp", _("Grup WhatsApp")
    WEBSITE = "website", _("Situs web/blog")
    NEWS_PORTAL = "news_portal", _("Portal berita")
    FORUM = "forum", _("Forum diskusi")
    OTHER = "other", _("Lainnya")


class GovernmentAffair(models.TextChoices):
    """The 32 government affairs of UU 23/2014 (SPEC §3.1), in the law's order."""

    PENDIDIKAN = "pendidikan", _("Pendidikan")
    KESEHATAN = "kesehatan", _("Kesehatan")
    PUPR = "pupr", _("Pekerjaan umum dan penataan ruang")
    PERUMAHAN = "perumahan", _("Perumahan rakyat dan kawasan permukiman")
    TRANTIBUM = (
        "trantibum",
        _("Ketenteraman, ketertiban umum dan pelindungan masyarakat"),
    )
    SOSIAL = "sosial", _("Sosial")
    TENAGA_KERJA = "tenaga_kerja", _("Tenaga kerja")
    PPPA = "pppa", _("Pemberdayaan perempuan dan pelindungan anak")
    PANGAN = "pangan", _("Pangan")
    PERTANAHAN = "pertanahan", _("Pertanahan")
    LINGKUNGAN_HIDUP = "lingkungan_hidup", _("Lingkungan hidup")
    ADMINDUK = "adminduk", _("Administrasi kependudukan dan pencatatan sipil")
    PMD = "pmd", _("Pemberdayaan masyarakat dan desa")
    PPKB = "ppkb", _("Pengendalian penduduk dan keluarga berencana")
    PERHUBUNGAN = "perhubungan", _("Perhubungan")
    KOMINFO = "kominfo", _("Komunikasi dan informatika")
    KUKM = "kukm", _("Koperasi, usaha kecil dan menengah")
    PENANAMAN_MODAL = "penanaman_modal", _("Penanaman modal")
    KEPEMUDAAN_OLAHRAGA = "kepemudaan_olahraga", _("Kepemudaan dan olahraga")
    STATISTIK = "statistik", _("Statistik")
    PERSANDIAN = "persandian", _("Persandian")
    KEBUDAYAAN = "kebudayaan", _("Kebudayaan")
    PERPUSTAKAAN = "perpustakaan", _("Perpustakaan")
    KEARSIPAN = "kearsipan", _("Kearsipan")
    KELAUTAN_PERIKANAN = "kelautan_perikanan", _("Kelautan dan perikanan")
    PARIWISATA = "pariwisata", _("Pariwisata")
    PERTANIAN = "pertanian", _("Pertanian")
    KEHUTANAN = "kehutanan", _("Kehutanan")
    ESDM = "esdm", _("Energi dan sumber daya mineral")
    PERDAGANGAN = "perdagangan", _("Perdagangan")
    PERINDUSTRIAN = "perindustrian", _("Perindustrian")
    TRANSMIGRASI = "transmigrasi", _("Transmigrasi")


class SocialGroup(models.TextChoices):
    GENERAL = "umum", _("Masyarakat umum")
    FARMERS = "petani", _("Petani")
    FISHERS = "nelayan", _("Nelayan")
    WORKERS = "buruh", _("Buruh/pekerja")
    MSME = "umkm", _("Pelaku UMKM")
    STUDENTS = "pelajar", _("Pelajar/mahasiswa")
    YOUTH = "pemuda", _("Pemuda")
    WOMEN = "perempuan", _("Perempuan/ibu rumah tangga")
    ELDERLY = "lansia", _("Lansia")
    DISABLED = "disabilitas", _("Penyandang disabilitas")
    RELIGIOUS = "keagamaan", _("Kelompok keagamaan")
    LEADERS = "tokoh", _("Tokoh masyarakat")


class ContentType(models.TextChoices):
    TEXT = "text", _("Teks")
    IMAGE = "image", _("Gambar")
    PHOTO = "photo", _("Foto")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    INFOGRAPHIC = "infographic", _("Infografis")


class FrequencyUnit(models.TextChoices):
    WEEK = "week", _("per minggu")
    MONTH = "month", _("per bulan")
    YEAR = "year", _("per tahun")


class DocumentKind(models.TextChoices):
    VILLAGE_HEAD_SK = "village_head_sk", _("SK Kepala Desa/Lurah")
    OFFICERS_LIST = "officers_list", _("Susunan pengurus")
    DECLARATION = "declaration", _("Surat pernyataan")


class Requirement(models.TextChoices):
    """Registration requirements checked one by one at verification (§II.B.3–4, SPEC §3.2)."""

    COMMUNITY_FORMED = (
        "community_formed",
        _("Dibentuk oleh, dari, dan untuk masyarakat"),
    )
    SEATED_IN_VILLAGE = "seated_in_village", _("Berkedudukan di desa/kelurahan")
    HAS_VILLAGE_HEAD_SK = "has_village_head_sk", _("Memiliki SK Kepala Desa/Lurah")
    HAS_OFFICERS = "has_officers", _("Memiliki susunan pengurus")
    SK_VALID = "sk_valid", _("SK Kepala Desa/Lurah ada dan masih berlaku")
    OFFICERS_ACKNOWLEDGED = (
        "officers_acknowledged",
        _("Susunan pengurus diketahui Kepala Desa/Lurah"),
    )
    NOT_ASN = "not_asn", _("Pengurus bukan Aparatur Sipil Negara (ASN)")
    NO_CRIMINAL_CASE = "no_criminal_case", _("Tidak terlibat kasus pidana")
    NO_POLITICAL_PARTY = (
        "no_political_party",
        _("Tidak berafiliasi dengan partai politik"),
    )
    NO_NGO = "no_ngo", _("Tidak berafiliasi dengan LSM")


REQUIREMENT_GROUPS = [
    (
        _("Syarat untuk dipetakan"),
        [
            Requirement.COMMUNITY_FORMED,
            Requirement.SEATED_IN_VILLAGE,
            Requirement.HAS_VILLAGE_HEAD_SK,
            Requirement.HAS_OFFICERS,
        ],
    ),
    (_("Legalitas"), [Requirement.SK_VALID, Requirement.OFFICERS_ACKNOWLEDGED]),
    (
        _("Administratif (surat pernyataan)"),
        [
            Requirement.NOT_ASN,
            Requirement.NO_CRIMINAL_CASE,
            Requirement.NO_POLITICAL_PARTY,
            Requirement.NO_NGO,
        ],
    ),
]


class Qualification(models.TextChoices):
    """Qualifications a–g for a partnership (§II.B.5)."""

    CLEAR_EXISTENCE = (
        "a_clear_existence",
        _("a. Keberadaan jelas: alamat, kontak, pengakuan masyarakat"),
    )
    REGULAR_ACTIVITY = (
        "b_regular_activity",
        _("b. Aktivitas rutin, utamanya diseminasi informasi"),
    )
    TRACK_RECORD = "c_track_record", _("c. Rekam jejak dan reputasi baik")
    REACH = "d_reach", _("d. Jangkauan minimal satu desa/kelurahan")
    UNDERSTANDS_AREA = (
        "e_understands_area",
        _("e. Memahami langsung komunitas/wilayahnya"),
    )
    HAS_MEDIA = "f_has_media", _("f. Memiliki media diseminasi")
    HAS_RESOURCES = "g_has_resources", _("g. Memiliki sumber daya untuk diseminasi")


class PartnershipStatus(models.TextChoices):
    ACTIVE = "active", _("Aktif")
    UNDER_REVIEW = "under_review", _("Dalam peninjauan")
    ENDED = "ended", _("Berakhir (masa habis)")
    TERMINATED = "terminated", _("Diputus")


class ReviewGround(models.TextChoices):
    """Grounds for review and termination (§II.B.6)."""

    SK_EXPIRED = "sk_expired", _("SK Kepala Desa/Lurah habis masa berlaku atau dicabut")
    PARTY_OR_NGO = "party_or_ngo", _("Berafiliasi dengan partai politik atau LSM")
    BECAME_ASN = "became_asn", _("Pengurus/anggota menjadi ASN")
    CRIMINAL = "criminal", _("Terlibat tindak pidana")
    MOVED = "moved", _("Pindah ke kabupaten/kota lain")
    REPUTATION = "reputation", _("Kehilangan reputasi yang mengancam reputasi Dinas")
    DISSOLVED = "dissolved", _("Membubarkan diri")


class ReviewOpener(models.TextChoices):
    REGENCY = "regency", _("Dinas Kominfo Kabupaten/Kota")
    PROVINCE = "province", _("Dinas Kominfo Provinsi")
    SYSTEM = "system", _("Otomatis (pemeriksaan terjadwal)")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    CONTINUED = "continued", _("Ditutup — kemitraan dilanjutkan")
    TERMINATED = "terminated", _("Ditutup — kemitraan diputus")


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu pemeriksaan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
