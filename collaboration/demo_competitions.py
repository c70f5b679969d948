"""Demo competitions for `seed_demo`, through the services:

- a finished video (ILM) competition of Kabupaten Malang: three jurors, one recusal,
  a tie settled by the rule (higher score on the heaviest criterion), results
  published;
- a photo competition in judging, judged blind, where the juror accounts `juri-1`,
  `juri-2` and `juri-3` (the demo password) each have entries assigned and `juri-1`
  has declared a conflict on one entry;
- an open poster competition taking entries (kim-demo's KIM has not entered yet).

Running it again changes nothing."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from kimportal.accounts.models import Role
from kimportal.core.contributions import kim_id_of
from kimportal.core.dates import today_in_jakarta
from registry.selectors import kim_list

from .choices_competitions import ConflictKind, TieBreak
from .models import Assignment, Competition, Criterion
from .services.competitions import (
    competition_create,
    competition_publish,
    competition_start_judging,
    entries_assign,
    juror_seat,
)
from .services.entries import (
    entry_check,
    entry_register_for_kim,
    entry_submit,
)
from .services.judging import (
    conflict_declare,
    results_compute,
    results_publish,
    scores_save,
)

VIDEO_TITLE = "Lomba Video ILM KIM Kabupaten Malang 2026"
PHOTO_TITLE = "Lomba Foto Potensi Desa KIM Kabupaten Malang"
POSTER_TITLE = "Lomba Poster dan Infografis Hidup Sehat"
JUROR_NAMES = {
    "juri-1": ("Rina", "Kusumawati"),
    "juri-2": ("Agus", "Setiawan"),
    "juri-3": ("Dewi", "Lestari"),
}


def _jurors(password: str) -> list:
    """The external juror accounts (role juror: the scoping rule gives them nothing;
    they read only their assignments)."""
    User = get_user_model()
    jurors = []
    for username, (first, last) in JUROR_NAMES.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": Role.JUROR,
                "first_name": first,
                "last_name": last,
                "email": f"{username}@juri.example",
            },
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        jurors.append(user)
    return jurors


def _plan(title, kind, category, criteria, opens, closes, announce, **settings):
    data = {
        "title": title,
        "theme": "Desa sehat, desa berdaya",
        "mechanism": "Karya diunggah ke media sosial KIM; tautannya dikirim lewat portal.",
        "rules_text": (
            "Karya asli KIM, belum pernah dilombakan. Tidak mengandung SARA. "
            "Juri memutuskan; keputusan juri tidak dapat diganggu gugat."
        ),
        "budget_line": "5.1.02.02 Belanja hadiah lomba",
        "budget_amount": 12500000,
        "registration_opens_on": opens,
        "registration_closes_on": closes,
        "announce_on": announce,
        "timeline": [
            {"date": str(opens), "activity": "Pendaftaran dibuka"},
            {"date": str(closes), "activity": "Pendaftaran ditutup, penjurian"},
            {"date": str(announce), "activity": "Pengumuman pemenang"},
        ],
        **settings,
    }
    categories = [{"kind": kind, "name": category, "criteria": criteria}]
    return data, categories


def _criteria_ids(entry) -> dict[str, int]:
    return {c.name: c.pk for c in Criterion.objects.filter(category=entry.category)}


def _sheet(entry, values: dict[str, float], comment="") -> list[dict]:
    ids = _criteria_ids(entry)
    return [
        {"criterion": ids[name], "value": value, "comment": comment}
        for name, value in values.items()
    ]


def _register(officer, competition, kim, title, today, kim_user=None, **extra):
    data = {
        "category": competition.categories.get().pk,
        "title": title,
        # No KIM name in the work's own text: the photo competition is judged blind.
        "description": f"{title}: karya untuk {competition.title}.",
        "link": f"https://kim.example/karya/{kim.pk}-{competition.pk}",
        "team": [{"name": kim.chair_name or "Ketua KIM", "role": "Ketua tim"}],
        "consent_property": True,
        **extra,
    }
    if kim_user is not None:
        return entry_submit(
            actor=kim_user, competition=competition, data=data, today=today
        )
    return entry_register_for_kim(
        actor=officer, competition=competition, kim=kim, data=data, today=today
    )


def _judging(officer, competition, entries, jurors):
    for entry in entries:
        entry_check(actor=officer, entry=entry, eligible=True)
    competition_start_judging(actor=officer, competition=competition)
    seats = [juror_seat(actor=officer, competition=competition, user=u) for u in jurors]
    for seat in seats:
        entries_assign(actor=officer, juror=seat, entries=entries)
    return seats


def _assignment(seat, entry):
    return Assignment.objects.get(juror=seat, entry=entry)


def _video(officer, kims, kim_user, jurors) -> Competition:
    today = today_in_jakarta()
    opens = today - datetime.timedelta(days=90)
    data, categories = _plan(
        VIDEO_TITLE,
        "video",
        "Video Iklan Layanan Masyarakat",
        [
            {"name": "Kesesuaian pesan", "weight": 3, "required": True},
            {"name": "Kreativitas", "weight": 2, "required": True},
            {"name": "Teknik produksi", "weight": 1, "required": True},
        ],
        opens,
        opens + datetime.timedelta(days=30),
        opens + datetime.timedelta(days=50),
        tie_break=TieBreak.FIRST_CRITERION,
        works_become_property=True,
        scores_visible_after_submit=True,
    )
    competition = competition_create(actor=officer, data=data, categories=categories)
    competition_publish(actor=officer, competition=competition)
    day = opens + datetime.timedelta(days=3)
    entries = [
        _register(officer, competition, kims[0], "Cuci Tangan, Lindungi Keluarga", day, kim_user),
        _register(officer, competition, kims[1], "Posyandu Ceria", day),
        _register(officer, competition, kims[2], "Stop Buang Sampah di Sungai", day),
        _register(officer, competition, kims[3], "Gizi Seimbang untuk Balita", day),
    ]  # fmt: skip
    seats = _judging(officer, competition, entries, jurors)
    first, second, third, fourth = entries
    # A and B both reach 83.33; A has the higher mean on "Kesesuaian pesan" (85 vs
    # 80), which the rule chosen at setup ranks first. Juri-3 recused on A.
    sheets = {
        first: [
            {"Kesesuaian pesan": 90, "Kreativitas": 80, "Teknik produksi": 70},
            {"Kesesuaian pesan": 80, "Kreativitas": 90, "Teknik produksi": 80},
            None,
        ],
        second: [{"Kesesuaian pesan": 80, "Kreativitas": 90, "Teknik produksi": 80}]
        * 3,
        third: [{"Kesesuaian pesan": 70, "Kreativitas": 70, "Teknik produksi": 70}] * 3,
        fourth: [{"Kesesuaian pesan": 60, "Kreativitas": 60, "Teknik produksi": 60}]
        * 3,
    }
    for entry, per_juror in sheets.items():
        for seat, user, values in zip(seats, jurors, per_juror, strict=True):
            assignment = _assignment(seat, entry)
            if values is None:
                conflict_declare(
                    actor=user,
                    assignment=assignment,
                    kind=ConflictKind.RECUSAL,
                    reason="Pernah membimbing tim KIM ini dalam pelatihan video.",
                )
                continue
            scores_save(
                actor=user,
                assignment=assignment,
                scores=_sheet(entry, values, "Pesan jelas dan sesuai tema."),
                submit=True,
            )
    results_compute(actor=officer, competition=competition)
    results_publish(actor=officer, competition=competition)
    return competition


def _photo(officer, kims, jurors) -> Competition:
    today = today_in_jakarta()
    opens = today - datetime.timedelta(days=30)
    data, categories = _plan(
        PHOTO_TITLE,
        "photo",
        "Fotografi potensi desa",
        [
            {"name": "Cerita", "weight": 2, "required": True, "comment_required": True},
            {"name": "Komposisi", "weight": 1, "required": True},
            {"name": "Keaslian", "weight": 1, "required": False},
        ],
        opens,
        opens + datetime.timedelta(days=20),
        today + datetime.timedelta(days=14),
        tie_break=TieBreak.MEDIAN,
        blind_judging=True,
        scores_visible_after_submit=True,
    )
    competition = competition_create(actor=officer, data=data, categories=categories)
    competition_publish(actor=officer, competition=competition)
    day = opens + datetime.timedelta(days=2)
    titles = [
        "Panen Kopi di Lereng Arjuno",
        "Pasar Desa Pagi Hari",
        "Perajin Gerabah",
        "Sunrise di Pantai Selatan",
        "Gotong Royong Membangun Jembatan",
    ]
    entries = [
        _register(officer, competition, kim, title, day)
        for kim, title in zip(kims[4:9], titles, strict=False)
    ]
    seats = _judging(officer, competition, entries, jurors)
    # juri-1 knows the first KIM (same kecamatan) and declares it; juri-2 has scored
    # everything; juri-3 is half way.
    conflict_declare(
        actor=jurors[0],
        assignment=_assignment(seats[0], entries[0]),
        kind=ConflictKind.SAME_AREA,
        reason="Tinggal di kecamatan yang sama dengan KIM ini.",
    )
    for number, entry in enumerate(entries):
        value = 70 + 5 * number
        scores_save(
            actor=jurors[1],
            assignment=_assignment(seats[1], entry),
            scores=_sheet(
                entry,
                {"Cerita": value, "Komposisi": value - 5},
                "Cerita kuat, cahaya baik.",
            ),
            submit=True,
        )
    for entry in entries[:2]:
        scores_save(
            actor=jurors[2],
            assignment=_assignment(seats[2], entry),
            scores=_sheet(entry, {"Cerita": 75, "Komposisi": 80}),
        )
    return competition


def _poster(officer, kims) -> Competition:
    today = today_in_jakarta()
    data, categories = _plan(
        POSTER_TITLE,
        "poster",
        "Poster/Infografis",
        [
            {"name": "Kejelasan informasi", "weight": 2, "required": True},
            {"name": "Desain", "weight": 1, "required": True},
        ],
        today - datetime.timedelta(days=5),
        today + datetime.timedelta(days=25),
        today + datetime.timedelta(days=40),
        tie_break=TieBreak.EARLIER,
    )
    competition = competition_create(actor=officer, data=data, categories=categories)
    competition_publish(actor=officer, competition=competition)
    if len(kims) > 9:
        _register(officer, competition, kims[9], "Isi Piringku", today)
    return competition


@transaction.atomic
def seed_demo_competitions(*, users: dict, password: str = "") -> str:
    if Competition.objects.filter(title=VIDEO_TITLE).exists():
        return "Lomba: data demo sudah ada."
    officer = users.get("kab-malang")
    if officer is None:
        return "Lomba: tanpa akun kab-malang, tidak ada data demo."
    jurors = _jurors(password)
    kim_user = (
        users.get("kim-demo")
        or get_user_model().objects.filter(username="kim-demo").first()
    )
    kims = list(
        kim_list(user=officer, filters={"status": "verified"}).order_by("pk")[:10]
    )
    own = kim_id_of(kim_user) if kim_user is not None else None
    if own is not None and own not in {k.pk for k in kims}:
        kims = [*kim_list(user=officer).filter(pk=own), *kims]
    # kim-demo's KIM first: it enters the video competition itself (the KIM side).
    kims.sort(key=lambda k: k.pk != own)
    if len(kims) < 4:
        return "Lomba: KIM demo terverifikasi kurang dari empat."
    entrant = kim_user if own is not None and kims[0].pk == own else None
    video = _video(officer, kims, entrant, jurors)
    photo = _photo(officer, kims, jurors)
    poster = _poster(officer, kims)
    return (
        f"Lomba: {video.title} (diumumkan), {photo.title} (penjurian; juri-1, juri-2, "
        f"juri-3), {poster.title} (pendaftaran dibuka)."
    )
