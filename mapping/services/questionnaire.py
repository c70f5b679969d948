"""The KIM answers the interest questionnaire for the current period."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.dates import today_in_jakarta
from registry.selectors import kim_own_get

from ..models import InterestAnswer
from ..periods import Period, period_containing
from ..questionnaire import QUESTIONS, questionnaire_score
from .assessments import setting_for


def questionnaire_period(*, kim_regency_code: str) -> Period:
    """The period a KIM answers for: the current one of its kab/kota office's kind."""
    return period_containing(
        today_in_jakarta(), setting_for(kim_regency_code).period_kind
    )


@transaction.atomic
def interest_answer_submit(*, actor, answers: dict) -> InterestAnswer:
    """Save (or replace) the actor's KIM's answers for the current period."""
    guard(actor, "mapping.answer_questionnaire")
    try:
        kim = kim_own_get(user=actor)
    except Http404 as exc:
        raise PermissionDenied(_("Akun ini tidak terhubung dengan KIM.")) from exc
    cleaned, errors = {}, {}
    for key, _label in QUESTIONS:
        try:
            value = int(answers.get(key) or 0)
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            errors[key] = _("Pilih jawaban 1 sampai 5.")
        cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    period = questionnaire_period(kim_regency_code=kim.regency_code)
    answer, _created = InterestAnswer.objects.select_for_update().get_or_create(
        kim=kim,
        period=period.key,
        defaults={"answers": cleaned, "score": 0, "answered_by": actor},
    )
    answer.answers = cleaned
    answer.score = Decimal(str(questionnaire_score(cleaned)))
    answer.answered_by = actor
    answer.save()
    return answer
