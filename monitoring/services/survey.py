"""The outcome survey (Tabel 5.1, outcome): anonymous answers to a material's three
questions, reached through a KIM's tracked link.

Public by design, like a click on a tracked link: there is no account, and the tracked
code is the only thing that names the material, KIM and medium. Nothing about the person
is stored (no user, address, browser or time of day); flooding is held off in the view
by the core's per-client throttle.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kimportal.core.dates import today_in_jakarta

from ..choices import MaterialState
from ..models import TrackedLink
from ..models_effectiveness import SurveyAnswer, SurveyAttitude, SurveyResponse
from .rollups import rollups_refresh_slices

QUESTIONS = {
    "understood": SurveyAnswer,
    "attitude": SurveyAttitude,
    "intent": SurveyAnswer,
}


@transaction.atomic
def survey_response_record(*, code: str, answers: dict) -> SurveyResponse:
    """Store one answer for the tracked link `code` and count it in the rollups.
    Refuses an unknown link, a material that is no longer published, or an answer
    outside its choices."""
    link = (
        TrackedLink.objects.select_related("delivery__material", "delivery__kim")
        .filter(code=code)
        .first()
    )
    if link is None or link.delivery.material.state != MaterialState.PUBLISHED:
        raise ValidationError(
            _("Survei untuk bahan ini tidak tersedia atau sudah ditutup.")
        )
    values = {}
    for field, choices in QUESTIONS.items():
        raw = answers.get(field)
        try:
            value = int(raw) if raw is not None else None
        except (TypeError, ValueError):
            value = None
        if value not in choices.values:
            raise ValidationError({field: _("Pilih salah satu jawaban.")})
        values[field] = value
    today = today_in_jakarta()
    kim = link.delivery.kim
    response = SurveyResponse.objects.create(
        link=link,
        material_id=link.delivery.material_id,
        kim_id=kim.pk,
        village_code=kim.village_id,
        medium=link.medium,
        answered_on=today,
        month=today.replace(day=1),
        **values,
    )
    rollups_refresh_slices(slices=[(kim.pk, response.month, kim.village_id)])
    return response
