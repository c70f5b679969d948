"""`GET /api/v1/security-events/`: the security log for the ministry (all) and for a
Dinas office (its own), filtered like the page."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import ListAPIView

from kimportal.core.api import error_responses

from .forms import SecurityEventFilterForm
from .models import SecurityEvent, SecurityEventKind
from .selectors import may_read_security_log, security_event_list
from .serializers import SecurityEventSerializer


class SecurityEventListApi(ListAPIView):
    """Security events, newest first."""

    queryset = SecurityEvent.objects.none()
    serializer_class = SecurityEventSerializer
    filter_backends: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=SecurityEventKind.values),
            OpenApiParameter("username", OpenApiTypes.STR),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
        ],
        responses={
            200: SecurityEventSerializer(many=True),
            **error_responses(400, 403),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not may_read_security_log(self.request.user):
            raise PermissionDenied
        form = SecurityEventFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        data = form.cleaned_data
        return security_event_list(
            user=self.request.user,
            kind=data["kind"] or None,
            username=data["username"] or None,
            date_from=data["date_from"],
            date_to=data["date_to"],
        )


urlpatterns = [
    path(
        "security-events/",
        SecurityEventListApi.as_view(),
        name="api-security-event-list",
    ),
]
