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


class CredentialForm(forms.Form):
    """A new key or token for the office (or, for the ministry, the national one). The
    secret is write-only: it is never shown again."""

    platform = forms.ChoiceField(
        label=_("Platform"),
        choices=[("youtube", "YouTube"), ("instagram", "Instagram"), ("x", "X")],
    )
    api_key = forms.CharField(
        label=_("Kunci API (YouTube)"), required=False, widget=forms.PasswordInput
    )
    access_token = forms.CharField(
        label=_("Token akses (Instagram)"), required=False, widget=forms.PasswordInput
    )
    ig_user_id = forms.CharField(label=_("ID pengguna IG (Instagram)"), required=False)
    bearer_token = forms.CharField(
        label=_("Bearer token (X)"), required=False, widget=forms.PasswordInput
    )
    label = forms.CharField(label=_("Nama"), required=False, max_length=120)
