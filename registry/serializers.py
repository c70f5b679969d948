"""Shapes of the registry API. They read and validate; the services decide.

Read serializers differ by audience: agencies (K/L) get the directory's public fields only
(`KimPublicSerializer`), never officers, phone numbers, the chair's name or documents.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kimportal.core.api import ModelSerializer

from .choices import (
    InactiveReason,
    KimType,
    Platform,
    Qualification,
    Requirement,
    ReviewGround,
)
from .models import (
    KIM_ASSESSED_FIELDS,
    KIM_PROFILE_FIELDS,
    Kim,
    KimChannel,
    KimDocument,
    KimOfficer,
    Partnership,
    ReviewCase,
    ReviewComment,
    ReviewEvidence,
)


def _absolute(request, url_name: str, pk: int) -> str:
    url = reverse(url_name, args=[pk])
    return request.build_absolute_uri(url) if request is not None else url


# --- read ---------------------------------------------------------------------------


class KimPublicSerializer(ModelSerializer):
    """What an agency (K/L) may know of a verified KIM: the directory's fields."""

    # The model requires a type, but the API's input leaves it optional (a draft may be
    # registered before the type is known), so a stored KIM may carry "".
    kim_type = serializers.ChoiceField(
        choices=KimType.choices, allow_blank=True, read_only=True
    )

    village_name = serializers.CharField(source="village.name", read_only=True)
    district_name = serializers.CharField(source="village.parent.name", read_only=True)
    regency_name = serializers.CharField(
        source="village.parent.parent.name", read_only=True
    )
    province_name = serializers.CharField(
        source="village.parent.parent.parent.name", read_only=True
    )

    class Meta:
        model = Kim
        fields = [
            "id",
            "name",
            "nik",
            "kim_type",
            "status",
            "village",
            "village_name",
            "district_name",
            "regency_name",
            "province_name",
            "media_types",
            "fields",
            "email",
        ]
        read_only_fields = fields


class KimSummarySerializer(KimPublicSerializer):
    """A row of the staff KIM list."""

    class Meta(KimPublicSerializer.Meta):
        fields = KimPublicSerializer.Meta.fields + [
            "chair_name",
            "whatsapp",
            "from_old_list",
            "submitted_at",
            "verified_at",
            "updated_at",
        ]
        read_only_fields = fields


class KimChannelSerializer(ModelSerializer):
    class Meta:
        model = KimChannel
        fields = ["id", "platform", "address", "followers", "active"]


class KimOfficerSerializer(ModelSerializer):
    class Meta:
        model = KimOfficer
        fields = ["id", "name", "position", "phone", "active"]


class KimDocumentSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = KimDocument
        fields = [
            "id",
            "kind",
            "number",
            "issued_on",
            "expires_on",
            "original_name",
            "content_type",
            "uploaded_at",
            "download_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, document) -> str:
        return _absolute(
            self.context.get("request"), "registry:document-download", document.pk
        )


class PartnershipSerializer(ModelSerializer):
    class Meta:
        model = Partnership
        fields = [
            "id",
            "kim",
            "starts_on",
            "ends_on",
            "status",
            "qualifications",
            "assessment_note",
            "closed_on",
            "created_at",
        ]


class KimDetailSerializer(KimSummarySerializer):
    """One KIM for staff in scope and for the KIM itself: the whole profile."""

    coverage_villages = serializers.SerializerMethodField()
    channels = KimChannelSerializer(many=True, read_only=True)
    officers = KimOfficerSerializer(many=True, read_only=True)
    # Only the current version of each document (superseded ones stay in history), as
    # the API views attach them from the `kim_current_documents` selector.
    documents = KimDocumentSerializer(
        source="current_documents", many=True, read_only=True
    )
    partnerships = PartnershipSerializer(many=True, read_only=True)

    class Meta(KimSummarySerializer.Meta):
        fields = [
            *KimSummarySerializer.Meta.fields,
            "inactive_reason",
            *(
                f
                for f in (*KIM_PROFILE_FIELDS, *KIM_ASSESSED_FIELDS)
                if f not in KimSummarySerializer.Meta.fields
            ),
            "coverage_villages",
            "previous_record",
            "created_at",
            "channels",
            "officers",
            "documents",
            "partnerships",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_coverage_villages(self, kim) -> list[str]:
        return [region.pk for region in kim.coverage_villages.all()]


class ReviewEvidenceSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReviewEvidence
        fields = ["id", "original_name", "description", "uploaded_at", "download_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, evidence) -> str:
        return _absolute(
            self.context.get("request"), "registry:evidence-download", evidence.pk
        )


class ReviewCommentSerializer(ModelSerializer):
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = ReviewComment
        fields = ["id", "author_name", "body", "created_at"]

    def get_author_name(self, comment) -> str:
        return str(comment.author)


class ReviewCaseSummarySerializer(ModelSerializer):
    kim_name = serializers.CharField(source="kim.name", read_only=True)

    class Meta:
        model = ReviewCase
        fields = [
            "id",
            "kim",
            "kim_name",
            "partnership",
            "grounds",
            "opened_by_level",
            "opened_at",
            "status",
            "decided_at",
        ]
        read_only_fields = fields


class ReviewCaseSerializer(ReviewCaseSummarySerializer):
    evidence = ReviewEvidenceSerializer(many=True, read_only=True)
    comments = ReviewCommentSerializer(many=True, read_only=True)
    decision_letter_url = serializers.SerializerMethodField()

    class Meta(ReviewCaseSummarySerializer.Meta):
        fields = ReviewCaseSummarySerializer.Meta.fields + [
            "notes",
            "decision_date",
            "decision_number",
            "decision_note",
            "decision_letter_url",
            "evidence",
            "comments",
        ]
        read_only_fields = fields

    # None until the case is terminated with a decision letter.
    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_decision_letter_url(self, case) -> str | None:
        if not case.decision_letter:
            return None
        return _absolute(
            self.context.get("request"), "registry:decision-letter-download", case.pk
        )


# --- input --------------------------------------------------------------------------


class OfficerInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    position = serializers.CharField(max_length=80)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)


class ChannelInputSerializer(serializers.Serializer):
    platform = serializers.ChoiceField(choices=Platform.choices)
    address = serializers.CharField(max_length=300)
    followers = serializers.IntegerField(min_value=0, required=False, default=0)


class KimInputSerializer(ModelSerializer):
    """A KIM profile as staff enter it. `village` and `coverage` are region codes."""

    village = serializers.CharField(max_length=13, label=_("kode desa/kelurahan"))
    coverage = serializers.ListField(
        child=serializers.CharField(max_length=13),
        required=False,
        label=_("kode desa/kelurahan jangkauan"),
    )
    officers = OfficerInputSerializer(many=True, required=False)
    channels = ChannelInputSerializer(many=True, required=False)

    class Meta:
        model = Kim
        fields = [
            "village",
            "coverage",
            *KIM_PROFILE_FIELDS,
            "from_old_list",
            "officers",
            "channels",
        ]
        extra_kwargs = {"kim_type": {"required": False}}


class KimUpdateInputSerializer(KimInputSerializer):
    """A KIM profile change by staff; a partial update leaves out what does not change."""

    class Meta(KimInputSerializer.Meta):
        fields = [f for f in KimInputSerializer.Meta.fields if f != "from_old_list"]


class VerificationItemInputSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    note = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default=""
    )


class VerificationInputSerializer(serializers.Serializer):
    """The checklist: one entry per requirement (`Requirement` values)."""

    items = serializers.DictField(child=VerificationItemInputSerializer())
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_items(self, items):
        unknown = sorted(set(items) - set(Requirement.values))
        if unknown:
            raise serializers.ValidationError(
                _("Syarat tidak dikenal: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return items

    def service_items(self) -> dict[str, tuple[bool, str]]:
        return {
            requirement: (item["passed"], item.get("note", ""))
            for requirement, item in self.validated_data["items"].items()
        }


class DeactivateInputSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=InactiveReason.choices)


class PartnershipInputSerializer(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    qualifications = serializers.ListField(
        child=serializers.ChoiceField(choices=Qualification.choices), allow_empty=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewOpenInputSerializer(serializers.Serializer):
    grounds = serializers.ListField(
        child=serializers.ChoiceField(choices=ReviewGround.choices), min_length=1
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.ListField(
        child=serializers.FileField(), required=False, default=list
    )


class ReviewCommentInputSerializer(serializers.Serializer):
    body = serializers.CharField()


class ReviewContinueInputSerializer(serializers.Serializer):
    note = serializers.CharField()


class ReviewTerminateInputSerializer(serializers.Serializer):
    decision_date = serializers.DateField()
    decision_number = serializers.CharField(max_length=100)
    decision_letter = serializers.FileField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
