"""Serializers of the awards and nominations API: shapes only; services decide."""

from rest_framework import serializers

from kimportal.core.api import ModelSerializer

from .models import AwardEntry, AwardGrant, AwardPeriod, Nomination


class AwardPeriodSerializer(ModelSerializer):
    class Meta:
        model = AwardPeriod
        fields = [
            "id",
            "title",
            "region",
            "office_name",
            "starts_on",
            "ends_on",
            "weights",
            "jury",
            "state",
            "formula",
            "computed_at",
            "published_at",
        ]
        read_only_fields = fields


class AwardEntrySerializer(ModelSerializer):
    kim_name = serializers.CharField(source="kim.name", read_only=True)

    class Meta:
        model = AwardEntry
        fields = [
            "id",
            "kim",
            "kim_name",
            "figures",
            "components",
            "computed_score",
            "computed_rank",
            "adjusted_score",
            "adjustment_reason",
            "adjusted_at",
            "final_score",
            "final_rank",
        ]
        read_only_fields = fields


class AwardAdjustInputSerializer(serializers.Serializer):
    score = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, allow_null=True
    )
    reason = serializers.CharField(max_length=2000)


class AwardSerializer(ModelSerializer):
    """An award given (the `awards/` resource)."""

    period_title = serializers.CharField(source="period.title", read_only=True)
    kim_name = serializers.CharField(source="kim.name", read_only=True)
    final_rank = serializers.IntegerField(source="entry.final_rank", read_only=True)
    final_score = serializers.DecimalField(
        source="entry.final_score", max_digits=6, decimal_places=2, read_only=True
    )
    certificate_code = serializers.SerializerMethodField()

    class Meta:
        model = AwardGrant
        fields = [
            "id",
            "period",
            "period_title",
            "kim",
            "kim_name",
            "kind",
            "title",
            "description",
            "final_rank",
            "final_score",
            "withdrawn_at",
            "certificate_code",
        ]
        read_only_fields = fields

    def get_certificate_code(self, grant) -> str | None:
        certificate = getattr(grant, "certificate", None)
        return certificate.code if certificate is not None else None


class NominationSerializer(ModelSerializer):
    kim_name = serializers.CharField(source="kim.name", read_only=True)
    competition_title = serializers.CharField(
        source="competition.title", read_only=True
    )
    competition_level = serializers.CharField(
        source="competition.level", read_only=True
    )

    class Meta:
        model = Nomination
        fields = [
            "id",
            "competition",
            "competition_title",
            "competition_level",
            "kim",
            "kim_name",
            "regency",
            "province",
            "work_title",
            "work_link",
            "reason",
            "state",
            "nominated_at",
            "decided_at",
            "decision_note",
            "forwarded_at",
            "result",
            "result_note",
        ]
        read_only_fields = fields


class NominationInputSerializer(serializers.Serializer):
    competition = serializers.IntegerField(min_value=1, max_value=2**62)
    kim = serializers.IntegerField(min_value=1, max_value=2**62)
    work_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    work_link = serializers.URLField(max_length=500, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=4000)


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
