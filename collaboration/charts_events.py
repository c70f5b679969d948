"""Rows of the evaluation summary, shared by the event page and the report."""

from django.utils.translation import gettext_lazy as _

ASPECT_LABELS = {
    "content_score": _("Materi"),
    "speaker_score": _("Narasumber"),
    "organisation_score": _("Penyelenggaraan"),
    "usefulness_score": _("Manfaat"),
}


def evaluation_rows(summary: dict) -> list[tuple[str, float | None]]:
    return [
        (str(label), summary["averages"].get(key))
        for key, label in ASPECT_LABELS.items()
    ]
