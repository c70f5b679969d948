"""Mapping's REST API under /api/v1/: public issues, assessments (with override and
priority), the grid and the report. Reads go through the selectors (out of scope → 404),
writes through one service each (wrong role or office → 403, bad input → 400)."""

from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from kimportal.core.api import error_responses
from kimportal.security.exports import record_export
from monitoring.selectors import material_list
from registry.selectors import kim_list

from . import services
from .models import Assessment, PublicIssue
from .reports import build_report
from .selectors import (
    approach_counts,
    assessment_get,
    assessment_list,
    period_resolve,
    public_issue_get,
    public_issue_list,
    regency_get,
    setting_get,
)
from .selectors_grid import approach_counts_of, grid_points
from .serializers import (
    AssessmentSerializer,
    NationalInputSerializer,
    OverrideInputSerializer,
    PlanInputSerializer,
    PublicIssueInputSerializer,
    PublicIssueSerializer,
)

# Mapping is for Dinas staff (403 for KIM and agency users); a bad period or kab/kota
# is 400; an object out of scope is 404; a refused transition is 409.
ERROR_RESPONSES = error_responses(400, 403, 404, 409)
READ_ERRORS = error_responses(400, 403)
PERIOD = OpenApiParameter(
    "period", OpenApiTypes.STR, description="2026-Q3, 2026-S2, 2026"
)
REGENCY = OpenApiParameter(
    "regency", OpenApiTypes.STR, description="kode kab/kota, mis. 35.07"
)


# A kab/kota's grid gives every point with its provenance. A province's or the nation's
# is cut to this many points (prioritised first; `counts` stays whole) and leaves the
# provenance to each point's assessment (`assessments/<id>/`): thousands of decoded and
# re-encoded JSON lists were most of its time.
GRID_API_LIMIT = 2000
AREA_GRID_API_LIMIT = 500


class StaffOnly:
    """Mapping is for Dinas staff: agencies and KIM users get 403."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm("mapping.view"):
            raise PermissionDenied


def _selection(request):
    """The kab/kota (404 out of scope) and period (400 when malformed) asked for."""
    regency = regency_get(user=request.user, code=request.query_params.get("regency"))
    code = regency.code if regency else None
    period = period_resolve(key=request.query_params.get("period"), regency_code=code)
    return regency, period


class PublicIssueViewSet(
    StaffOnly,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Public issues (Tabel 3.2) of the caller's offices, plus national issues."""

    queryset = PublicIssue.objects.none()
    serializer_class = PublicIssueSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    @extend_schema(responses={200: PublicIssueSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: PublicIssueSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PublicIssue.objects.none()
        return public_issue_list(
            user=self.request.user, filters=self.request.query_params
        ).prefetch_related("kims", "materials")

    def get_object(self):
        return public_issue_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            # Linked KIM and material of a national issue may lie outside the
            # caller's scope: only those it may see are listed.
            context["visible_kim_ids"] = set(
                kim_list(user=self.request.user).values_list("pk", flat=True)
            )
            context["visible_material_ids"] = set(
                material_list(user=self.request.user).values_list("pk", flat=True)
            )
        return context

    def _respond(self, issue, code=status.HTTP_200_OK):
        issue = public_issue_get(user=self.request.user, pk=issue.pk)
        return Response(self.get_serializer(issue).data, status=code)

    @extend_schema(
        request=PublicIssueInputSerializer,
        responses={201: PublicIssueSerializer, **ERROR_RESPONSES},
    )
    def create(self, request):
        serializer = PublicIssueInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kim_ids = data.pop("kims", None)
        issue = services.public_issue_create(
            actor=request.user, data=data, kim_ids=kim_ids
        )
        return self._respond(issue, status.HTTP_201_CREATED)

    @extend_schema(
        request=PublicIssueInputSerializer,
        responses={200: PublicIssueSerializer, **ERROR_RESPONSES},
    )
    def partial_update(self, request, pk=None):
        issue = self.get_object()
        serializer = PublicIssueInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kim_ids = data.pop("kims", None)
        material_ids = data.pop("materials", None)
        issue = services.public_issue_update(
            issue=issue,
            actor=request.user,
            data=data,
            kim_ids=kim_ids,
            material_ids=material_ids,
        )
        return self._respond(issue)

    @extend_schema(
        request=NationalInputSerializer,
        responses={200: PublicIssueSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def national(self, request, pk=None):
        issue = self.get_object()
        serializer = NationalInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        issue = services.public_issue_mark_national(
            issue=issue,
            actor=request.user,
            national=serializer.validated_data["national"],
        )
        return self._respond(issue)


class AssessmentViewSet(
    StaffOnly,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Assessments of one period (`period`, default the current one) in the caller's
    scope, or of one kab/kota (`regency`)."""

    queryset = Assessment.objects.none()
    serializer_class = AssessmentSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    @extend_schema(
        parameters=[PERIOD, REGENCY],
        responses={200: AssessmentSerializer(many=True), **READ_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: AssessmentSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assessment.objects.none()
        regency, period = _selection(self.request)
        return assessment_list(
            user=self.request.user,
            period=period.key,
            regency_code=regency.code if regency else None,
        ).select_related("overridden_by", "planned_by")

    def get_object(self):
        return assessment_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        request=OverrideInputSerializer,
        responses={200: AssessmentSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def override(self, request, pk=None):
        assessment = self.get_object()
        serializer = OverrideInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.assessment_override(
            assessment=assessment, actor=request.user, **serializer.validated_data
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        request=PlanInputSerializer,
        responses={200: AssessmentSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def plan(self, request, pk=None):
        assessment = self.get_object()
        serializer = PlanInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.assessment_plan(
            assessment=assessment, actor=request.user, **serializer.validated_data
        )
        return Response(self.get_serializer(self.get_object()).data)


class GridView(StaffOnly, APIView):
    """The grid's points: effective scores, quadrant, previous point, target, priority
    and provenance ids (a kab/kota; for a province or the nation at most 500 points,
    prioritised first, and `provenance` is null: read it on `assessments/<id>/`)."""

    @extend_schema(
        parameters=[PERIOD, REGENCY],
        responses={200: OpenApiTypes.OBJECT, **ERROR_RESPONSES},
    )
    def get(self, request):
        regency, period = _selection(request)
        code = regency.code if regency else None
        setting = setting_get(regency_code=code)
        limit = GRID_API_LIMIT if code else AREA_GRID_API_LIMIT
        points = grid_points(
            user=request.user,
            period=period,
            regency_code=code,
            limit=limit,
            with_provenance=bool(code),
        )
        if code and len(points) < limit:
            counts = approach_counts_of(points)  # every assessment is a point
        else:
            counts = approach_counts(
                user=request.user, period=period, regency_code=code
            )
        return Response(
            {
                "period": period.key,
                "period_start": period.start,
                "period_end": period.end,
                "previous_period": period.previous().key,
                "regency": regency.code if regency else None,
                "thresholds": {
                    "interest": float(setting.interest_threshold),
                    "power": float(setting.power_threshold),
                    "influence": float(setting.influence_threshold),
                },
                "counts": counts,
                "total": sum(counts.values()),
                "truncated": sum(counts.values()) > len(points),
                "points": points,
            }
        )


class _FirstRenderer(DefaultContentNegotiation):
    """`?format=` names the report's file type here, not DRF's renderer; errors are
    always JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ReportView(StaffOnly, APIView):
    """The mapping report as a file: `format=pdf` or `format=xlsx`."""

    content_negotiation_class = _FirstRenderer

    @extend_schema(
        parameters=[
            PERIOD,
            REGENCY,
            OpenApiParameter("format", OpenApiTypes.STR, enum=["pdf", "xlsx"]),
            OpenApiParameter("all", OpenApiTypes.BOOL),
        ],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERROR_RESPONSES},
    )
    def get(self, request):
        from .views.reports import report_file_response

        fmt = request.query_params.get("format") or "pdf"
        if fmt not in ("pdf", "xlsx"):
            raise ValidationError({"format": [str(_("Pilih format pdf atau xlsx."))]})
        regency, period = _selection(request)
        report = build_report(
            user=request.user,
            period=period,
            regency=regency,
            setting=setting_get(regency_code=regency.code if regency else None),
            prioritised_only=request.query_params.get("all") not in ("1", "true"),
        )
        record_export(
            request, name="mapping-report", fmt=fmt, rows=len(report["matrix"])
        )
        return report_file_response(report, fmt)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("public-issues", PublicIssueViewSet, basename="api-public-issue")
router.register("assessments", AssessmentViewSet, basename="api-assessment")
urlpatterns = [
    *router.urls,
    path("mapping/grid/", GridView.as_view(), name="api-mapping-grid"),
    path("mapping/report/", ReportView.as_view(), name="api-mapping-report"),
]
