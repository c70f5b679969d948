from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SecurityEventKind


class SecurityEventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=[("", "—"), *SecurityEventKind.choices],
    )
    username = forms.CharField(label=_("Nama pengguna"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
