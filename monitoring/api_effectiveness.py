"""`GET /api/v1/stats/?region=&period=`: the effectiveness numbers (Tabel 5.1) of a
region and period, from the rollups.

`region`: empty for the user's own scope, `id` for the nation, a province (`35`) or a
kab/kota (`35.07`). `period`: `2026-11`, `2026-Q3` or `2026` (empty: this year).
Not Dinas staff → 403; a badly written region or period → 400; a region that does not
exist or lies outside the user's scope → 404.
"""

import datetime

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from .periods_effectiveness import PeriodError, parse_period
from .selectors_effectiveness import (
    RegionError,
    effectiveness_region,
    effectiveness_summary,
)


class _RegionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Kosong untuk nasional."))
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=["nation", "province", "regency"])


class _PeriodSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=["month", "quarter", "year"])
    start = serializers.DateField()
    end = serializers.DateField(help_text=_("Hari terakhir periode."))


class _OutputSerializer(serializers.Serializer):
    validated_reports = serializers.IntegerField()
    activities = serializers.IntegerField()
    content_items = serializers.IntegerField()
    active_kims = serializers.IntegerField()
    link_clicks = serializers.IntegerField()


class _OuttakesPlatformSerializer(serializers.Serializer):
    platform = serializers.CharField()
    name = serializers.CharField()
    views = serializers.IntegerField()
    likes = serializers.IntegerField()
    comments = serializers.IntegerField()
    shares = serializers.IntegerField()
    item_count = serializers.IntegerField()
    manual_count = serializers.IntegerField(
        help_text=_("Konten yang angkanya diisi manual.")
    )
    engagement = serializers.FloatField(
        allow_null=True,
        help_text=_(
            "YouTube/TikTok/X: (suka+komentar+bagikan)/tayangan; Instagram/Facebook: "
            "(suka+komentar+bagikan)/pengikut; null bila tidak dihitung."
        ),
    )


class _FollowersSerializer(serializers.Serializer):
    channels = serializers.IntegerField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    growth = serializers.IntegerField()
    manual_count = serializers.IntegerField()


class _OuttakesSerializer(serializers.Serializer):
    likes = serializers.IntegerField()
    comments = serializers.IntegerField()
    shares = serializers.IntegerField()
    views = serializers.IntegerField()
    item_count = serializers.IntegerField()
    manual_count = serializers.IntegerField(
        help_text=_("Konten yang angkanya diisi manual.")
    )
    platforms = _OuttakesPlatformSerializer(many=True)
    followers = _FollowersSerializer(allow_null=True)


class _OutcomeSerializer(serializers.Serializer):
    answers = serializers.IntegerField()
    understood_share = serializers.FloatField(allow_null=True)
    positive_share = serializers.FloatField(allow_null=True)
    intent_share = serializers.FloatField(allow_null=True)


class StatsSerializer(serializers.Serializer):
    region = _RegionSerializer()
    period = _PeriodSerializer()
    output = _OutputSerializer()
    outtakes = _OuttakesSerializer(
        allow_null=True,
        help_text=_("null bila belum ada data media sosial pada periode ini."),
    )
    outcome = _OutcomeSerializer()


class StatsView(APIView):
    """The effectiveness numbers of a region and period (see the module)."""

    @extend_schema(
        operation_id="stats_retrieve",
        parameters=[
            OpenApiParameter("region", OpenApiTypes.STR, description="id, 35, 35.07"),
            OpenApiParameter(
                "period", OpenApiTypes.STR, description="2026-11, 2026-Q3, 2026"
            ),
        ],
        responses={
            200: StatsSerializer,
            400: OpenApiResponse(description=_("Wilayah atau periode tidak dikenal.")),
            403: OpenApiResponse(description=_("Hanya untuk Dinas Kominfo.")),
            404: OpenApiResponse(
                description=_("Tidak ada, atau di luar wilayah Anda.")
            ),
        },
    )
    def get(self, request):
        """Output, outtakes and outcome of a region in a period."""
        try:
            region = effectiveness_region(
                user=request.user, code=request.query_params.get("region")
            )
        except RegionError as exc:
            raise ValidationError({"region": [str(exc)]}) from exc
        try:
            period = parse_period(request.query_params.get("period"))
        except PeriodError as exc:
            raise ValidationError({"period": [str(exc)]}) from exc
        summary = effectiveness_summary(user=request.user, region=region, period=period)
        data = {
            "region": {"code": region.code, "name": region.name, "level": region.level},
            "period": {
                "key": period.key,
                "kind": period.kind,
                "start": period.start,
                "end": period.end - datetime.timedelta(days=1),
            },
            **summary,
        }
        return Response(StatsSerializer(data).data)


urlpatterns = [path("", StatsView.as_view(), name="api-stats")]
