"""Demo events for `seed_demo`: a past Bimtek of Kabupaten Malang with speakers,
attendance over two days, an evaluation, a publication and certificates, and an
upcoming workshop with invitations waiting for answers — all through the services.
Running it again changes nothing."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from kimportal.core.contributions import kim_id_of
from kimportal.core.dates import JAKARTA, today_in_jakarta

from .choices_events import CheckInMethod
from .models import Event
from .services.attendance import attendance_record
from .services.certificates import certificates_issue
from .services.evaluations import evaluation_submit, publication_add
from .services.events import event_create, event_finish, speaker_add, speaker_confirm
from .services.invitations import invitation_add_person, invitations_send
from .targeting import target_kims

PAST_TITLE = "Bimtek Jurnalistik Warga bagi KIM Kabupaten Malang"
UPCOMING_TITLE = "Lokakarya Konten Video Pendek untuk KIM"
INVITED = 8


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=JAKARTA
    ).astimezone(datetime.UTC)


def _kims(officer, kim_demo_id: int | None) -> list[int]:
    """KIM to invite: pembinaan first (the targeting order), kim-demo's KIM always."""
    ids = list(
        target_kims(actor=officer, region_codes=["35.07"]).values_list("pk", flat=True)[
            :INVITED
        ]
    )
    if kim_demo_id and kim_demo_id not in ids:
        ids = [kim_demo_id, *ids[: INVITED - 1]]
    return ids


def _past_bimtek(officer, kim_user, kim_ids: list[int]) -> Event:
    start = today_in_jakarta() - datetime.timedelta(days=45)
    event = event_create(
        actor=officer,
        data={
            "kind": "bimtek",
            "title": PAST_TITLE,
            "theme": "Menulis berita desa yang akurat dan menarik",
            "description": "Bimbingan teknis dua hari: menulis, memotret, menyunting.",
            "venue_address": "Aula Dinas Kominfo Kabupaten Malang, Kepanjen",
            "starts_on": start,
            "ends_on": start + datetime.timedelta(days=1),
            "sessions": [
                {
                    "day": str(start),
                    "time": "09.00–12.00",
                    "title": "Menulis berita",
                    "speaker": "Dr. Sari Wulandari",
                },
                {
                    "day": str(start + datetime.timedelta(days=1)),
                    "time": "09.00–12.00",
                    "title": "Foto jurnalistik dengan ponsel",
                    "speaker": "Bagus Pratama",
                },
            ],  # fmt: skip
        },
    )
    for name, competence in (
        ("Dr. Sari Wulandari", "Jurnalistik warga"),
        ("Bagus Pratama", "Fotografi jurnalistik"),
    ):
        speaker = speaker_add(
            actor=officer,
            event=event,
            data={"name": name, "competence": competence, "contact": "0812000000"},
        )
        speaker_confirm(actor=officer, speaker=speaker, attending=True)
    invitations_send(actor=officer, event=event, kim_ids=kim_ids)
    invitation_add_person(
        actor=officer, event=event, name="Rina Panitia", role="panitia"
    )
    invitations = list(event.invitations.order_by("id"))
    for number, invitation in enumerate(invitations):
        for offset, day in enumerate(event.days):
            # Most came both days; a few missed the second.
            if number % 4 == 3 and offset == 1:
                continue
            attendance_record(
                actor=officer,
                event=event,
                code=invitation.code,
                method=CheckInMethod.LIST,
                scanned_at=_at(day, 8, 10 + number),
            )
    event_finish(actor=officer, event=event)
    if kim_user is not None:
        own = event.invitations.filter(kim_id=kim_id_of(kim_user)).first()
        if own is not None:
            evaluation_submit(
                actor=kim_user,
                invitation=own,
                data={
                    "content_score": 5,
                    "speaker_score": 5,
                    "organisation_score": 4,
                    "usefulness_score": 5,
                    "suggestion": "Tambah sesi praktik menyunting video.",
                },
            )
            publication_add(
                actor=kim_user,
                event=event,
                url="https://kim-demo.example.id/bimtek-jurnalistik",
                title="Catatan peserta Bimtek Jurnalistik",
                report_format="feature",
                medium="online",
            )
    publication_add(
        actor=officer,
        event=event,
        url="https://kominfo.malangkab.example.id/berita/bimtek-kim",
        title="Siaran pers Bimtek KIM",
    )
    certificates_issue(actor=officer, event=event)
    return event


def _upcoming_workshop(officer, kim_ids: list[int]) -> Event:
    start = today_in_jakarta() + datetime.timedelta(days=10)
    event = event_create(
        actor=officer,
        data={
            "kind": "workshop",
            "title": UPCOMING_TITLE,
            "theme": "Membuat video pendek untuk diseminasi informasi",
            "venue_address": "Balai Desa Tulungrejo, Donomulyo",
            "venue_link": "https://meet.example.id/lokakarya-kim",
            "starts_on": start,
            "ends_on": start,
        },
    )
    speaker_add(
        actor=officer,
        event=event,
        data={"name": "Andi Kurniawan", "competence": "Produksi video"},
    )
    invitations_send(actor=officer, event=event, kim_ids=kim_ids)
    return event


@transaction.atomic
def seed_demo_events(*, users: dict, password: str = "") -> str:
    if Event.objects.filter(title=PAST_TITLE).exists():
        return "Kegiatan: data demo sudah ada."
    officer = users.get("kab-malang")
    if officer is None:
        return "Kegiatan: tanpa akun kab-malang, tidak ada data demo."
    # The registry's seeder makes `kim-demo` without adding it to `users`.
    kim_user = (
        users.get("kim-demo")
        or get_user_model().objects.filter(username="kim-demo").first()
    )
    kim_ids = _kims(officer, kim_id_of(kim_user) if kim_user else None)
    past = _past_bimtek(officer, kim_user, kim_ids)
    upcoming = _upcoming_workshop(officer, kim_ids)
    return (
        f"Kegiatan: {past.title} ({past.certificates.count()} sertifikat), "
        f"{upcoming.title} ({upcoming.invitations.count()} undangan)."
    )
