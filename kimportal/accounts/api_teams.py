"""`/api/v1/team/`: the people of the caller's office (the ministry: of any office with
`?office=`), inviting a colleague, deactivating one, making one site admin."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kimportal.core.api import error_responses

from .models import Office, User
from .selectors import office_get_for_team, team_member_get, team_members
from .teams import officer_deactivate, officer_invite, site_admin_grant

ERRORS = error_responses(400, 403, 404, 409)


class TeamMemberSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "position",
            "role",
            "office",
            "is_active",
            "is_site_admin",
            "last_login",
        ]
        read_only_fields = fields


class InviteSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    position = serializers.CharField(max_length=120, required=False, allow_blank=True)
    office = serializers.IntegerField(
        required=False, help_text=_("Kantor tujuan (hanya Kementerian).")
    )


class TeamViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = TeamMemberSerializer
    queryset = User.objects.none()  # the schema's model; requests use get_queryset

    def _office(self, office_id=None) -> Office:
        user = self.request.user
        if office_id in (None, "") or not user.is_ministry:
            office_id = user.office_id
        try:
            pk = int(office_id)
        except (TypeError, ValueError):
            raise Http404 from None
        return office_get_for_team(user=user, pk=pk)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return User.objects.none()
        if self.action == "list":
            return team_members(
                office=self._office(self.request.query_params.get("office"))
            )
        return User.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "office", int, description=_("Kantor (hanya Kementerian).")
            )
        ],
        responses={
            200: TeamMemberSerializer(many=True),
            **error_responses(400, 404),
        },
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=InviteSerializer, responses={201: TeamMemberSerializer, **ERRORS}
    )
    def create(self, request):
        data = InviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        office = self._office(fields.pop("office", None))
        user = officer_invite(invited_by=request.user, office=office, **fields)
        return Response(TeamMemberSerializer(user).data, status=201)

    def _act(self, service, pk):
        member = team_member_get(user=self.request.user, pk=pk)
        return Response(
            TeamMemberSerializer(service(user=member, by=self.request.user)).data
        )

    @extend_schema(request=None, responses={200: TeamMemberSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        return self._act(officer_deactivate, pk)

    @extend_schema(request=None, responses={200: TeamMemberSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="site-admin")
    def site_admin(self, request, pk=None):
        return self._act(site_admin_grant, pk)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("team", TeamViewSet, basename="api-team")
urlpatterns = router.urls
