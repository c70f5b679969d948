"""The registry's REST API under /api/v1/: KIM, their workflow transitions, partnerships
and review cases.

Every read goes through the selectors (and so through the scoping rule: an object out of
scope is a 404); every write is one service call. Who may act is asked of registry/rules.py.
An illegal transition answers 409 and invalid input 400, both with a JSON message.
"""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kimportal.core.access import actor_may
from kimportal.core.api import error_responses, schema_fields_not_for_all
from kimportal.core.errors import TransitionError

from . import services
from .choices import ReviewStatus
from .filters import KimFilter
from .models import Kim, ReviewCase
from .selectors import (
    kim_current_documents,
    kim_get,
    kim_list,
    review_case_get,
    review_case_list,
)
from .serializers import (
    DeactivateInputSerializer,
    KimDetailSerializer,
    KimInputSerializer,
    KimPublicSerializer,
    KimSummarySerializer,
    KimUpdateInputSerializer,
    PartnershipInputSerializer,
    PartnershipSerializer,
    ReviewCaseSerializer,
    ReviewCaseSummarySerializer,
    ReviewCommentInputSerializer,
    ReviewCommentSerializer,
    ReviewContinueInputSerializer,
    ReviewOpenInputSerializer,
    ReviewTerminateInputSerializer,
    VerificationInputSerializer,
)

# Every transition may answer each of these (see require_transition and the services).
ERROR_RESPONSES = error_responses(400, 403, 404, 409)
# A list answers 404 for a page number past the end or not a number.
LIST_ERRORS = error_responses(404)


# What KimDetailSerializer reads besides the KIM row (and its current documents),
# fetched in one query each.
KIM_DETAIL_RELATIONS = (
    "coverage_villages",
    "channels",
    "officers",
    "partnerships",
)


def _with_detail_relations(kim: Kim, user) -> Kim:
    """`kim` with everything KimDetailSerializer reads attached."""
    prefetch_related_objects([kim], *KIM_DETAIL_RELATIONS)
    kim.current_documents = list(kim_current_documents(user=user, kim=kim))
    return kim


def require_transition(user, perm: str, obj, *, state_label: str) -> None:
    """403 when the user's role may never do this; 409 when the object's state forbids
    it now."""
    if user.has_perm(perm, obj):
        return
    if not actor_may(user, perm, obj):
        raise PermissionDenied
    raise TransitionError(
        gettext("Tindakan ini tidak dapat dilakukan pada status saat ini (%(state)s).")
        % {"state": state_label}
    )


# Agencies (K/L) get KimPublicSerializer's fields only, from the same list and detail.
for _serializer in (KimSummarySerializer, KimDetailSerializer):
    schema_fields_not_for_all(
        _serializer.__name__.removesuffix("Serializer"),
        set(_serializer.Meta.fields) - set(KimPublicSerializer.Meta.fields),
    )


def _kim_list_parameters() -> list[OpenApiParameter]:
    parameters = []
    for name, field in KimFilter.base_filters.items():
        choices = field.extra.get("choices")
        parameters.append(
            OpenApiParameter(
                name,
                OpenApiTypes.STR,
                enum=[value for value, _label in choices] if choices else None,
                description=str(field.label),
            )
        )
    return parameters


class KimViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """KIM in the caller's scope. Agencies (K/L) see verified KIM with public fields
    only; a KIM user sees its own KIM."""

    queryset = Kim.objects.none()  # for the schema; requests read through selectors
    filter_backends: list = []
    lookup_value_regex = r"\d+"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Kim.objects.none()
        return kim_list(
            user=self.request.user, filters=self.request.query_params
        ).select_related("village__parent__parent__parent")

    def get_object(self):
        kim = kim_get(user=self.request.user, pk=self.kwargs["pk"])
        if self.action == "retrieve" and not self.request.user.is_agency:
            _with_detail_relations(kim, self.request.user)
        return kim

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):
            return KimDetailSerializer
        if self.request.user.is_agency:
            return KimPublicSerializer
        if self.action == "list":
            return KimSummarySerializer
        return KimDetailSerializer

    def _detail(self, kim, *, status_code=status.HTTP_200_OK):
        # Read again through the scope: the service may have changed what is visible.
        kim = _with_detail_relations(
            kim_get(user=self.request.user, pk=kim.pk), self.request.user
        )
        serializer = KimDetailSerializer(kim, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)

    @extend_schema(
        summary=_("Daftar KIM"),
        parameters=_kim_list_parameters(),
        responses={200: KimSummarySerializer(many=True), **LIST_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Satu KIM"),
        responses={200: KimDetailSerializer, **error_responses(404)},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary=_("Daftarkan KIM (draf)"),
        request=KimInputSerializer,
        examples=[
            # The least a draft needs; everything else may follow before submitting.
            OpenApiExample(
                "Draf minimal",
                value={"village": "35.07.01.2001", "name": "KIM Tulungrejo Maju"},
                request_only=True,
            )
        ],
        responses={
            201: KimDetailSerializer,
            **error_responses(400, 403),
        },
    )
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("registry.add_kim"):
            raise PermissionDenied
        serializer = KimInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kim = services.kim_create(
            created_by=request.user,
            village_code=data.pop("village"),
            coverage_codes=data.pop("coverage", ()),
            officers=[dict(o) for o in data.pop("officers", ())],
            channels=[dict(c) for c in data.pop("channels", ())],
            from_old_list=data.pop("from_old_list", False),
            data=data,
        )
        return self._detail(kim, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Ubah profil KIM"),
        request=KimUpdateInputSerializer,
        responses={
            200: KimDetailSerializer,
            **ERROR_RESPONSES,
        },
    )
    def update(self, request, *args, partial=False, **kwargs):
        kim = self.get_object()
        if not request.user.has_perm("registry.change_kim", kim):
            raise PermissionDenied
        serializer = KimUpdateInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        officers = data.pop("officers", None)
        channels = data.pop("channels", None)
        kim = services.kim_update(
            kim=kim,
            updated_by=request.user,
            village_code=data.pop("village", None),
            coverage_codes=data.pop("coverage", None),
            officers=None if officers is None else [dict(o) for o in officers],
            channels=None if channels is None else [dict(c) for c in channels],
            data=data,
        )
        return self._detail(kim)

    @extend_schema(
        summary=_("Ubah sebagian profil KIM"),
        request=KimUpdateInputSerializer,
        responses={
            200: KimDetailSerializer,
            **ERROR_RESPONSES,
        },
    )
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def _kim_for(self, perm: str) -> Kim:
        kim = self.get_object()
        require_transition(
            self.request.user, perm, kim, state_label=kim.get_status_display()
        )
        return kim

    @extend_schema(
        summary=_("Ajukan KIM untuk verifikasi"),
        request=None,
        responses={200: KimDetailSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        kim = self._kim_for("registry.submit_kim")
        kim = services.kim_submit(kim=kim, submitted_by=request.user)
        return self._detail(kim)

    @extend_schema(
        summary=_("Verifikasi KIM (terbitkan NIK)"),
        request=VerificationInputSerializer,
        responses={200: KimDetailSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._decide_verification(services.kim_verify)

    @extend_schema(
        summary=_("Tolak pendaftaran KIM"),
        request=VerificationInputSerializer,
        responses={200: KimDetailSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide_verification(services.kim_reject)

    def _decide_verification(self, service):
        """Verify or reject: the checklist goes to `service` (kim_verify/kim_reject)."""
        kim = self._kim_for("registry.verify_kim")
        serializer = VerificationInputSerializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        kim = service(
            kim=kim,
            verified_by=self.request.user,
            items=serializer.service_items(),
            note=serializer.validated_data["note"],
        )
        return self._detail(kim)

    @extend_schema(
        summary=_("Nonaktifkan KIM"),
        request=DeactivateInputSerializer,
        responses={200: KimDetailSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        kim = self._kim_for("registry.deactivate_kim")
        serializer = DeactivateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kim = services.kim_deactivate(
            kim=kim,
            deactivated_by=request.user,
            reason=serializer.validated_data["reason"],
        )
        return self._detail(kim)

    @extend_schema(
        summary=_("Mulai kemitraan"),
        request=PartnershipInputSerializer,
        responses={201: PartnershipSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def partnerships(self, request, pk=None):
        kim = self._kim_for("registry.start_partnership")
        serializer = PartnershipInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        partnership = services.partnership_start(
            kim=kim, started_by=request.user, **serializer.validated_data
        )
        return Response(
            PartnershipSerializer(partnership).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary=_("Buka peninjauan"),
        description=_(
            "JSON, atau multipart bila menyertakan berkas bukti (`evidence`, boleh "
            "lebih dari satu; PDF, JPEG atau PNG)."
        ),
        request={
            "application/json": ReviewOpenInputSerializer,
            "multipart/form-data": ReviewOpenInputSerializer,
        },
        responses={201: ReviewCaseSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def reviews(self, request, pk=None):
        kim = self._kim_for("registry.open_review")
        serializer = ReviewOpenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = services.review_open(
            kim=kim,
            opened_by=request.user,
            grounds=data["grounds"],
            notes=data["notes"],
            evidence=[(upload, "") for upload in data["evidence"]],
        )
        case = review_case_get(user=request.user, pk=case.pk)
        return Response(
            _case_data(case, self.get_serializer_context()),
            status=status.HTTP_201_CREATED,
        )


def _case_data(case: ReviewCase, context) -> dict:
    prefetch_related_objects([case], "evidence", "comments__author")
    return ReviewCaseSerializer(case, context=context).data


class ReviewCaseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Review cases (peninjauan) in the caller's scope, for Dinas officers and the
    ministry."""

    queryset = (
        ReviewCase.objects.none()
    )  # for the schema; requests read through selectors
    filter_backends: list = []
    lookup_value_regex = r"\d+"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The same answer for every case id: a KIM or agency user learns nothing.
        if not request.user.has_perm("registry.view_kim"):
            raise PermissionDenied

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ReviewCase.objects.none()
        wanted = self.request.query_params.get("status")
        return review_case_list(
            user=self.request.user,
            status=wanted if wanted in ReviewStatus.values else None,
        )

    def get_object(self):
        return review_case_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_serializer_class(self):
        return (
            ReviewCaseSummarySerializer
            if self.action == "list"
            else ReviewCaseSerializer
        )

    def _respond(self, case, *, status_code=status.HTTP_200_OK):
        case = review_case_get(user=self.request.user, pk=case.pk)
        return Response(
            _case_data(case, self.get_serializer_context()), status=status_code
        )

    @extend_schema(
        summary=_("Daftar kasus peninjauan"),
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=ReviewStatus.values)
        ],
        responses={
            200: ReviewCaseSummarySerializer(many=True),
            **error_responses(403, 404),
        },
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("Satu kasus peninjauan"),
        responses={200: ReviewCaseSerializer, **error_responses(403, 404)},
    )
    def retrieve(self, request, *args, **kwargs):
        return self._respond(self.get_object())

    @extend_schema(
        summary=_("Tambah komentar"),
        request=ReviewCommentInputSerializer,
        responses={201: ReviewCommentSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        case = self.get_object()
        require_transition(
            request.user,
            "registry.comment_review",
            case,
            state_label=case.get_status_display(),
        )
        serializer = ReviewCommentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.review_comment_add(
            case=case, author=request.user, body=serializer.validated_data["body"]
        )
        return Response(
            ReviewCommentSerializer(comment).data, status=status.HTTP_201_CREATED
        )

    def _case_for_decision(self) -> ReviewCase:
        case = self.get_object()
        require_transition(
            self.request.user,
            "registry.decide_review",
            case,
            state_label=case.get_status_display(),
        )
        return case

    @extend_schema(
        summary=_("Tutup peninjauan: kemitraan dilanjutkan"),
        request=ReviewContinueInputSerializer,
        responses={200: ReviewCaseSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"], url_path="continue", url_name="continue")
    def continue_partnership(self, request, pk=None):
        case = self._case_for_decision()
        serializer = ReviewContinueInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.review_continue(
            case=case, decided_by=request.user, note=serializer.validated_data["note"]
        )
        return self._respond(case)

    @extend_schema(
        summary=_("Tutup peninjauan: kemitraan diputus"),
        request={"multipart/form-data": ReviewTerminateInputSerializer},
        responses={200: ReviewCaseSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def terminate(self, request, pk=None):
        case = self._case_for_decision()
        serializer = ReviewTerminateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.review_terminate(
            case=case, decided_by=request.user, **serializer.validated_data
        )
        return self._respond(case)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("kim", KimViewSet, basename="api-kim")
router.register("reviews", ReviewCaseViewSet, basename="api-review")
urlpatterns = router.urls
