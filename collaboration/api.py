"""Collaboration's REST API under /api/v1/. Reads go through the selectors (out of
scope → 404), writes through one service each (wrong actor → 403, wrong state → 409,
bad input → 400). Each subject keeps its own block."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kimportal.core.api import error_responses
from registry.selectors import kim_get, kim_own_get

from . import api_awards, api_competitions, api_events, services
from .models import Campaign, CapacityNeed
from .selectors_campaigns import campaign_get, campaign_list
from .selectors_needs import capacity_need_get, capacity_need_list
from .serializers import (
    CampaignDesignSerializer,
    CampaignFeedbackInputSerializer,
    CampaignFeedbackSerializer,
    CampaignFixSerializer,
    CampaignInputSerializer,
    CampaignLaunchSerializer,
    CampaignSerializer,
    CapacityNeedInputSerializer,
    CapacityNeedSerializer,
)

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False

# --- capacity needs and campaigns (collab-needs) ---------------------------------------

READ_ERRORS = error_responses(403)
WRITE_ERRORS = error_responses(400, 403, 404, 409)


class CapacityNeedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Capacity-needs filings (Tabel 4.1): a KIM's own, or those of the staff's scope
    (`latest=1`: each KIM's newest only; `kim`: one KIM). Each POST is a new filing."""

    queryset = CapacityNeed.objects.none()
    serializer_class = CapacityNeedSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm("collaboration.view_capacity_needs"):
            raise PermissionDenied

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CapacityNeed.objects.none()
        params = self.request.query_params
        kim = params.get("kim") or ""
        return capacity_need_list(
            user=self.request.user,
            kim_id=int(kim) if kim.isdigit() and len(kim) < 10 else None,
            latest_only=params.get("latest") in ("1", "true"),
            region=(params.get("region") or "").replace("\x00", "").strip()[:13],
        )

    def get_object(self):
        return capacity_need_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        parameters=[
            OpenApiParameter("kim", OpenApiTypes.INT),
            OpenApiParameter("latest", OpenApiTypes.BOOL),
            OpenApiParameter("region", OpenApiTypes.STR),
        ],
        responses={200: CapacityNeedSerializer(many=True), **READ_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: CapacityNeedSerializer, **error_responses(403, 404)})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=CapacityNeedInputSerializer,
        responses={201: CapacityNeedSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        serializer = CapacityNeedInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kim_id = data.pop("kim", None)
        user = request.user
        if user.is_kim:
            kim = kim_own_get(user=user)
        elif kim_id is None:
            raise Http404
        else:
            kim = kim_get(user=user, pk=kim_id)
        need = services.capacity_need_file(actor=user, kim=kim, data=data)
        need = capacity_need_get(user=user, pk=need.pk)
        return Response(
            CapacityNeedSerializer(need).data, status=status.HTTP_201_CREATED
        )


class CampaignViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Campaigns of the staff's scope, or those the caller's KIM takes part in
    (`state` filters). Transitions are POSTs on the campaign."""

    queryset = Campaign.objects.none()
    serializer_class = CampaignSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm("collaboration.view_campaigns"):
            raise PermissionDenied

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Campaign.objects.none()
        return campaign_list(
            user=self.request.user,
            filters={"state": self.request.query_params.get("state")},
        )

    def get_object(self):
        return campaign_get(user=self.request.user, pk=self.kwargs["pk"])

    def _respond(self, campaign, code=status.HTTP_200_OK):
        campaign = campaign_get(user=self.request.user, pk=campaign.pk)
        return Response(CampaignSerializer(campaign).data, status=code)

    @extend_schema(
        parameters=[OpenApiParameter("state", OpenApiTypes.STR)],
        responses={200: CampaignSerializer(many=True), **READ_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: CampaignSerializer, **error_responses(403, 404)})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=CampaignInputSerializer,
        responses={201: CampaignSerializer, **error_responses(400, 403)},
    )
    def create(self, request):
        serializer = CampaignInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        campaign = services.campaign_create(
            actor=request.user, data=dict(serializer.validated_data)
        )
        return self._respond(campaign, status.HTTP_201_CREATED)

    def _transition(self, service, **kwargs):
        campaign = self.get_object()
        service(actor=self.request.user, campaign=campaign, **kwargs)
        return self._respond(campaign)

    @extend_schema(request=None, responses={200: CampaignSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        return self._transition(services.campaign_open)

    @extend_schema(request=None, responses={200: CampaignSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def collaborate(self, request, pk=None):
        return self._transition(services.campaign_start_collaboration)

    @extend_schema(
        request=CampaignDesignSerializer,
        responses={200: CampaignSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def design(self, request, pk=None):
        serializer = CampaignDesignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._transition(
            services.campaign_design, data=dict(serializer.validated_data)
        )

    @extend_schema(
        request=CampaignLaunchSerializer,
        responses={200: CampaignSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def launch(self, request, pk=None):
        serializer = CampaignLaunchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._transition(
            services.campaign_launch, data=dict(serializer.validated_data)
        )

    @extend_schema(
        request=CampaignFixSerializer,
        responses={200: CampaignSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="fix-period")
    def fix_period(self, request, pk=None):
        serializer = CampaignFixSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._transition(
            services.campaign_fix_period,
            kim_ids=serializer.validated_data["kim_ids"],
        )

    @extend_schema(request=None, responses={200: CampaignSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._transition(services.campaign_close)

    @extend_schema(request=None, responses={200: CampaignSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._transition(services.campaign_cancel)

    @extend_schema(
        request=CampaignFeedbackInputSerializer,
        responses={201: CampaignFeedbackSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        campaign = self.get_object()
        serializer = CampaignFeedbackInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        feedback = services.campaign_feedback_add(
            actor=request.user, campaign=campaign, data=dict(serializer.validated_data)
        )
        return Response(
            CampaignFeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED
        )


router.register("capacity-needs", CapacityNeedViewSet, basename="api-capacity-need")
router.register("campaigns", CampaignViewSet, basename="api-campaign")

# --- events (collab-events) ------------------------------------------------------------
event_paths = api_events.register(router)

# --- competitions and judging (collab-competitions) ----------------------------------
competition_paths = api_competitions.register(router)

# --- awards and nominations (awards) ---------------------------------------------------
award_paths = api_awards.register(router)

urlpatterns = [*event_paths, *competition_paths, *award_paths, *router.urls]
