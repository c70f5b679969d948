"""The public outcome survey `/s/<code>`: no login, three questions, nothing about the
person stored. The tracked code says which material, KIM and medium it belongs to."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from kimportal.core import throttle

from ..forms_effectiveness import SurveyForm
from ..selectors_effectiveness import survey_target
from ..services.survey import survey_response_record

CODE_MAX_LENGTH = 24
# A whole village may answer from one carrier address (CGNAT), so the limits are for
# floods, not for people: per address per survey, and per address in all.
PER_SURVEY_PER_HOUR = 20
PER_ADDRESS_PER_HOUR = 60


def _allowed(request, code: str) -> bool:
    return throttle.allow(
        request, action=f"survey:{code}", limit=PER_SURVEY_PER_HOUR, window_seconds=3600
    ) and throttle.allow(
        request, action="survey", limit=PER_ADDRESS_PER_HOUR, window_seconds=3600
    )


@never_cache
def survey_view(request, code: str):
    """Show the material's three questions; store one answer per submit."""
    if len(code) > CODE_MAX_LENGTH:
        raise Http404
    target = survey_target(code=code)
    if target is None:
        raise Http404
    if not target["open"]:
        return render(
            request, "monitoring/survey_closed.html", {"target": target}, status=410
        )
    form = SurveyForm(request.POST or None)
    if request.method == "POST":
        if not _allowed(request, code):
            return render(
                request,
                "monitoring/survey_throttled.html",
                {"target": target},
                status=429,
            )
        if form.is_valid():
            try:
                survey_response_record(code=code, answers=form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return render(
                    request, "monitoring/survey_done.html", {"target": target}
                )
    return render(request, "monitoring/survey.html", {"form": form, "target": target})
