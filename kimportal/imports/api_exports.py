"""Background exports over the API: ask for one (the list's kind, format and query
string, as the list page would send), follow its state and progress, download the
file. Only the requester sees a job (others 404), as on the pages."""

from django.http import QueryDict
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from kimportal.core.api import error_responses
from kimportal.core.exports import CONTENT_TYPES, FORMATS

from .exportjobs import (
    background_export_keys,
    export_job_create,
    export_job_get,
    export_progress,
)
from .models import ExportState
from .views_exports import export_file_response


class ExportProgressSerializer(serializers.Serializer):
    rows_done = serializers.IntegerField()
    rows_total = serializers.IntegerField()
    rows_per_second = serializers.IntegerField()
    seconds_left = serializers.IntegerField()
    percent = serializers.IntegerField()


class ExportJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    fmt = serializers.CharField()
    state = serializers.CharField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    progress = ExportProgressSerializer()
    download = serializers.CharField(allow_null=True)


class ExportCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()


class ExportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[])
    fmt = serializers.ChoiceField(choices=list(FORMATS))
    query = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, default=""
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = background_export_keys()


def _job_data(job) -> dict:
    done = job.state == ExportState.DONE and job.file
    return ExportJobSerializer(
        {
            "id": job.pk,
            "kind": job.kind,
            "fmt": job.fmt,
            "state": job.state,
            "created_at": job.created_at,
            "expires_at": job.expires_at,
            "progress": export_progress(job),
            "download": reverse("api-export-download", args=[job.pk]) if done else None,
        }
    ).data


class ExportListApi(APIView):
    @extend_schema(
        operation_id="exports_create",
        summary=_("Minta ekspor daftar besar di latar belakang"),
        request=ExportRequestSerializer,
        responses={
            201: ExportCreatedSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def post(self, request):
        serializer = ExportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        job = export_job_create(
            user=request.user,
            kind=data["kind"],
            fmt=data["fmt"],
            filters=QueryDict(data["query"]),
        )
        return Response({"id": job.pk}, status=status.HTTP_201_CREATED)


class ExportDetailApi(APIView):
    @extend_schema(
        operation_id="exports_retrieve",
        summary=_("Status, kemajuan dan tautan unduh satu ekspor"),
        responses={200: ExportJobSerializer, **error_responses(401, 404)},
    )
    def get(self, request, pk: int):
        return Response(_job_data(export_job_get(user=request.user, pk=pk)))


class ExportDownloadApi(APIView):
    @extend_schema(
        operation_id="exports_download",
        summary=_("Unduh berkas ekspor yang sudah selesai"),
        responses={
            **{
                (200, content_type.split(";")[0]): OpenApiResponse(OpenApiTypes.BINARY)
                for content_type in CONTENT_TYPES.values()
            },
            **error_responses(401, 404),
        },
    )
    def get(self, request, pk: int):
        return export_file_response(request, pk)


urlpatterns = [
    path("", ExportListApi.as_view(), name="api-export-list"),
    path("<int:pk>/", ExportDetailApi.as_view(), name="api-export-detail"),
    path("<int:pk>/download/", ExportDownloadApi.as_view(), name="api-export-download"),
]
