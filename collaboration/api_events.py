"""The events API: `events/` (with `invitations/` and `attendance/`),
`certificates/` and the public `certificates/<code>/verify/`. Reads through the
selectors (out of scope → 404), writes through one service each (wrong actor → 403,
wrong state → 409, bad input → 400)."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, Throttled
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from kimportal.core import throttle
from kimportal.core.api import error_response, error_responses

from .models import Certificate, Event
from .selectors_events import (
    certificate_list,
    certificate_public,
    event_get,
    event_invitations,
    event_list,
)
from .serializers_events import (
    CertificateSerializer,
    CertificateVerificationSerializer,
    CheckInInputSerializer,
    CheckInResultSerializer,
    EventSerializer,
    InvitationSerializer,
    InviteInputSerializer,
    InviteResultSerializer,
)
from .services.attendance import attendance_record
from .services.invitations import invitations_send
from .views.certificates import VERIFY_PER_ADDRESS_PER_HOUR

READ_ERRORS = error_responses(403)
WRITE_ERRORS = error_responses(400, 403, 404, 409)


class StaffOnly:
    """Events are managed by Dinas staff: KIM users and agencies get 403 here (a KIM
    reads its certificates under `certificates/`)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm("collaboration.manage_events"):
            raise PermissionDenied


class EventViewSet(
    StaffOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Capacity-building events held in the caller's region."""

    queryset = Event.objects.none()
    serializer_class = EventSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    @extend_schema(responses={200: EventSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: EventSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Event.objects.none()
        return event_list(user=self.request.user)

    def get_object(self):
        return event_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        methods=["get"],
        responses={200: InvitationSerializer(many=True), **READ_ERRORS},
    )
    @extend_schema(
        methods=["post"],
        request=InviteInputSerializer,
        responses={201: InviteResultSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def invitations(self, request, pk=None, format=None):
        """GET: everyone invited. POST: invite KIM (ids from the targeting selector)."""
        event = self.get_object()
        if request.method == "GET":
            rows = event_invitations(event=event)
            return Response(InvitationSerializer(rows, many=True).data)
        serializer = InviteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = invitations_send(
            actor=request.user, event=event, kim_ids=serializer.validated_data["kims"]
        )
        return Response({"created": created}, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=CheckInInputSerializer,
        responses={
            201: CheckInResultSerializer,
            200: OpenApiResponse(
                CheckInResultSerializer, description=_("Sudah tercatat hari itu.")
            ),
            **WRITE_ERRORS,
        },
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None, format=None):
        """Check in the holder of a scanned code; a repeat of the same day is 200 and
        records nothing (an offline queue may replay it safely)."""
        event = self.get_object()
        serializer = CheckInInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        check_in = attendance_record(
            actor=request.user,
            event=event,
            code=data["code"],
            scanned_at=data.get("scanned_at"),
        )
        row = check_in.attendance
        body = {
            "created": check_in.created,
            "invitation": row.invitation_id,
            "name": row.invitation.name,
            "role": row.invitation.role,
            "day": row.day,
            "checked_in_at": row.checked_in_at,
        }
        code = status.HTTP_201_CREATED if check_in.created else status.HTTP_200_OK
        return Response(CheckInResultSerializer(body).data, status=code)


class CertificateViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Certificates: of the office's events, or of the caller's own KIM."""

    queryset = Certificate.objects.none()
    serializer_class = CertificateSerializer
    filter_backends: list = []

    @extend_schema(responses={200: CertificateSerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Certificate.objects.none()
        return certificate_list(user=self.request.user)


class CertificateVerifyView(APIView):
    """Public: name, event, dates, issuing office and validity of a certificate code."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses={
            200: CertificateVerificationSerializer,
            404: error_response(404, _("Kode sertifikat tidak dikenal.")),
            429: error_response(403, _("Terlalu banyak permintaan.")),
        }
    )
    def get(self, request, code: str):
        if not throttle.allow(
            request,
            action="certificate-verify",
            limit=VERIFY_PER_ADDRESS_PER_HOUR,
            window_seconds=3600,
        ):
            raise Throttled
        certificate = certificate_public(code=code)
        if certificate is None:
            raise Http404
        return Response(CertificateVerificationSerializer(certificate).data)


def register(router) -> list:
    """Add the events routes to collaboration's router; return the extra paths."""
    router.register("events", EventViewSet, basename="api-event")
    router.register("certificates", CertificateViewSet, basename="api-certificate")
    return [
        path(
            "certificates/<str:code>/verify/",
            CertificateVerifyView.as_view(),
            name="api-certificate-verify",
        )
    ]
