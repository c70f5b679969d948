"""The KIM's own page: the short interest questionnaire for the current period."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kimportal.core.access import actor_may
from registry.selectors import kim_own_get

from .. import services
from ..questionnaire import QUESTIONS, SCALE
from ..selectors import interest_answer_current
from ..services.questionnaire import questionnaire_period
from .assessments import _apply_errors


class QuestionnaireForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in QUESTIONS:
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=SCALE, coerce=int, widget=forms.RadioSelect
            )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_view(request):
    user = request.user
    if not actor_may(user, "mapping.answer_questionnaire"):
        raise Http404
    kim = kim_own_get(user=user)
    period = questionnaire_period(kim_regency_code=kim.regency_code)
    current = interest_answer_current(user=user, period=period.key)
    if request.method == "POST":
        form = QuestionnaireForm(request.POST)
        if form.is_valid():
            try:
                services.interest_answer_submit(actor=user, answers=form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Terima kasih, jawaban disimpan."))
                return redirect("mapping:questionnaire")
    else:
        form = QuestionnaireForm(initial=current.answers if current else None)
    return render(
        request,
        "mapping/questionnaire.html",
        {"form": form, "period": period, "current": current},
        status=400 if form.errors else 200,
    )
