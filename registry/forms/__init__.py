"""Forms of the registry's pages. They check the shape of the input (types, required
fields, file formats, the desa in the officer's region) and hand clean values to a
service; the rules of the registry itself live in the services, whose errors reach the
forms through `kimportal.core.service_errors`. Split by subject like `services/`."""

from .common import (
    GROUPED_AFFAIRS,
    QUALIFICATION_TEXT,
    REGION_FILTER_LABELS,
    region_filter_choices,
    village_choices_within,
)
from .decisions import (
    ChangeRequestDecisionForm,
    PartnershipForm,
    ReviewCommentForm,
    ReviewDecisionForm,
    ReviewEvidenceForm,
    ReviewOpenForm,
    ReviewStatusFilterForm,
)
from .kims import (
    DOCUMENT_FILE_FIELDS,
    KIM_FORM_ERROR_FIELDS,
    SELF_FORM_GROUPS,
    ChannelForm,
    ChannelFormSet,
    KimDeactivateForm,
    KimDocumentForm,
    KimDocumentsForm,
    KimForm,
    KimInviteForm,
    KimSelfForm,
    OfficerForm,
    OfficerFormSet,
    document_error_fields,
    formset_rows,
)
from .verification import PASS_CHOICES, VerificationForm

__all__ = [
    "DOCUMENT_FILE_FIELDS",
    "GROUPED_AFFAIRS",
    "KIM_FORM_ERROR_FIELDS",
    "PASS_CHOICES",
    "QUALIFICATION_TEXT",
    "REGION_FILTER_LABELS",
    "SELF_FORM_GROUPS",
    "ChangeRequestDecisionForm",
    "ChannelForm",
    "ChannelFormSet",
    "KimDeactivateForm",
    "KimDocumentForm",
    "KimDocumentsForm",
    "KimForm",
    "KimInviteForm",
    "KimSelfForm",
    "OfficerForm",
    "OfficerFormSet",
    "PartnershipForm",
    "ReviewCommentForm",
    "ReviewDecisionForm",
    "ReviewEvidenceForm",
    "ReviewOpenForm",
    "ReviewStatusFilterForm",
    "VerificationForm",
    "document_error_fields",
    "formset_rows",
    "region_filter_choices",
    "village_choices_within",
]
