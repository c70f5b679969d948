"""Demo awards and nominations for `seed_demo`, through the services: an award period of
Kabupaten Malang over the last six months with its ranking computed from the demo's
validated reports and metrics, one jury adjustment, awards published with their
certificates; and a Jawa Timur province competition to which Kabupaten Malang
nominated two KIM (one selected by the province, with preparation and accompaniment
notes; one waiting for the province). Running it again changes nothing."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from kimportal.core.contributions import kim_id_of
from kimportal.core.dates import today_in_jakarta
from registry.choices import KimStatus
from registry.selectors import kim_list

from .models import AwardPeriod, Competition
from .selectors_awards import award_ranking
from .services import awards, nominations
from .services.competitions import competition_create, competition_publish

AWARD_TITLE = "Apresiasi KIM Kabupaten Malang — Semester Terakhir"
COMPETITION_TITLE = "Lomba Video KIM Provinsi Jawa Timur"
AWARDS = (
    ("plakat", "KIM Terbaik I"),
    ("jejaring", "KIM Terbaik II"),
    ("pelatihan", "KIM Terbaik III"),
)


def _award_period(officer) -> str:
    today = today_in_jakarta()
    period = awards.award_period_create(
        actor=officer,
        data={
            "title": AWARD_TITLE,
            "starts_on": (today.replace(day=1) - datetime.timedelta(days=150)),
            "ends_on": today,
            "jury": "Kepala Bidang IKP; Kepala Seksi Kemitraan; Tokoh pers lokal",
        },
    )
    try:
        awards.award_ranking_compute(actor=officer, period=period)
    except ValidationError:  # no validated report in this database yet
        return "Apresiasi: periode dibuat, belum ada laporan tervalidasi."
    entries = list(award_ranking(period=period)[:4])
    if len(entries) >= 4:
        awards.award_entry_adjust(
            actor=officer,
            entry=entries[3],
            score=min(100, float(entries[0].final_score) + 1),
            reason=(
                "Tim penilai: diseminasi tatap muka di tiga dusun terverifikasi "
                "lapangan, tidak tercatat pada metrik media sosial."
            ),
        )
    for (kind, title), entry in zip(
        AWARDS, award_ranking(period=period)[:3], strict=False
    ):
        awards.award_grant(
            actor=officer, entry=entry, data={"kind": kind, "title": title}
        )
    issued = awards.award_period_publish(actor=officer, period=period)
    return f"Apresiasi: {period.entries.count()} KIM dinilai, {issued} piagam."


def _nominations(officer, province_officer, kim_user) -> str:
    today = today_in_jakarta()
    # The province's own competition, made through the competition services as its
    # officer would.
    competition = competition_create(
        actor=province_officer,
        data={
            "title": COMPETITION_TITLE,
            "theme": "Informasi publik yang menyejukkan",
            "mechanism": "Kab/kota mengusulkan KIM terbaiknya; provinsi memilih.",
            "registration_opens_on": today - datetime.timedelta(days=10),
            "registration_closes_on": today + datetime.timedelta(days=20),
            "announce_on": today + datetime.timedelta(days=45),
        },
        categories=[
            {
                "kind": "video",
                "name": "Video ILM",
                "criteria": [
                    {"name": "Pesan", "weight": 60},
                    {"name": "Teknik", "weight": 40},
                ],
            }
        ],
    )
    competition_publish(actor=province_officer, competition=competition)
    kims = list(
        kim_list(user=officer)
        .filter(status=KimStatus.VERIFIED, village__code__startswith="35.07")
        .order_by("name", "id")[:2]
    )
    own = kim_id_of(kim_user) if kim_user else None
    if own and own not in [k.pk for k in kims]:
        kims = [k for k in kim_list(user=officer).filter(pk=own)] + kims[:1]
    if not kims:
        return "Usulan lomba: tidak ada KIM terverifikasi."
    first = nominations.nomination_create(
        actor=officer,
        competition=competition,
        kim=kims[0],
        data={
            "work_title": "ILM: Cek Fakta Sebelum Berbagi",
            "work_link": "https://youtu.be/demoILM0001",
            "reason": "Video KIM paling banyak dibagikan warga pada semester ini.",
        },
    )
    nominations.nomination_note_add(
        actor=officer,
        nomination=first,
        data={
            "kind": "preparation",
            "day": today - datetime.timedelta(days=6),
            "text": "Berkas pendaftaran dan surat pernyataan karya disiapkan.",
        },
    )
    nominations.nomination_select(
        actor=province_officer, nomination=first, note="Memenuhi syarat lomba."
    )
    nominations.nomination_note_add(
        actor=officer,
        nomination=first,
        data={
            "kind": "accompaniment",
            "day": today - datetime.timedelta(days=2),
            "text": "Pendampingan penyuntingan video bersama tim Diskominfo.",
        },
    )
    for kim in kims[1:]:
        nominations.nomination_create(
            actor=officer,
            competition=competition,
            kim=kim,
            data={"reason": "Konsisten melapor diseminasi setiap bulan."},
        )
    return f"Usulan lomba: {len(kims)} KIM diusulkan ke {competition.title}."


@transaction.atomic
def seed_demo_awards(*, users: dict, password: str = "") -> str:
    if AwardPeriod.objects.filter(title=AWARD_TITLE).exists():
        return "Apresiasi: data demo sudah ada."
    officer = users.get("kab-malang")
    province_officer = users.get("prov-jatim")
    if officer is None or province_officer is None:
        return "Apresiasi: tanpa akun kab-malang/prov-jatim, tidak ada data demo."
    kim_user = (
        users.get("kim-demo")
        or get_user_model().objects.filter(username="kim-demo").first()
    )
    done = [_award_period(officer)]
    if not Competition.objects.filter(title=COMPETITION_TITLE).exists():
        done.append(_nominations(officer, province_officer, kim_user))
    return " ".join(done)
