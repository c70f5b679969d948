"""Monitoring's REST API under /api/v1/: materials (+ publish), dissemination reports
(create with an `Idempotency-Key` header; submit, validate, return) and content items.

Reads go through the selectors (out of scope: 404); writes are one service call each,
which guards itself: a wrong role is 403, a wrong state 409, bad input 400.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kimportal.accounts.models import Role
from kimportal.core.access import actor_may
from registry.selectors import kim_get

from . import services
from .choices import ContentPlatform, ReportState
from .models import ContentItem, DisseminationReport, Material
from .rules import own_kim_id
from .selectors import (
    content_item_get,
    content_item_list,
    material_get,
    material_list,
    report_get,
    report_list,
)
from .serializers import (
    BulkValidateInputSerializer,
    BulkValidateResultSerializer,
    ContentItemSerializer,
    MaterialInputSerializer,
    MaterialSerializer,
    PublishResultSerializer,
    ReportInputSerializer,
    ReportSerializer,
    ReturnInputSerializer,
)

ERRORS = {
    400: OpenApiResponse(description=_("Isian tidak valid (pesan per kolom).")),
    403: OpenApiResponse(description=_("Peran Anda tidak boleh melakukan ini.")),
    404: OpenApiResponse(description=_("Tidak ada, atau di luar wilayah Anda.")),
    409: OpenApiResponse(description=_("Tidak dapat dilakukan pada status saat ini.")),
}


def _errors(*codes):
    return {code: ERRORS[code] for code in codes}


class _ReadersOnly:
    """Agencies (K/L) read the directory, not monitoring: 403 for every action."""

    readers_perm = "monitoring.view_reports"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm(self.readers_perm):
            raise PermissionDenied


class MaterialViewSet(
    _ReadersOnly,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Information material the caller may see (issued in its scope or delivered to KIM
    in its scope; a KIM sees what it received)."""

    readers_perm = "monitoring.view_materials"
    queryset = Material.objects.none()
    serializer_class = MaterialSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Material.objects.none()
        return material_list(
            user=self.request.user, state=self.request.query_params.get("state")
        ).prefetch_related("files")

    def get_object(self):
        return material_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary=_("Daftar bahan informasi"),
        parameters=[OpenApiParameter("state", OpenApiTypes.STR)],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Satu bahan informasi"),
        responses={200: MaterialSerializer, **_errors(404)},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary=_("Buat bahan informasi (draf)"),
        request=MaterialInputSerializer,
        responses={201: MaterialSerializer, **_errors(400, 403)},
    )
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("monitoring.add_material"):
            raise PermissionDenied
        serializer = MaterialInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        material = services.material_create(
            created_by=request.user, data=dict(serializer.validated_data)
        )
        material = material_get(user=request.user, pk=material.pk)
        return Response(
            MaterialSerializer(material).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary=_("Terbitkan ke KIM sasaran"),
        request=None,
        responses={200: PublishResultSerializer, **_errors(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        material = self.get_object()
        delivered = services.material_publish(
            material=material, published_by=request.user
        )
        material = material_get(user=request.user, pk=material.pk)
        return Response(
            {"material": MaterialSerializer(material).data, "delivered": delivered}
        )

    @extend_schema(
        summary=_("Tarik bahan (tidak ditawarkan lagi ke KIM)"),
        request=None,
        responses={200: MaterialSerializer, **_errors(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        material = services.material_withdraw(
            material=self.get_object(), withdrawn_by=request.user
        )
        return Response(
            MaterialSerializer(material_get(user=request.user, pk=material.pk)).data
        )


REPORT_FILTERS = [
    OpenApiParameter("kim", OpenApiTypes.INT),
    OpenApiParameter("month", OpenApiTypes.STR, description="YYYY-MM"),
    OpenApiParameter("state", OpenApiTypes.STR, enum=ReportState.values),
    OpenApiParameter("material", OpenApiTypes.INT),
]


class ReportViewSet(
    _ReadersOnly,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Dissemination reports in the caller's scope, with their evidence links."""

    queryset = DisseminationReport.objects.none()
    serializer_class = ReportSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DisseminationReport.objects.none()
        return report_list(user=self.request.user, filters=self.request.query_params)

    def get_object(self):
        return report_get(user=self.request.user, pk=self.kwargs["pk"])

    def _respond(self, report, *, status_code=status.HTTP_200_OK):
        report = report_get(user=self.request.user, pk=report.pk)
        return Response(ReportSerializer(report).data, status=status_code)

    @extend_schema(summary=_("Daftar laporan diseminasi"), parameters=REPORT_FILTERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Satu laporan"), responses={200: ReportSerializer, **_errors(404)}
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def _kim_for(self, requested: int | None):
        user = self.request.user
        kim_id = own_kim_id(user) if user.effective_role == Role.KIM else requested
        if kim_id is None:
            if user.effective_role == Role.REGENCY:
                from django.core.exceptions import ValidationError

                raise ValidationError({"kim": _("Pilih KIM yang dilaporkan.")})
            raise PermissionDenied
        kim = kim_get(user=user, pk=kim_id)
        if not actor_may(user, "monitoring.create_report", kim):
            raise PermissionDenied
        return kim

    @extend_schema(
        summary=_("Laporkan diseminasi"),
        description=_(
            "Kirim header `Idempotency-Key` (mis. UUID): pengulangan dengan kunci yang "
            "sama mengembalikan laporan yang sama, tidak membuat laporan kedua."
        ),
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER
            )
        ],
        request=ReportInputSerializer,
        responses={
            201: ReportSerializer,
            200: ReportSerializer,
            **_errors(400, 403, 404, 409),
        },
    )
    def create(self, request, *args, **kwargs):
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kim = self._kim_for(data.pop("kim", None))
        key = request.headers.get("Idempotency-Key", "")[:100]
        existing = (
            key
            and DisseminationReport.objects.filter(
                created_by=request.user, idempotency_key=key
            ).exists()
        )
        report = services.report_create(
            kim=kim,
            created_by=request.user,
            data={
                k: data[k]
                for k in (
                    "material",
                    "action_kind",
                    "format",
                    "medium",
                    "activity",
                    "activity_count",
                    "activity_date",
                )
                if k in data
            },
            evidence_urls=data.get("evidence", []),
            photo=data.get("photo"),
            idempotency_key=key,
            submit=data.get("submit", False),
        )
        code = status.HTTP_200_OK if existing else status.HTTP_201_CREATED
        return self._respond(report, status_code=code)

    @extend_schema(
        summary=_("Kirim ke Dinas"),
        request=None,
        responses={200: ReportSerializer, **_errors(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = services.report_submit(
            report=self.get_object(), submitted_by=request.user
        )
        return self._respond(report)

    @extend_schema(
        summary=_("Validasi (Dinas kab/kota)"),
        request=None,
        responses={200: ReportSerializer, **_errors(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def validate(self, request, pk=None):
        report = services.report_validate(
            report=self.get_object(), validated_by=request.user
        )
        return self._respond(report)

    @extend_schema(
        summary=_("Validasi beberapa laporan sekaligus (Dinas kab/kota)"),
        operation_id="reports_validate_many",
        request=BulkValidateInputSerializer,
        responses={200: BulkValidateResultSerializer, **_errors(400, 403, 404, 409)},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="validate",
        url_name="validate-many",
    )
    def validate_many(self, request):
        serializer = BulkValidateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = set(serializer.validated_data["reports"])
        # Every id must be a report the caller can see; otherwise the batch is a 404
        # and nothing is validated (as the queue's bulk action).
        visible = set(
            report_list(user=request.user)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        if visible != ids:
            raise Http404
        count = services.reports_validate(report_ids=ids, validated_by=request.user)
        return Response({"validated": count})

    @extend_schema(
        summary=_("Kembalikan ke KIM dengan alasan"),
        request=ReturnInputSerializer,
        responses={200: ReportSerializer, **_errors(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_report(self, request, pk=None):
        report = self.get_object()
        if not actor_may(request.user, "monitoring.return_report", report):
            raise PermissionDenied
        serializer = ReturnInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_return(
            report=report,
            returned_by=request.user,
            reason=serializer.validated_data["reason"],
        )
        return self._respond(report)


class ContentItemViewSet(
    _ReadersOnly,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Content items (one per post or web page) reported by KIM in the caller's scope."""

    queryset = ContentItem.objects.none()
    serializer_class = ContentItemSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ContentItem.objects.none()
        platform = self.request.query_params.get("platform")
        return content_item_list(
            user=self.request.user,
            platform=platform if platform in ContentPlatform.values else None,
        )

    def get_object(self):
        return content_item_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary=_("Daftar konten"),
        parameters=[
            OpenApiParameter("platform", OpenApiTypes.STR, enum=ContentPlatform.values)
        ],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Satu konten"), responses={200: ContentItemSerializer, **_errors(404)}
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("materials", MaterialViewSet, basename="api-material")
router.register("reports", ReportViewSet, basename="api-report")
router.register("content", ContentItemViewSet, basename="api-content")
urlpatterns = router.urls
