"""Forms of the metrics pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ManualMetricsForm(forms.Form):
    """Numbers read off the platform by hand, with a screenshot as evidence."""

    views = forms.IntegerField(label=_("Tayangan"), min_value=0, required=False)
    likes = forms.IntegerField(label=_("Suka"), min_value=0, required=False)
    comments = forms.IntegerField(label=_("Komentar"), min_value=0, required=False)
    shares = forms.IntegerField(label=_("Dibagikan"), min_value=0, required=False)
    screenshot = forms.FileField(
        label=_("Tangkapan layar (JPEG/PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
