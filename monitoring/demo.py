"""Demo data of monitoring, made through the services (idempotent): a narasi tunggal of
the ministry, a province and a kab/kota material, about 200 reports over the last six
months in every state (corrections of locked months included), clicks on tracked links,
and evidence links whose checks came back ok, unreachable or blocked."""

import datetime
import random

import pghistory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings

from kimportal.accounts.models import User
from kimportal.core.dates import today_in_jakarta
from registry.choices import KimStatus
from registry.selectors import kim_list

from . import services
from .choices import CheckStatus
from .models import DisseminationReport, EvidenceLink, Material, TrackedLink
from .periods import month_is_locked
from .rules import own_kim_id

MARKER_TITLE = "Narasi Tunggal: Cek Fakta Sebelum Berbagi"
REPORT_COUNT = 200
MONTHS = 6
# Whose officer files and validates for the KIM of a kab/kota.
OFFICERS = {"35.07": "kab-malang", "35.73": "kota-malang", "33.22": "kab-semarang"}

# (pasted link, action, medium, format), with {n} made unique per report.
LINKS = [
    ("https://youtu.be/Dm{n:09d}", "social_post", "social", "video"),
    ("https://www.instagram.com/p/KIM{n:06d}x/", "social_post", "social", "photo"),
    (
        "https://www.facebook.com/kimdemo/posts/77{n:010d}",
        "social_post",
        "social",
        "text",
    ),
    (
        "https://www.tiktok.com/@kimdemo/video/73{n:017d}",
        "social_post",
        "social",
        "video",
    ),
    ("https://x.com/kimdemo/status/18{n:017d}", "social_post", "social", "text"),
    ("https://kim-demo.desa.id/berita/{n}", "web_post", "online", "feature"),
    ("https://chat.whatsapp.com/Demo{n:06d}", "whatsapp_share", "messaging", "text"),
]
BLOCKED_LINKS = ["http://192.168.1.10/berita", "http://localhost:8080/info"]
UNREACHABLE_HOST = "https://situs-lama.example/berita/"

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _material(user, days_ago: int, **data) -> Material:
    today = today_in_jakarta()
    base = {
        "format": "infographic",
        "period_start": today - datetime.timedelta(days=days_ago),
        "period_end": today + datetime.timedelta(days=60),
    }
    files = data.pop("files", ())
    material = services.material_create(
        created_by=user, data={**base, **data}, files=files
    )
    services.material_publish(material=material, published_by=user)
    return material


def _materials(users) -> list[Material]:
    return [
        _material(
            users["kementerian"],
            150,
            title=MARKER_TITLE,
            message=(
                "Sebelum membagikan kabar, cek dulu sumbernya. Kunjungi laman resmi "
                "atau tanyakan ke Dinas Kominfo setempat. #CekFakta"
            ),
            theme="Literasi digital",
            url="https://www.komdigi.go.id/berita/cek-fakta",
        ),
        _material(
            users["prov-jatim"],
            90,
            title="Jatim Cegah Stunting: Isi Piringku",
            message="Gizi seimbang untuk ibu hamil dan balita. Datang ke posyandu!",
            theme="Kesehatan",
            url="https://jatimprov.go.id/stunting",
            target_fields=[],
        ),
        _material(
            users["kab-malang"],
            45,
            title="Festival Kopi Dampit 2026",
            message="Ayo ramaikan Festival Kopi Dampit di alun-alun Kepanjen!",
            theme="Pariwisata",
            format="poster",
            url="https://malangkab.go.id/festival-kopi",
            files=[
                SimpleUploadedFile(
                    "poster-festival-kopi.pdf", PDF, content_type="application/pdf"
                )
            ],
        ),
    ]


def _filer(kim, users, kim_demo):
    if kim_demo is not None and own_kim_id(kim_demo) == kim.pk:
        return kim_demo
    return users[OFFICERS[kim.village_id[:5]]]


def _reports(users, kims, materials, kim_demo, rng) -> list[DisseminationReport]:
    today = today_in_jakarta()
    made = []
    delivered = {
        m.pk: set(m.deliveries.values_list("kim_id", flat=True)) for m in materials
    }
    for n in range(REPORT_COUNT):
        kim = kims[n % len(kims)]
        day = today - datetime.timedelta(days=rng.randint(0, MONTHS * 30))
        link, action, medium, fmt = LINKS[n % len(LINKS)]
        urls = [link.format(n=n)]
        if n % 37 == 5:
            urls.append(BLOCKED_LINKS[n % 2])
        elif n % 23 == 3:
            urls.append(f"{UNREACHABLE_HOST}{n}")
        options = [m for m in materials if kim.pk in delivered[m.pk]]
        material = rng.choice(options) if options and rng.random() < 0.7 else None
        roll = rng.random()
        report = services.report_create(
            kim=kim,
            created_by=_filer(kim, users, kim_demo),
            data={
                "action_kind": action,
                "format": fmt,
                "medium": medium,
                "activity_count": rng.randint(1, 4),
                "activity_date": day,
                "material": material.pk if material else None,
                "activity": "Diseminasi bahan informasi kepada warga",
            },
            evidence_urls=urls,
            submit=roll >= 0.08,
        )
        officer = users[OFFICERS[kim.village_id[:5]]]
        if 0.08 <= roll < 0.20:
            pass  # waits in the queue
        elif 0.20 <= roll < 0.30:
            services.report_return(
                report=report,
                returned_by=officer,
                reason="Tautan bukti tidak menunjukkan bahan yang disebarkan.",
            )
        elif roll >= 0.30:
            services.report_validate(report=report, validated_by=officer)
        made.append(report)
    return made


def _corrections(users, kim_demo) -> int:
    """A few validated reports of locked months corrected by a new version."""
    done = 0
    reports = DisseminationReport.objects.filter(
        state="validated", superseded_at=None, supersedes=None
    ).order_by("activity_date")[:40]
    for report in reports:
        if done == 3 or not month_is_locked(report.month):
            continue
        officer = users[OFFICERS[report.village_id[:5]]]
        correction = services.report_correct(
            report=report,
            corrected_by=officer,
            data={"activity_count": report.activity_count + 1},
            submit=True,
        )
        if done < 2:
            services.report_validate(report=correction, validated_by=officer)
        done += 1
    return done


def _check_results(rng) -> None:
    for link in EvidenceLink.objects.filter(check_status=CheckStatus.PENDING):
        if link.url.startswith(("http://192.168.", "http://localhost")):
            status = CheckStatus.BLOCKED
        elif link.url.startswith(UNREACHABLE_HOST):
            status = CheckStatus.UNREACHABLE
        else:
            status = CheckStatus.OK if rng.random() < 0.9 else CheckStatus.PENDING
        if status != CheckStatus.PENDING:
            services.evidence_check_record(link_id=link.pk, status=status)


def _clicks(rng) -> int:
    today = today_in_jakarta()
    total = 0
    links = TrackedLink.objects.select_related("delivery__material").order_by("pk")
    for link in links:
        material = link.delivery.material
        start = max(material.period_start, today - datetime.timedelta(days=MONTHS * 30))
        for _ in range(rng.randint(0, 4)):
            day = start + datetime.timedelta(days=rng.randint(0, (today - start).days))
            count = rng.randint(1, 25)
            services.link_click_count(
                link_id=link.pk,
                material_id=material.pk,
                kim_id=link.delivery.kim_id,
                medium=link.medium,
                day=day,
                count=count,
            )
            total += count
    return total


def seed_demo_monitoring(*, users: dict, password: str) -> str:
    """Seed monitoring's demo data once; returns a one-line summary."""
    if Material.objects.filter(title=MARKER_TITLE).exists():
        return _summary()
    rng = random.Random(9)
    kim_demo = users.get("kim-demo") or User.objects.filter(username="kim-demo").first()
    with transaction.atomic(), pghistory.context(source="seed_demo"):
        with services.evidence_checks_suppressed():
            materials = _materials(users)
            kims = list(
                kim_list(user=users["kementerian"])
                .filter(
                    status=KimStatus.VERIFIED,
                    village__code__regex=r"^(35\.07|35\.73|33\.22)",
                )
                .order_by("id")
            )
            if not kims:
                return "monitoring: belum ada KIM terverifikasi untuk data demo."
            # The demo reports are filed as if in time: no month is locked while they
            # are made. Corrections of locked months follow under the real setting.
            with override_settings(MONITORING_LOCK_DAYS=400):
                _reports(users, kims, materials, kim_demo, rng)
            _corrections(users, kim_demo)
        _check_results(rng)
        _clicks(rng)
    return _summary()


def _summary() -> str:
    from django.db.models import Count, Sum

    states = dict(
        DisseminationReport.objects.values_list("state").annotate(n=Count("id"))
    )
    checks = dict(
        EvidenceLink.objects.values_list("check_status").annotate(n=Count("id"))
    )
    clicks = TrackedLink.objects.aggregate(n=Sum("daily_clicks__count"))["n"] or 0
    return (
        f"Monitoring demo: {Material.objects.count()} bahan, "
        f"{sum(states.values())} laporan ({', '.join(f'{k} {v}' for k, v in sorted(states.items()))}), "
        f"tautan bukti ({', '.join(f'{k} {v}' for k, v in sorted(checks.items()))}), "
        f"{clicks} klik tautan terlacak."
    )
