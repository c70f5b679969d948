"""Serializers of collaboration's API, one block per subject: what it shows, and what
it takes (checked by the services)."""

from rest_framework import serializers

from kimportal.core.api import ModelSerializer
from mapping.choices import Approach
from monitoring.choices import MaterialFormat
from registry.choices import ContentType, GovernmentAffair, KimType, MediaType

from .choices import CampaignKind, ProductionManagement, Readiness, Skill, SkillLevel
from .models import Campaign, CampaignFeedback, CapacityNeed, CapacitySkill

# --- capacity needs and campaigns (collab-needs) ---------------------------------------


class CapacitySkillSerializer(ModelSerializer):
    class Meta:
        model = CapacitySkill
        fields = [
            "skill",
            "other_label",
            "level",
            "members",
            "wants_training",
            "is_needed",
        ]
        read_only_fields = fields


class CapacityNeedSerializer(ModelSerializer):
    kim_name = serializers.CharField(source="kim.name", read_only=True)
    region = serializers.CharField(source="village_id", read_only=True)
    media_readiness = serializers.DictField(
        child=serializers.ChoiceField(choices=Readiness.choices), read_only=True
    )
    skills = CapacitySkillSerializer(many=True, read_only=True)

    class Meta:
        model = CapacityNeed
        fields = [
            "id",
            "kim",
            "kim_name",
            "region",
            "filed_on",
            "is_latest",
            "media_readiness",
            "content_types",
            "published_on",
            "content_note",
            "production_members",
            "production_management",
            "management_note",
            "note",
            "skills",
            "created_at",
        ]
        read_only_fields = fields


class CapacitySkillInputSerializer(serializers.Serializer):
    skill = serializers.ChoiceField(choices=Skill.choices)
    level = serializers.ChoiceField(choices=SkillLevel.choices)
    other_label = serializers.CharField(required=False, allow_blank=True, max_length=80)
    members = serializers.IntegerField(required=False, min_value=0, max_value=10000)
    wants_training = serializers.BooleanField(required=False, default=False)


class CapacityNeedInputSerializer(serializers.Serializer):
    kim = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="KIM yang diisikan (staf); akun KIM selalu mengisi untuk KIM-nya.",
    )
    media_readiness = serializers.DictField(
        child=serializers.ChoiceField(choices=Readiness.choices), required=False
    )
    content_types = serializers.ListField(
        child=serializers.ChoiceField(choices=ContentType.choices), required=False
    )
    published_on = serializers.ListField(
        child=serializers.ChoiceField(choices=MediaType.choices), required=False
    )
    content_note = serializers.CharField(
        required=False, allow_blank=True, max_length=2000
    )
    production_members = serializers.IntegerField(
        required=False, min_value=0, max_value=10000
    )
    production_management = serializers.ChoiceField(
        choices=ProductionManagement.choices
    )
    management_note = serializers.CharField(
        required=False, allow_blank=True, max_length=2000
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    skills = CapacitySkillInputSerializer(many=True, allow_empty=False)


class CampaignSerializer(ModelSerializer):
    kim_count = serializers.IntegerField(read_only=True)
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "message",
            "kind",
            "public_issue",
            "region",
            "target_region_codes",
            "target_kim_types",
            "target_fields",
            "target_quadrants",
            "target_need_skills",
            "angle",
            "material_format",
            "material",
            "trial_months",
            "fixed_months",
            "action_started_on",
            "trial_ends_on",
            "ends_on",
            "phase",
            "state",
            "kim_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CampaignInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    message = serializers.CharField(max_length=20000)
    kind = serializers.ChoiceField(choices=CampaignKind.choices)
    public_issue = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1
    )
    target_region_codes = serializers.ListField(
        child=serializers.CharField(max_length=13), required=False
    )
    target_kim_types = serializers.ListField(
        child=serializers.ChoiceField(choices=KimType.choices), required=False
    )
    target_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=GovernmentAffair.choices),
        required=False,
    )
    target_quadrants = serializers.ListField(
        child=serializers.ChoiceField(choices=Approach.choices), required=False
    )
    target_need_skills = serializers.ListField(
        child=serializers.ChoiceField(choices=Skill.choices), required=False
    )
    trial_months = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=12
    )
    fixed_months = serializers.IntegerField(required=False, min_value=1, max_value=24)


class CampaignDesignSerializer(serializers.Serializer):
    angle = serializers.CharField(max_length=5000)
    material_format = serializers.ChoiceField(choices=MaterialFormat.choices)


class CampaignLaunchSerializer(serializers.Serializer):
    url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    theme = serializers.CharField(required=False, allow_blank=True, max_length=120)


class CampaignFixSerializer(serializers.Serializer):
    kim_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        allow_empty=False,
    )


class CampaignFeedbackInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    angle = serializers.CharField(required=False, allow_blank=True, max_length=300)
    material_format = serializers.ChoiceField(
        choices=MaterialFormat.choices, required=False, allow_blank=True
    )


class CampaignFeedbackSerializer(ModelSerializer):
    class Meta:
        model = CampaignFeedback
        fields = [
            "id",
            "kim",
            "stage",
            "body",
            "angle",
            "material_format",
            "created_at",
        ]
        read_only_fields = fields


# --- events (collab-events) ------------------------------------------------------------
