"""Shapes of the monitoring API (input checked for shape here, rules in the services)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from registry.choices import GovernmentAffair, KimType

from .choices import (
    ActionKind,
    CheckStatus,
    ContentPlatform,
    IssuerLevel,
    MaterialFormat,
    MaterialState,
    Medium,
    ReportFormat,
    ReportState,
)
from .models import ContentItem, DisseminationReport, EvidenceLink, Material


class EvidenceSerializer(serializers.ModelSerializer):
    platform = serializers.ChoiceField(
        source="content_item.platform", choices=ContentPlatform.choices, read_only=True
    )
    check_status = serializers.ChoiceField(choices=CheckStatus.choices, read_only=True)

    class Meta:
        model = EvidenceLink
        fields = ["url", "platform", "content_item", "check_status", "checked_at"]
        read_only_fields = fields


class ReportSerializer(serializers.ModelSerializer):
    kim_name = serializers.CharField(source="kim.name", read_only=True)
    action_kind = serializers.ChoiceField(choices=ActionKind.choices)
    format = serializers.ChoiceField(choices=ReportFormat.choices)
    medium = serializers.ChoiceField(choices=Medium.choices)
    state = serializers.ChoiceField(choices=ReportState.choices)
    evidence = EvidenceSerializer(many=True, read_only=True)
    counts = serializers.BooleanField(read_only=True)
    photo_url = serializers.SerializerMethodField()

    class Meta:
        model = DisseminationReport
        fields = [
            "id",
            "kim",
            "kim_name",
            "material",
            "action_kind",
            "format",
            "medium",
            "activity",
            "activity_count",
            "activity_date",
            "month",
            "state",
            "return_reason",
            "version",
            "supersedes",
            "counts",
            "evidence",
            "photo_url",
            "created_at",
            "submitted_at",
            "validated_at",
            "returned_at",
        ]
        read_only_fields = fields

    def get_photo_url(self, report) -> str | None:
        if not report.photo:
            return None
        return reverse("monitoring:report-photo", args=[report.pk])


class ReportInputSerializer(serializers.Serializer):
    kim = serializers.IntegerField(
        required=False,
        help_text=_("KIM yang dilaporkan (hanya untuk Dinas kab/kota; KIM: otomatis)."),
    )
    material = serializers.IntegerField(required=False, allow_null=True)
    action_kind = serializers.ChoiceField(choices=ActionKind.choices)
    format = serializers.ChoiceField(choices=ReportFormat.choices)
    medium = serializers.ChoiceField(choices=Medium.choices)
    activity = serializers.CharField(required=False, allow_blank=True, max_length=300)
    activity_count = serializers.IntegerField(
        required=False, min_value=1, max_value=10000, default=1
    )
    activity_date = serializers.DateField()
    evidence = serializers.ListField(
        child=serializers.CharField(max_length=1000),
        required=False,
        max_length=10,
        default=list,
    )
    photo = serializers.FileField(required=False)
    submit = serializers.BooleanField(required=False, default=False)


class ReturnInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class BulkValidateInputSerializer(serializers.Serializer):
    reports = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=200,
    )


class BulkValidateResultSerializer(serializers.Serializer):
    validated = serializers.IntegerField()


class MaterialFileSerializer(serializers.Serializer):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField()

    def get_url(self, row) -> str:
        return reverse("monitoring:material-file", args=[row.pk])


class MaterialSerializer(serializers.ModelSerializer):
    issuer = serializers.CharField(source="issuer_office.name", read_only=True)
    # Blank when the material has no URL of its own: a plain string, since "" is no URI.
    url = serializers.CharField(read_only=True)
    level = serializers.ChoiceField(choices=IssuerLevel.choices)
    format = serializers.ChoiceField(choices=MaterialFormat.choices)
    state = serializers.ChoiceField(choices=MaterialState.choices)
    files = MaterialFileSerializer(many=True, read_only=True)

    class Meta:
        model = Material
        fields = [
            "id",
            "title",
            "message",
            "theme",
            "format",
            "url",
            "links",
            "period_start",
            "period_end",
            "level",
            "is_narasi_tunggal",
            "issuer",
            "target_region_codes",
            "target_kim_types",
            "target_fields",
            "state",
            "published_at",
            "files",
        ]
        read_only_fields = fields


class MaterialInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    message = serializers.CharField(max_length=20000)
    theme = serializers.CharField(max_length=120, required=False, allow_blank=True)
    format = serializers.ChoiceField(choices=MaterialFormat.choices)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    links = serializers.ListField(
        child=serializers.URLField(max_length=500), required=False, max_length=20
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    target_region_codes = serializers.ListField(
        child=serializers.CharField(max_length=13), required=False, max_length=100
    )
    target_kim_types = serializers.ListField(
        child=serializers.ChoiceField(choices=KimType.choices), required=False
    )
    target_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=GovernmentAffair.choices), required=False
    )


class PublishResultSerializer(serializers.Serializer):
    material = MaterialSerializer()
    delivered = serializers.IntegerField()


class ContentItemSerializer(serializers.ModelSerializer):
    platform = serializers.ChoiceField(choices=ContentPlatform.choices)

    class Meta:
        model = ContentItem
        fields = ["id", "platform", "platform_id", "url", "kim", "first_seen_at"]
        read_only_fields = fields
