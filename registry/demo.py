"""Demo KIM for `manage.py seed_demo`: about thirty KIM in Kabupaten Malang, Kota Malang
and Kabupaten Semarang, in every state of the registry, made through the services so that
their NIKs, checklists, decisions and history are real. Running it again adds nothing."""

import datetime

import pghistory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from kimportal.accounts.models import Role, User
from kimportal.core.contributions import kim_id_of
from kimportal.core.dates import today_in_jakarta
from kimportal.regions.models import Region, RegionLevel

from . import notifications, services
from .choices import (
    ContentType,
    DocumentKind,
    FrequencyUnit,
    GovernmentAffair,
    KimStatus,
    KimType,
    MediaType,
    PartnershipStatus,
    Qualification,
    Requirement,
    ReviewGround,
    SocialGroup,
)
from .membership import member_add
from .models import Kim, MemberRole, Partnership, ReviewCase

KIM_DEMO_USERNAME = "kim-demo"

# What each demo KIM of a kab/kota goes through, in order. The first entry of Kabupaten
# Malang is the marker that the demo data exists.
PLAN = {
    "kab-malang": (
        "35.07",
        [
            "kim_demo",
            "partner",
            "partner",
            "partner",
            "under_review",
            "terminated",
            "ended",
            "verified",
            "submitted",
            "rejected",
            "draft",
            "dissolved",
        ],
    ),
    "kota-malang": (
        "35.73",
        [
            "partner",
            "partner",
            "partner",
            "verified",
            "submitted",
            "old_list",
            "rejected",
            "draft",
            "moved",
        ],
    ),
    "kab-semarang": (
        "33.22",
        [
            "partner",
            "partner",
            "partner",
            "verified",
            "submitted",
            "rejected",
            "draft",
            "draft",
            "dissolved",
        ],
    ),
}

SUFFIXES = [
    "Mandiri",
    "Cerdas",
    "Sejahtera",
    "Berdaya",
    "Informatif",
    "Lestari",
    "Maju",
    "Guyub Rukun",
    "Bersinar",
    "Harmoni",
    "Inspirasi",
    "Gemilang",
]
CHAIRS = [
    "Siti Aminah",
    "Agus Prasetyo",
    "Dwi Lestari",
    "Bambang Suryono",
    "Nur Hidayah",
    "Eko Wahyudi",
    "Sri Wahyuni",
    "Heru Santoso",
    "Rina Kusumawati",
    "Joko Susilo",
    "Yuliana Putri",
    "Ahmad Fauzi",
]
SECRETARIES = [
    "Dewi Anggraini",
    "Rudi Hartono",
    "Lilik Setyowati",
    "Wahyu Nugroho",
    "Fitri Handayani",
    "Slamet Riyadi",
]
TREASURERS = [
    "Endang Purwati",
    "Teguh Imam",
    "Ratna Sari",
    "Hadi Purnomo",
    "Yuni Astuti",
    "Arif Budiman",
]
STREETS = [
    "Jl. Raya",
    "Jl. Merdeka",
    "Jl. Pahlawan",
    "Jl. Kenanga",
    "Jl. Melati",
    "Jl. Diponegoro",
]
FIELD_SETS = [
    [GovernmentAffair.KESEHATAN, GovernmentAffair.PPKB],
    [GovernmentAffair.PERTANIAN, GovernmentAffair.PANGAN],
    [GovernmentAffair.PENDIDIKAN, GovernmentAffair.KOMINFO],
    [GovernmentAffair.PARIWISATA, GovernmentAffair.KEBUDAYAAN],
    [GovernmentAffair.PMD, GovernmentAffair.KUKM],
    [GovernmentAffair.LINGKUNGAN_HIDUP, GovernmentAffair.TRANTIBUM],
]
GROUP_SETS = [
    [SocialGroup.GENERAL, SocialGroup.WOMEN],
    [SocialGroup.FARMERS, SocialGroup.GENERAL],
    [SocialGroup.YOUTH, SocialGroup.STUDENTS],
    [SocialGroup.MSME, SocialGroup.LEADERS],
]


def demo_pdf(*lines: str) -> bytes:
    """A small valid one-page PDF showing `lines`."""

    def escape(text: str) -> str:
        text = text.encode("latin-1", "replace").decode("latin-1")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"({escape(line)}) '" for line in lines)
    content = f"BT /F1 12 Tf 16 TL 56 800 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_upload(name: str, *lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_pdf(*lines), content_type="application/pdf")


def _villages(prefix: str, count: int) -> list[Region]:
    """`count` desa spread over the kab/kota, the same ones on every run."""
    villages = list(
        Region.objects.filter(
            level=RegionLevel.VILLAGE, code__startswith=f"{prefix}.", retired=False
        ).order_by("code")
    )
    step = max(len(villages) // count, 1)
    return [villages[(i * step) % len(villages)] for i in range(count)]


def _demo_name(village: Region, number: int) -> str:
    return f"KIM {village.name} {SUFFIXES[number % len(SUFFIXES)]}"


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


class _Seeder:
    def __init__(self, users: dict[str, User]):
        self.users = users
        self.today = today_in_jakarta()
        self.number = 0
        self.kim_demo: Kim | None = None

    def run(self) -> None:
        for username, (prefix, states) in PLAN.items():
            officer = self.users[username]
            for village, state in zip(
                _villages(prefix, len(states)), states, strict=True
            ):
                self.number += 1
                self.seed_one(officer, village, state)

    def profile(self, village: Region) -> dict:
        n = self.number
        name = _demo_name(village, n)
        return {
            "name": name,
            "kim_type": KimType.B if n % 3 == 0 else KimType.A,
            "chair_name": CHAIRS[n % len(CHAIRS)],
            "street": f"{STREETS[n % len(STREETS)]} {village.name}",
            "rt": f"{n % 7 + 1:03d}",
            "rw": f"{n % 4 + 1:03d}",
            "house_number": str(10 + n),
            "whatsapp": f"0812{3300000 + n * 7919:07d}",
            "email": f"{_slug(name)[:40]}@kim.example",
            "social_groups": GROUP_SETS[n % len(GROUP_SETS)],
            "media_types": [MediaType.SOCIAL, MediaType.MESSAGING, MediaType.MEETING],
            "fields": FIELD_SETS[n % len(FIELD_SETS)],
            "public_issues": "Stunting, harga pupuk, dan informasi bantuan sosial desa.",
            "frequency_count": 1 + n % 3,
            "frequency_unit": FrequencyUnit.WEEK,
            "content_types": [ContentType.TEXT, ContentType.PHOTO, ContentType.VIDEO],
        }

    def officers(self, chair: str) -> list[dict]:
        n = self.number
        return [
            {"name": chair, "position": "Ketua", "phone": f"0813{4400000 + n:07d}"},
            {
                "name": SECRETARIES[n % len(SECRETARIES)],
                "position": "Sekretaris",
                "phone": "",
            },
            {
                "name": TREASURERS[n % len(TREASURERS)],
                "position": "Bendahara",
                "phone": "",
            },
        ]

    def channels(self, name: str) -> list[dict]:
        handle = _slug(name)[:28]
        n = self.number
        channels = [
            {
                "platform": "instagram",
                "address": f"@{handle}",
                "followers": 300 + n * 41,
            },
            {
                "platform": "facebook",
                "address": f"https://www.facebook.com/{handle}",
                "followers": 500 + n * 67,
            },
        ]
        if n % 2 == 0:
            channels.append(
                {
                    "platform": "youtube",
                    "address": f"https://www.youtube.com/@{handle}",
                    "followers": 80 + n * 13,
                }
            )
        return channels

    def create(
        self, officer: User, village: Region, *, from_old_list: bool = False
    ) -> Kim:
        data = self.profile(village)
        return services.kim_create(
            created_by=officer,
            village_code=village.code,
            data=data,
            coverage_codes=[village.code],
            officers=self.officers(data["chair_name"]),
            channels=self.channels(data["name"]),
            from_old_list=from_old_list,
        )

    def documents(self, officer: User, kim: Kim, village: Region) -> None:
        number = f"141/{self.number:02d}/{village.code}/{self.today.year - 1}"
        issued = datetime.date(self.today.year - 1, 1 + self.number % 12, 5)
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.VILLAGE_HEAD_SK,
            uploaded_file=_pdf_upload(
                "sk-kepala-desa.pdf",
                f"KEPUTUSAN KEPALA DESA {village.name.upper()}",
                f"Nomor {number}",
                f"tentang Pembentukan {kim.name}",
            ),
            number=number,
            issued_on=issued,
            expires_on=issued.replace(year=issued.year + 3),
        )
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.OFFICERS_LIST,
            uploaded_file=_pdf_upload(
                "susunan-pengurus.pdf",
                f"SUSUNAN PENGURUS {kim.name.upper()}",
                *(
                    f"{o['position']}: {o['name']}"
                    for o in self.officers(kim.chair_name)
                ),
                f"Mengetahui, Kepala Desa {village.name}",
            ),
        )
        services.kim_document_add(
            kim=kim,
            uploaded_by=officer,
            kind=DocumentKind.DECLARATION,
            uploaded_file=_pdf_upload(
                "surat-pernyataan.pdf",
                "SURAT PERNYATAAN",
                f"Pengurus {kim.name} bukan ASN, tidak terlibat kasus pidana,",
                "tidak berafiliasi dengan partai politik maupun LSM.",
            ),
        )

    def verify(self, officer: User, kim: Kim) -> Kim:
        services.kim_submit(kim=kim, submitted_by=officer)
        items = {r: (True, "") for r in Requirement.values}
        items[Requirement.SK_VALID] = (True, "SK asli telah diperiksa.")
        return services.kim_verify(
            kim=kim, verified_by=officer, items=items, note="Berkas lengkap dan sesuai."
        )

    def partner(self, officer: User, kim: Kim, *, starts_on=None, ends_on=None):
        starts_on = starts_on or self.today - datetime.timedelta(
            days=90 + self.number * 3
        )
        ends_on = ends_on or starts_on.replace(year=starts_on.year + 2)
        return services.partnership_start(
            kim=kim,
            started_by=officer,
            starts_on=starts_on,
            ends_on=ends_on,
            qualifications=list(Qualification.values),
            note="Aktif menyebarkan informasi di grup WhatsApp warga dan media sosial.",
        )

    def seed_one(self, officer: User, village: Region, state: str) -> None:
        kim = self.create(officer, village, from_old_list=state == "old_list")
        if state == "draft":
            if self.number % 2:
                services.kim_document_add(
                    kim=kim,
                    uploaded_by=officer,
                    kind=DocumentKind.DECLARATION,
                    uploaded_file=_pdf_upload(
                        "surat-pernyataan.pdf", "SURAT PERNYATAAN"
                    ),
                )
            return
        self.documents(officer, kim, village)
        if state in ("old_list", "submitted"):
            if state == "submitted":
                services.kim_submit(kim=kim, submitted_by=officer)
            return
        if state == "rejected":
            services.kim_submit(kim=kim, submitted_by=officer)
            items = {r: (True, "") for r in Requirement.values}
            items[Requirement.OFFICERS_ACKNOWLEDGED] = (
                False,
                "Susunan pengurus belum ditandatangani Kepala Desa.",
            )
            items[Requirement.NO_NGO] = (
                False,
                "Ketua tercatat sebagai pengurus LSM setempat.",
            )
            services.kim_reject(
                kim=kim,
                verified_by=officer,
                items=items,
                note="Silakan lengkapi dan ajukan kembali.",
            )
            return
        kim = self.verify(officer, kim)
        if state in ("dissolved", "moved"):
            services.kim_deactivate(kim=kim, deactivated_by=officer, reason=state)
        elif state == "ended":
            starts_on = self.today - datetime.timedelta(days=760)
            self.partner(
                officer,
                kim,
                starts_on=starts_on,
                ends_on=self.today - datetime.timedelta(days=30),
            )
            services.partnerships_end_expired(today=self.today)
        elif state == "under_review":
            self.partner(officer, kim)
            province = self.users["prov-jatim"]
            case = services.review_open(
                kim=kim,
                opened_by=province,
                grounds=[ReviewGround.PARTY_OR_NGO],
                notes="Akun Instagram KIM mengunggah materi kampanye salah satu partai.",
                evidence=[
                    (
                        _pdf_upload(
                            "laporan-warga.pdf",
                            "Laporan warga",
                            "Tangkapan layar unggahan",
                        ),
                        "Laporan warga beserta tangkapan layar",
                    )
                ],
            )
            services.review_comment_add(
                case=case,
                author=province,
                body="Mohon Dinas kabupaten meminta klarifikasi tertulis dari ketua KIM.",
            )
        elif state == "terminated":
            self.partner(officer, kim)
            case = services.review_open(
                kim=kim,
                opened_by=officer,
                grounds=[ReviewGround.REPUTATION],
                notes="Menyebarkan informasi bohong tentang bantuan sosial.",
            )
            services.review_terminate(
                case=case,
                decided_by=officer,
                decision_date=self.today - datetime.timedelta(days=7),
                decision_number=f"480/{self.number:02d}/35.07.301/{self.today.year}",
                decision_letter=_pdf_upload(
                    "keputusan-pemutusan.pdf",
                    "KEPUTUSAN KEPALA DINAS KOMINFO",
                    f"tentang Pemutusan Kemitraan dengan {kim.name}",
                ),
                note="Terbukti setelah klarifikasi dan pemeriksaan bukti.",
            )
        elif state in ("partner", "kim_demo"):
            self.partner(officer, kim)
        if state == "kim_demo":
            self.kim_demo = kim


def _summary(kim_demo: Kim | None) -> str:
    prefixes = [prefix for prefix, _states in PLAN.values()]
    demo = Kim.objects.none()
    for prefix in prefixes:
        demo = demo | Kim.objects.filter(village__code__startswith=f"{prefix}.")
    counts = {status: demo.filter(status=status).count() for status in KimStatus.values}
    partners = Partnership.objects.filter(
        kim__in=demo, status=PartnershipStatus.ACTIVE
    ).count()
    cases = ReviewCase.objects.filter(kim__in=demo).count()
    return (
        f"KIM demo: {demo.count()} KIM (terverifikasi {counts['verified']}, diajukan "
        f"{counts['submitted']}, ditolak {counts['rejected']}, draf {counts['draft']}, "
        f"tidak aktif {counts['inactive']}); {partners} kemitraan aktif, {cases} kasus "
        f"peninjauan; akun {KIM_DEMO_USERNAME} untuk "
        f"{kim_demo.name if kim_demo else '-'}."
    )


def _kim_demo_user(kim: Kim, password: str) -> None:
    user, created = User.objects.get_or_create(
        username=KIM_DEMO_USERNAME,
        defaults={
            "role": Role.KIM,
            "email": "kim-demo@kim.example",
            "first_name": kim.chair_name,
        },
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    if kim_id_of(user) != kim.pk:
        member_add(user=user, kim=kim, role=MemberRole.CHAIR)


def seed_demo_registry(*, users: dict[str, User], password: str) -> str:
    """Create the demo KIM (once) and the `kim-demo` account; returns a one-line summary."""
    prefix, states = PLAN["kab-malang"]
    first_village = _villages(prefix, len(states))[0]
    existing = (
        Kim.objects.filter(village=first_village, name=_demo_name(first_village, 1))
        .order_by("id")
        .first()
    )
    with (
        transaction.atomic(),
        pghistory.context(source="seed_demo"),
        notifications.suppressed(),
    ):
        if existing is None:
            seeder = _Seeder(users)
            seeder.run()
            kim_demo = seeder.kim_demo
        else:
            kim_demo = existing
        _kim_demo_user(kim_demo, password)
    return _summary(kim_demo)
