"""The short interest questionnaire a KIM answers per period (Likert 1–5), and its score
on the 0–100 scale the computation ranks."""

from django.utils.translation import gettext_lazy as _

QUESTIONS = (
    ("share", _("Seberapa sering KIM menyebarkan bahan informasi dari Dinas?")),
    ("issues", _("Seberapa penting isu-isu yang diangkat Dinas bagi warga Anda?")),
    ("join", _("Seberapa besar minat KIM ikut kegiatan Dinas pada periode ini?")),
    ("feedback", _("Seberapa sering KIM menyampaikan masukan warga kepada Dinas?")),
)
SCALE = (
    (1, _("1 — sangat rendah")),
    (2, _("2 — rendah")),
    (3, _("3 — sedang")),
    (4, _("4 — tinggi")),
    (5, _("5 — sangat tinggi")),
)


def questionnaire_score(answers: dict[str, int]) -> float:
    """The mean answer mapped from 1–5 onto 0–100 (1 → 0, 3 → 50, 5 → 100)."""
    values = [int(answers[key]) for key, _label in QUESTIONS]
    return round((sum(values) / len(values) - 1) * 25, 2)
