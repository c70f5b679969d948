"""Shapes of mapping's API: what it shows, and what it takes (checked by the services)."""

from rest_framework import serializers

from registry.choices import GovernmentAffair

from .choices import Approach, IssueSourceKind, UnderstandingLevel
from .models import Assessment, PublicIssue


class IssueSourceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IssueSourceKind.choices)
    url = serializers.CharField(required=False, allow_blank=True, max_length=500)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class PublicIssueSerializer(serializers.ModelSerializer):
    sources = IssueSourceSerializer(many=True, read_only=True)
    kims = serializers.SerializerMethodField()
    materials = serializers.SerializerMethodField()
    owner_region = serializers.CharField(source="owner_region_id", read_only=True)

    class Meta:
        model = PublicIssue
        fields = [
            "id",
            "title",
            "field",
            "sources",
            "background",
            "involved",
            "scope",
            "administration",
            "emerged_on",
            "expected_fade_on",
            "understanding_level",
            "understanding_note",
            "is_priority",
            "is_crisis",
            "is_national",
            "kims",
            "materials",
            "owner_region",
            "created_at",
            "updated_at",
        ]

    def get_kims(self, issue) -> list[int]:
        visible = self.context.get("visible_kim_ids")
        ids = [k.pk for k in issue.kims.all()]
        return [pk for pk in ids if visible is None or pk in visible]

    def get_materials(self, issue) -> list[int]:
        visible = self.context.get("visible_material_ids")
        ids = [m.pk for m in issue.materials.all()]
        return [pk for pk in ids if visible is None or pk in visible]


class PublicIssueInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=250)
    field = serializers.ChoiceField(choices=GovernmentAffair.choices)
    sources = IssueSourceSerializer(many=True, required=False)
    background = serializers.CharField(required=False, allow_blank=True)
    involved = serializers.CharField(required=False, allow_blank=True)
    scope = serializers.CharField(required=False, allow_blank=True)
    administration = serializers.CharField(required=False, allow_blank=True)
    emerged_on = serializers.DateField(required=False, allow_null=True)
    expected_fade_on = serializers.DateField(required=False, allow_null=True)
    understanding_level = serializers.ChoiceField(
        choices=UnderstandingLevel.choices, required=False, allow_blank=True
    )
    understanding_note = serializers.CharField(required=False, allow_blank=True)
    is_priority = serializers.BooleanField(required=False)
    is_crisis = serializers.BooleanField(required=False)
    kims = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=500
    )
    materials = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=200
    )


class NationalInputSerializer(serializers.Serializer):
    national = serializers.BooleanField(default=True)


class AssessmentSerializer(serializers.ModelSerializer):
    kim_name = serializers.CharField(source="kim.name", read_only=True)
    regency = serializers.CharField(source="regency_id", read_only=True)
    effective = serializers.SerializerMethodField()
    overridden_by = serializers.CharField(
        source="overridden_by.username", read_only=True, default=None
    )
    planned_by = serializers.CharField(
        source="planned_by.username", read_only=True, default=None
    )

    class Meta:
        model = Assessment
        fields = [
            "id",
            "kim",
            "kim_name",
            "regency",
            "period",
            "period_start",
            "period_end",
            "interest_score",
            "power_score",
            "influence_score",
            "interest_high",
            "power_high",
            "influence_high",
            "interest_override",
            "power_override",
            "influence_override",
            "override_reason",
            "overridden_by",
            "overridden_at",
            "effective",
            "approach",
            "thresholds",
            "components",
            "inputs",
            "provenance",
            "computed_at",
            "is_prioritised",
            "is_involved",
            "target_approach",
            "planned_by",
            "planned_at",
        ]

    def get_effective(self, a) -> dict:
        return {
            d: {
                "score": None if a.effective(d) is None else float(a.effective(d)),
                "high": a.effective_high(d),
            }
            for d in ("interest", "power", "influence")
        }


class OverrideInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="")
    interest = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    power = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    influence = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )


class PlanInputSerializer(serializers.Serializer):
    is_prioritised = serializers.BooleanField(default=False)
    is_involved = serializers.BooleanField(default=False)
    target_approach = serializers.ChoiceField(
        choices=Approach.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
