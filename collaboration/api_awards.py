"""The awards and nominations API: `awards/` (the awards given: the staff's scope or
the caller's own KIM once announced), `award-periods/` (with `ranking/` and `adjust`),
`nominations/` (with the province's and kab/kota's transitions). Reads go through the
selectors (out of scope → 404), writes through one service each (wrong actor → 403,
wrong state → 409, bad input → 400)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from kimportal.core.api import error_responses
from registry.selectors import kim_get

from .models import AwardGrant, AwardPeriod, Nomination
from .selectors_awards import (
    award_entry_get,
    award_grant_get,
    award_grant_list,
    award_period_get,
    award_period_list,
    award_ranking,
)
from .selectors_nominations import (
    nominable_competitions,
    nomination_get,
    nomination_list,
)
from .serializers_awards import (
    AwardAdjustInputSerializer,
    AwardEntrySerializer,
    AwardPeriodSerializer,
    AwardSerializer,
    NominationInputSerializer,
    NominationSerializer,
    ReasonInputSerializer,
)
from .services import awards as award_services
from .services import nominations as nomination_services

READ_ERRORS = error_responses(403)
DETAIL_ERRORS = error_responses(403, 404)
WRITE_ERRORS = error_responses(400, 403, 404, 409)


class _Checked:
    permission = ""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not any(request.user.has_perm(p) for p in self.permission.split()):
            raise PermissionDenied


class AwardViewSet(
    _Checked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Awards given: in the staff's scope, or the caller's KIM's once announced."""

    permission = "collaboration.view_awards collaboration.view_own_awards"
    queryset = AwardGrant.objects.none()
    serializer_class = AwardSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    @extend_schema(responses={200: AwardSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: AwardSerializer, **DETAIL_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AwardGrant.objects.none()
        return award_grant_list(user=self.request.user)

    def get_object(self):
        return award_grant_get(user=self.request.user, pk=self.kwargs["pk"])


class AwardPeriodViewSet(
    _Checked, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Award periods of the staff's scope, their ranking (with each KIM's figures and
    components) and the jury's adjustment of one ranked KIM."""

    permission = "collaboration.view_awards"
    queryset = AwardPeriod.objects.none()
    serializer_class = AwardPeriodSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    @extend_schema(responses={200: AwardPeriodSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: AwardPeriodSerializer, **DETAIL_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AwardPeriod.objects.none()
        return award_period_list(user=self.request.user)

    def get_object(self):
        return award_period_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(responses={200: AwardEntrySerializer(many=True), **DETAIL_ERRORS})
    @action(detail=True, methods=["get"])
    def ranking(self, request, pk=None, format=None):
        period = self.get_object()
        page = self.paginate_queryset(award_ranking(period=period))
        return self.get_paginated_response(AwardEntrySerializer(page, many=True).data)

    @extend_schema(
        request=AwardAdjustInputSerializer,
        responses={200: AwardEntrySerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=r"ranking/(?P<entry_pk>\d+)/adjust")
    def adjust(self, request, pk=None, entry_pk=None, format=None):
        """Set (or, with a null score, clear) the final total of one ranked KIM; a
        reason of at least 10 characters is required."""
        period = self.get_object()
        entry = award_entry_get(user=request.user, pk=entry_pk)
        if entry.period_id != period.pk:
            raise Http404
        serializer = AwardAdjustInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = award_services.award_entry_adjust(
            actor=request.user,
            entry=entry,
            score=serializer.validated_data["score"],
            reason=serializer.validated_data["reason"],
        )
        return Response(AwardEntrySerializer(entry).data)


class NominationViewSet(
    _Checked,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Nominations for province and national competitions: the kab/kota's own, its
    province's, the ministry's forwarded national ones, or a KIM's own. POST nominates
    (kab/kota); transitions are POSTs on the nomination."""

    permission = "collaboration.view_nominations"
    queryset = Nomination.objects.none()
    serializer_class = NominationSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    @extend_schema(responses={200: NominationSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: NominationSerializer, **DETAIL_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Nomination.objects.none()
        return nomination_list(user=self.request.user)

    def get_object(self):
        return nomination_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        request=NominationInputSerializer,
        responses={201: NominationSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        if not request.user.has_perm("collaboration.nominate"):
            raise PermissionDenied
        serializer = NominationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        competition = (
            nominable_competitions(user=request.user)
            .filter(pk=data.pop("competition"))
            .first()
        )
        if competition is None:
            raise Http404
        kim = kim_get(user=request.user, pk=data.pop("kim"))
        nomination = nomination_services.nomination_create(
            actor=request.user, competition=competition, kim=kim, data=data
        )
        nomination = nomination_get(user=request.user, pk=nomination.pk)
        return Response(
            NominationSerializer(nomination).data, status=status.HTTP_201_CREATED
        )

    def _transition(self, run):
        nomination = self.get_object()
        serializer = ReasonInputSerializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data.get("reason", "")
        run(actor=self.request.user, nomination=nomination, reason=reason)
        return Response(NominationSerializer(self.get_object()).data)

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: NominationSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def select(self, request, pk=None, format=None):
        """The province selects (`reason`: an optional note)."""
        return self._transition(
            lambda actor, nomination, reason: nomination_services.nomination_select(
                actor=actor, nomination=nomination, note=reason
            )
        )

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: NominationSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None, format=None):
        return self._transition(nomination_services.nomination_decline)

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: NominationSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None, format=None):
        return self._transition(
            lambda actor, nomination, reason: nomination_services.nomination_forward(
                actor=actor, nomination=nomination
            )
        )

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: NominationSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, format=None):
        return self._transition(nomination_services.nomination_withdraw)


def register(router) -> list:
    """Add the awards and nominations routes to collaboration's router."""
    router.register("awards", AwardViewSet, basename="api-award")
    router.register("award-periods", AwardPeriodViewSet, basename="api-award-period")
    router.register("nominations", NominationViewSet, basename="api-nomination")
    return []
