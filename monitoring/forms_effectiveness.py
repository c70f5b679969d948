"""The outcome survey's form: three questions, one tap each (shape only; the service
checks the answers again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models_effectiveness import SurveyAnswer, SurveyAttitude


class SurveyForm(forms.Form):
    understood = forms.TypedChoiceField(
        label=_("Apakah Anda memahami isi informasi ini?"),
        choices=SurveyAnswer.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    attitude = forms.TypedChoiceField(
        label=_("Bagaimana sikap Anda terhadap pesan informasi ini?"),
        choices=SurveyAttitude.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    intent = forms.TypedChoiceField(
        label=_("Apakah Anda akan menerapkan atau meneruskan informasi ini?"),
        choices=SurveyAnswer.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
