"""The competition report (participants, works, scores) as rows for XLSX/CSV and as a
PDF rendered by WeasyPrint (as the event report), and the juror's own score sheet,
which never carries the KIM under blind judging."""

from __future__ import annotations

from django.template.loader import render_to_string

from kimportal.core.dates import today_in_jakarta

from .models import Competition
from .selectors_competitions import (
    competition_categories,
    juror_list,
    report_rows,
)
from .selectors_judging import juror_assignments, juror_entry_view

REPORT_HEADER = [
    "No.",
    "Kategori",
    "KIM",
    "Judul karya",
    "Tautan",
    "Tim",
    "Persetujuan milik pemda",
    "Status",
    "Babak",
    "Nilai akhir",
    "Peringkat",
    "Juri dihitung",
    "Penentuan nilai sama",
    "Status hasil",
]


def _team(entry) -> str:
    return ", ".join(
        f"{m['name']} ({m['role']})" if m.get("role") else m["name"]
        for m in entry.team or []
    )


def report_table(competition: Competition) -> list[list]:
    """Header row first, then one row per entry."""
    rows = [REPORT_HEADER]
    for number, row in enumerate(report_rows(competition=competition), start=1):
        entry, result = row["entry"], row["result"]
        rows.append(
            [
                number,
                entry.category.name,
                entry.kim.name,
                entry.title,
                entry.link,
                _team(entry),
                "Ya" if entry.consent_property else "Tidak",
                entry.get_status_display(),
                entry.get_round_display(),
                None if result is None or result.score is None else float(result.score),
                None if result is None else result.final_rank,
                None if result is None else result.jurors_counted,
                "" if result is None else result.tie_note,
                "" if result is None else result.get_status_display(),
            ]
        )
    return rows


def competition_report_pdf(competition: Competition) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "collaboration/competitions/report_pdf.html",
        {
            "competition": competition,
            "categories": list(competition_categories(competition=competition)),
            "rows": report_rows(competition=competition),
            "jurors": list(juror_list(competition=competition)),
            "date": today_in_jakarta(),
        },
    )
    return HTML(string=html).write_pdf()


JUROR_SHEET_HEADER = [
    "Lomba",
    "Kategori",
    "KIM",
    "Judul karya",
    "Kriteria",
    "Nilai",
    "Komentar",
    "Dikirim",
]


def juror_sheet_table(*, user) -> list[list]:
    """The juror's own scores (its export): the KIM column reads "—" under blind
    judging, built from `juror_entry_view` like every juror page."""
    rows = [JUROR_SHEET_HEADER]
    for assignment in juror_assignments(user=user).prefetch_related(
        "scores__criterion"
    ):
        view = juror_entry_view(assignment)
        kim = view["kim_name"] or "—"
        sent = "Ya" if view["submitted_at"] else "Belum"
        scores = sorted(
            assignment.scores.all(),
            key=lambda s: (s.criterion.position, s.criterion_id),
        )
        if not scores:
            rows.append(
                [
                    view["competition"],
                    view["category"],
                    kim,
                    view["title"],
                    "",
                    None,
                    "",
                    sent,
                ]
            )
        for score in scores:
            rows.append(
                [
                    view["competition"],
                    view["category"],
                    kim,
                    view["title"],
                    score.criterion.name,
                    float(score.value),
                    score.comment,
                    sent,
                ]
            )
    return rows
