from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny

from kimportal.core.api import error_responses

from .models import Region, RegionLevel
from .selectors import region_list


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "level"]


class RegionQuerySerializer(serializers.Serializer):
    parent = serializers.CharField(required=False, max_length=13)
    level = serializers.ChoiceField(choices=RegionLevel.choices, required=False)
    q = serializers.CharField(required=False, max_length=100)


class RegionListApi(ListAPIView):
    """Official Kemendagri regions: `?parent=<code>`, `?level=<province|regency|district|village>`,
    `?q=<part of a name>`. Public reference data."""

    serializer_class = RegionSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        params = RegionQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return region_list(
            parent=data.get("parent"), level=data.get("level"), query=data.get("q")
        )

    @extend_schema(
        parameters=[RegionQuerySerializer],
        # 400: a parameter out of shape; 404: a page past the end.
        responses={200: RegionSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


urlpatterns = [path("", RegionListApi.as_view(), name="api-region-list")]
