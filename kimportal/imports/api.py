"""Imports over the API: the template of a kind, an upload (a dry run starts), one
import's state with progress, counts and errors, and the confirmation (409 while any
error stands). Out-of-scope imports are 404."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from kimportal.core.api import error_responses

from .kinds import all_import_kinds
from .selectors import import_job_get, may_use_imports
from .services import import_job_confirm, import_job_create, progress_get
from .template import XLSX, template_response


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class ImportCountsSerializer(serializers.Serializer):
    new = serializers.IntegerField(default=0)
    updated = serializers.IntegerField(default=0)
    unchanged = serializers.IntegerField(default=0)
    errors = serializers.IntegerField(default=0)


class ImportProgressSerializer(serializers.Serializer):
    phase = serializers.CharField(allow_blank=True)
    rows_done = serializers.IntegerField()
    rows_total = serializers.IntegerField()
    rows_per_second = serializers.IntegerField()
    seconds_left = serializers.IntegerField()
    percent = serializers.IntegerField()


class ImportJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    state = serializers.CharField()
    original_name = serializers.CharField()
    created_at = serializers.DateTimeField()
    progress = ImportProgressSerializer()
    counts = ImportCountsSerializer()
    errors = ImportErrorSerializer(many=True)
    created_ids = serializers.ListField(child=serializers.IntegerField())


class ImportCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()


class ImportUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[])
    file = serializers.FileField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [k.key for k in all_import_kinds()]


def _job_data(job) -> dict:
    counts = {"new": 0, "updated": 0, "unchanged": 0, "errors": 0, **job.counts}
    return ImportJobSerializer(
        {
            "id": job.pk,
            "kind": job.kind,
            "state": job.state,
            "original_name": job.original_name,
            "created_at": job.created_at,
            "progress": progress_get(job),
            "counts": counts,
            "errors": job.errors,
            "created_ids": job.created_ids,
        }
    ).data


def _staff(request):
    if not may_use_imports(request.user):
        raise Http404


class ImportListApi(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="imports_create",
        summary=_("Unggah berkas impor; pemeriksaan (dry run) dimulai"),
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            201: ImportCreatedSerializer,
            **error_responses(400, 401, 403, 404, 415),
        },
    )
    def post(self, request):
        _staff(request)
        serializer = ImportUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job = import_job_create(
            user=request.user,
            kind=serializer.validated_data["kind"],
            uploaded_file=serializer.validated_data["file"],
        )
        return Response({"id": job.pk}, status=status.HTTP_201_CREATED)


class ImportDetailApi(APIView):
    @extend_schema(
        operation_id="imports_retrieve",
        summary=_("Status, kemajuan, jumlah dan kesalahan satu impor"),
        responses={200: ImportJobSerializer, **error_responses(401, 404)},
    )
    def get(self, request, pk: int):
        _staff(request)
        return Response(_job_data(import_job_get(user=request.user, pk=pk)))


class ImportConfirmApi(APIView):
    @extend_schema(
        operation_id="imports_confirm",
        summary=_("Simpan impor yang lolos pemeriksaan (409 selama ada kesalahan)"),
        request=None,
        responses={200: ImportJobSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request, pk: int):
        _staff(request)
        job = import_job_get(user=request.user, pk=pk)
        job = import_job_confirm(job=job, user=request.user)
        return Response(_job_data(import_job_get(user=request.user, pk=job.pk)))


class ImportTemplateApi(APIView):
    @extend_schema(
        operation_id="imports_template",
        summary=_("Templat XLSX satu jenis impor"),
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY),
            **error_responses(401, 404),
        },
    )
    def get(self, request, kind: str):
        _staff(request)
        return template_response(kind, user=request.user)


urlpatterns = [
    path("", ImportListApi.as_view(), name="api-import-list"),
    path("<int:pk>/", ImportDetailApi.as_view(), name="api-import-detail"),
    path("<int:pk>/confirm/", ImportConfirmApi.as_view(), name="api-import-confirm"),
    path(
        "templates/<str:kind>/", ImportTemplateApi.as_view(), name="api-import-template"
    ),
]
