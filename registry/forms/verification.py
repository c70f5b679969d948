"""The verification checklist."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import (
    REQUIREMENT_GROUPS,
)

PASS_CHOICES = [("yes", _("Terpenuhi")), ("no", _("Tidak terpenuhi"))]


class VerificationForm(forms.Form):
    """The verification checklist: each requirement pass/fail with a note (SPEC §3.2)."""

    note = forms.CharField(
        label=_("Catatan verifikasi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, previous_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        previous = {item.requirement: item for item in previous_items or ()}
        for _group, requirements in REQUIREMENT_GROUPS:
            for requirement in requirements:
                before = previous.get(requirement.value)
                self.fields[f"{requirement.value}__passed"] = forms.ChoiceField(
                    label=requirement.label,
                    choices=PASS_CHOICES,
                    widget=forms.RadioSelect(attrs={"class": "choices inline"}),
                    error_messages={"required": _("Pilih terpenuhi atau tidak.")},
                    initial=None
                    if before is None
                    else ("yes" if before.passed else "no"),
                )
                self.fields[f"{requirement.value}__note"] = forms.CharField(
                    label=_("Catatan: %(requirement)s")
                    % {"requirement": requirement.label},
                    required=False,
                    max_length=500,
                    initial=before.note if before else "",
                    widget=forms.TextInput(
                        attrs={"placeholder": _("wajib bila tidak terpenuhi")}
                    ),
                )

    def groups(self):
        """(group label, [(passed field, note field), …]) in the guideline's order."""
        return [
            (
                label,
                [
                    (self[f"{req.value}__passed"], self[f"{req.value}__note"])
                    for req in requirements
                ],
            )
            for label, requirements in REQUIREMENT_GROUPS
        ]

    def items(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {
            req.value: (
                data[f"{req.value}__passed"] == "yes",
                data[f"{req.value}__note"],
            )
            for _group, requirements in REQUIREMENT_GROUPS
            for req in requirements
        }

    def error_field_map(self) -> dict[str, str]:
        return {
            req.value: f"{req.value}__note"
            for _group, requirements in REQUIREMENT_GROUPS
            for req in requirements
        }
