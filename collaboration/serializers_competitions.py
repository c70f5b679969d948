"""Serializers of the competitions API: shapes only; services decide.

An entry has one shape for everyone (`EntrySerializer`); what a juror may not see is
already empty in the data it is built from (`selectors_judging.juror_entry_view`): the
KIM's id and name are null and the team empty under blind judging."""

from decimal import Decimal

from rest_framework import serializers

from kimportal.core.api import ModelSerializer

from .choices_competitions import CategoryKind, ConflictKind, TieBreak
from .models import Category, Competition, Criterion, Juror, Result, ResultOverride


class CriterionSerializer(ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "name", "weight", "required", "comment_required", "position"]
        read_only_fields = fields


class CategorySerializer(ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Category
        fields = ["id", "kind", "name", "description", "criteria"]
        read_only_fields = fields


class CompetitionSerializer(ModelSerializer):
    categories = CategorySerializer(many=True, read_only=True)

    class Meta:
        model = Competition
        fields = [
            "id",
            "title",
            "level",
            "organiser",
            "office_name",
            "theme",
            "mechanism",
            "rules_text",
            "budget_line",
            "budget_amount",
            "registration_opens_on",
            "registration_closes_on",
            "announce_on",
            "timeline",
            "works_become_property",
            "blind_judging",
            "scores_visible_after_submit",
            "normalise_scores",
            "tie_break",
            "has_shortlist",
            "final_size",
            "current_round",
            "status",
            "results_note",
            "round_note",
            "published_at",
            "results_published_at",
            "categories",
        ]
        read_only_fields = fields


class CriterionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    weight = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("999"),
    )
    required = serializers.BooleanField(default=True)
    comment_required = serializers.BooleanField(default=False)


class CategoryInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CategoryKind.choices)
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    criteria = CriterionInputSerializer(many=True, min_length=1, max_length=12)


class TimelineItemSerializer(serializers.Serializer):
    date = serializers.CharField(max_length=10, allow_blank=True)
    activity = serializers.CharField(max_length=200)


class CompetitionInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    theme = serializers.CharField(max_length=250, required=False, allow_blank=True)
    mechanism = serializers.CharField(required=False, allow_blank=True)
    rules_text = serializers.CharField(required=False, allow_blank=True)
    budget_line = serializers.CharField(
        max_length=200, required=False, allow_blank=True
    )
    budget_amount = serializers.DecimalField(
        max_digits=14, decimal_places=0, min_value=0, required=False, allow_null=True
    )
    registration_opens_on = serializers.DateField()
    registration_closes_on = serializers.DateField()
    announce_on = serializers.DateField()
    timeline = TimelineItemSerializer(many=True, required=False, max_length=30)
    works_become_property = serializers.BooleanField(default=False)
    blind_judging = serializers.BooleanField(default=False)
    scores_visible_after_submit = serializers.BooleanField(default=False)
    normalise_scores = serializers.BooleanField(default=False)
    tie_break = serializers.ChoiceField(choices=TieBreak.choices)
    has_shortlist = serializers.BooleanField(default=False)
    final_size = serializers.IntegerField(
        min_value=1, max_value=100, required=False, allow_null=True
    )
    categories = CategoryInputSerializer(many=True, min_length=1, max_length=12)


class EntryTeamMemberSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    role = serializers.CharField(max_length=80, allow_blank=True, required=False)


class EntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    competition = serializers.IntegerField()
    category = serializers.IntegerField()
    category_name = serializers.CharField()
    kim = serializers.IntegerField(allow_null=True)
    kim_name = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    link = serializers.CharField(allow_blank=True)
    has_file = serializers.BooleanField()
    team = EntryTeamMemberSerializer(many=True)
    status = serializers.CharField()
    round = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    # For a juror: its assignment of the entry, whether it declared a conflict, and
    # when it submitted its scores; null for everyone else.
    assignment = serializers.IntegerField(allow_null=True)
    conflict = serializers.BooleanField(allow_null=True)
    scores_submitted_at = serializers.DateTimeField(allow_null=True)


class EntryInputSerializer(serializers.Serializer):
    category = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    link = serializers.URLField(max_length=500)
    team = EntryTeamMemberSerializer(many=True, required=False, max_length=20)
    consent_property = serializers.BooleanField(default=False)


class JurorSerializer(ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    assigned = serializers.IntegerField(read_only=True)
    submitted = serializers.IntegerField(read_only=True)
    conflicts = serializers.IntegerField(read_only=True)

    class Meta:
        model = Juror
        fields = [
            "id",
            "user",
            "username",
            "name",
            "expertise",
            "active",
            "assigned",
            "submitted",
            "conflicts",
        ]
        read_only_fields = fields


class JurorInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    expertise = serializers.CharField(max_length=200, required=False, allow_blank=True)
    assign_all = serializers.BooleanField(
        default=True, help_text="Tugaskan semua karya babak ini kepada juri."
    )


class ConflictSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    entry = serializers.IntegerField()
    juror = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ConflictKind.choices)
    reason = serializers.CharField(allow_blank=True)
    declared_at = serializers.DateTimeField()


class ConflictInputSerializer(serializers.Serializer):
    entry = serializers.IntegerField(min_value=1)
    kind = serializers.ChoiceField(choices=ConflictKind.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ScoreItemSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1)
    value = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ScoreSheetSerializer(serializers.Serializer):
    """One juror's sheet on one entry. `juror` is the juror's seat id for the office,
    and null for a juror reading its own or (numbered) others' sheets."""

    entry = serializers.IntegerField()
    juror = serializers.IntegerField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    scores = ScoreItemSerializer(many=True)


class ScoreInputSerializer(serializers.Serializer):
    entry = serializers.IntegerField(min_value=1)
    scores = ScoreItemSerializer(many=True, max_length=12)
    submit = serializers.BooleanField(default=False)


class OverrideSerializer(ModelSerializer):
    by = serializers.CharField(source="by.username", read_only=True)

    class Meta:
        model = ResultOverride
        fields = ["previous_rank", "new_rank", "reason", "by", "created_at"]
        read_only_fields = fields


class ResultSerializer(ModelSerializer):
    kim = serializers.IntegerField(source="entry.kim_id", read_only=True)
    kim_name = serializers.CharField(source="entry.kim.name", read_only=True)
    title = serializers.CharField(source="entry.title", read_only=True)
    category = serializers.IntegerField(source="entry.category_id", read_only=True)
    overrides = OverrideSerializer(many=True, read_only=True)

    class Meta:
        model = Result
        fields = [
            "id",
            "entry",
            "title",
            "category",
            "kim",
            "kim_name",
            "round",
            "score",
            "rank",
            "final_rank",
            "jurors_counted",
            "tie_note",
            "status",
            "computed_at",
            "published_at",
            "overrides",
        ]
        read_only_fields = fields
