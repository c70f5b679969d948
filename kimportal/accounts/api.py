"""`/api/v1/auth/token/`: obtain (POST) and revoke (DELETE) an API token."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox.auth import TokenAuthentication
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kimportal.core.api import error_responses

from . import mfa
from .events import security_event
from .tokens import token_issue, token_revoke_instance


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    otp = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy(
            "Kode verifikasi dua langkah (wajib untuk akun staf) atau kode pemulihan."
        ),
    )

    def validate(self, attrs):
        request = self.context["request"]
        user = authenticate(
            request=request, username=attrs["username"], password=attrs["password"]
        )
        if user is None:
            raise serializers.ValidationError(
                _("Nama pengguna atau kata sandi salah."), code="authorization"
            )
        if mfa.mfa_needed(user):
            if mfa.confirmed_totp(user) is None:
                raise serializers.ValidationError(
                    {
                        "otp": _(
                            "Aktifkan verifikasi dua langkah di situs dahulu, lalu "
                            "minta token lagi."
                        )
                    }
                )
            if not mfa.verify_code(user, attrs.get("otp", "")):
                security_event("mfa_failed", request=request, user=user, via="api")
                raise serializers.ValidationError(
                    {"otp": _("Kode verifikasi salah atau sudah dipakai.")}
                )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField()


class AuthTokenApi(APIView):
    """An API token for a username, password and (staff) second-factor code, used as
    `Authorization: Token <token>` until `expiry`; DELETE revokes the token presented."""

    permission_classes = [AllowAny]
    authentication_classes = [TokenAuthentication]

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            **error_responses(400),
            # django-axes: too many failed attempts for this username from this address.
            (429, "text/html"): OpenApiResponse(
                OpenApiTypes.STR,
                description=gettext_lazy("Terlalu banyak percobaan masuk."),
            ),
        },
    )
    def post(self, request):
        serializer = TokenRequestSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        instance, token = token_issue(
            user=serializer.validated_data["user"], request=request
        )
        return Response(
            TokenSerializer({"token": token, "expiry": instance.expiry}).data
        )

    @extend_schema(
        request=None,
        responses={204: None, **error_responses(401)},
    )
    def delete(self, request):
        token_revoke_instance(token=request.auth, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
