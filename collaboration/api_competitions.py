"""The competitions API: `competitions/` with `entries/`, `jurors/`, `conflicts/`,
`scores/`, `results/`, `compute/` and `publish/`.

Who reads what:
- the office and the staff above it (the scoping rule): everything, results pending or
  published;
- a KIM: competitions open to it and those it entered, its own entries, its own
  published results;
- a juror (an account with a seat): the competitions it sits on and only the entries
  assigned to it, shaped by `juror_entry_view` (no KIM under blind judging); its own
  conflicts and score sheets, others' only after submitting (when the competition
  shows them). An entry not assigned to it answers 404; scoring one it declared a
  conflict on answers 409.
Agencies get 403. Writes go through one service each (wrong actor → 403, wrong state →
409, bad input → 400)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from kimportal.core.api import error_responses
from kimportal.core.scoping import scoped

from .models import Assignment, Competition, Conflict, Entry
from .selectors_competitions import (
    competition_list,
    competitions_open_for_kim,
    entry_list,
    juror_list,
    kim_entries,
    result_list,
)
from .selectors_judging import (
    conflict_list,
    juror_assignments,
    juror_entry_view,
    juror_seats,
    others_scores,
    score_sheets,
)
from .serializers_competitions import (
    CompetitionInputSerializer,
    CompetitionSerializer,
    ConflictInputSerializer,
    ConflictSerializer,
    EntryInputSerializer,
    EntrySerializer,
    JurorInputSerializer,
    JurorSerializer,
    ResultSerializer,
    ScoreInputSerializer,
    ScoreSheetSerializer,
)
from .services import competitions as services
from .services import entries as entry_services
from .services import judging as judging_services

READ_ERRORS = error_responses(403, 404)
WRITE_ERRORS = error_responses(400, 403, 404, 409)


def _visible_ids(user):
    """Ids of the competitions `user` may read: its scope (staff), open to or entered
    by its KIM, or those it sits on as a juror."""
    ids = set(competition_list(user=user).values_list("pk", flat=True))
    if user.is_kim:
        ids |= set(competitions_open_for_kim(user=user).values_list("pk", flat=True))
    ids |= set(juror_seats(user=user).values_list("competition_id", flat=True))
    return ids


def _is_staff_reader(user, competition) -> bool:
    """Staff whose scope holds the competition (the office, the province above, the
    ministry): they read every entry with its KIM."""
    return (
        user.has_perm("collaboration.manage_competitions")
        and scoped(Competition.objects.filter(pk=competition.pk), user).exists()
    )


def _entry_data(entry: Entry) -> dict:
    return {
        "id": entry.pk,
        "competition": entry.competition_id,
        "category": entry.category_id,
        "category_name": entry.category.name,
        "kim": entry.kim_id,
        "kim_name": entry.kim.name,
        "title": entry.title,
        "description": entry.description,
        "link": entry.link,
        "has_file": bool(entry.file),
        "team": entry.team or [],
        "status": entry.status,
        "round": entry.round,
        "submitted_at": entry.submitted_at,
        "assignment": None,
        "conflict": None,
        "scores_submitted_at": None,
    }


def _juror_entry_data(assignment: Assignment) -> dict:
    view = juror_entry_view(assignment)
    entry = assignment.entry
    return {
        "id": entry.pk,
        "competition": entry.competition_id,
        "category": entry.category_id,
        "category_name": view["category"],
        "kim": None if view["blind"] else entry.kim_id,
        "kim_name": view["kim_name"],
        "title": view["title"],
        "description": view["description"],
        "link": view["link"],
        "has_file": view["has_file"],
        "team": view["team"],
        "status": entry.status,
        "round": assignment.round,
        "submitted_at": entry.submitted_at,
        "assignment": assignment.pk,
        "conflict": view["conflict"],
        "scores_submitted_at": view["submitted_at"],
    }


def _sheet(assignment: Assignment, *, juror=None) -> dict:
    return {
        "entry": assignment.entry_id,
        "juror": juror,
        "submitted_at": assignment.submitted_at,
        "scores": [
            {"criterion": s.criterion_id, "value": s.value, "comment": s.comment}
            for s in assignment.scores.all()
        ],
    }


class CompetitionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Competitions the caller may read (see the module's docstring)."""

    queryset = Competition.objects.none()
    serializer_class = CompetitionSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        user = request.user
        if not (user.has_perm("collaboration.view_competitions") or user.is_juror):
            raise PermissionDenied

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Competition.objects.none()
        return (
            Competition.objects.filter(pk__in=_visible_ids(self.request.user))
            .prefetch_related("categories__criteria")
            .order_by("-registration_opens_on", "-id")
        )

    def get_object(self):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except (Competition.DoesNotExist, ValueError) as exc:
            raise Http404 from exc

    @extend_schema(responses={200: CompetitionSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: CompetitionSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=CompetitionInputSerializer,
        responses={201: CompetitionSerializer, **error_responses(400, 403)},
    )
    def create(self, request):
        """Plan a competition of the caller's office, with categories and criteria."""
        serializer = CompetitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        categories = data.pop("categories")
        competition = services.competition_create(
            actor=request.user, data=data, categories=categories
        )
        return Response(
            CompetitionSerializer(competition).data, status=status.HTTP_201_CREATED
        )

    def _own_assignment(self, competition, entry_id) -> Assignment:
        """The caller's assignment of `entry_id` (current round first); 404 when the
        entry is not assigned to it."""
        assignment = (
            juror_assignments(user=self.request.user, competition_id=competition.pk)
            .filter(entry_id=entry_id)
            .order_by("-id")
            .first()
        )
        if assignment is None:
            raise Http404
        return assignment

    @extend_schema(
        methods=["get"], responses={200: EntrySerializer(many=True), **READ_ERRORS}
    )
    @extend_schema(
        methods=["post"],
        request=EntryInputSerializer,
        responses={201: EntrySerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def entries(self, request, pk=None, format=None):
        """GET: the entries the caller may see (office: all; KIM: its own; juror: those
        assigned to it). POST: the caller's KIM enters a work (as a link)."""
        competition = self.get_object()
        user = request.user
        if request.method == "POST":
            serializer = EntryInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            entry = entry_services.entry_submit(
                actor=user, competition=competition, data=serializer.validated_data
            )
            return Response(
                EntrySerializer(_entry_data(entry)).data,
                status=status.HTTP_201_CREATED,
            )
        if _is_staff_reader(user, competition):
            rows = [
                _entry_data(e) for e in entry_list(user=user, competition=competition)
            ]
        elif user.is_kim:
            rows = [
                _entry_data(e)
                for e in kim_entries(user=user).filter(competition=competition)
            ]
        else:
            rows = [
                _juror_entry_data(a)
                for a in juror_assignments(user=user, competition_id=competition.pk)
            ]
        return Response(EntrySerializer(rows, many=True).data)

    @extend_schema(
        methods=["get"], responses={200: JurorSerializer(many=True), **READ_ERRORS}
    )
    @extend_schema(
        methods=["post"],
        request=JurorInputSerializer,
        responses={201: JurorSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def jurors(self, request, pk=None, format=None):
        """GET: the jury with its progress (staff). POST: seat an account (the office),
        by default with every entry of the current round assigned."""
        competition = self.get_object()
        if not _is_staff_reader(request.user, competition):
            raise PermissionDenied
        if request.method == "GET":
            return Response(
                JurorSerializer(juror_list(competition=competition), many=True).data
            )
        serializer = JurorInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        juror = services.juror_seat_by_username(
            actor=request.user,
            competition=competition,
            username=data["username"],
            expertise=data.get("expertise", ""),
            assign_all=data["assign_all"],
        )
        row = juror_list(competition=competition).get(pk=juror.pk)
        return Response(JurorSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["get"], responses={200: ConflictSerializer(many=True), **READ_ERRORS}
    )
    @extend_schema(
        methods=["post"],
        request=ConflictInputSerializer,
        responses={201: ConflictSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def conflicts(self, request, pk=None, format=None):
        """GET: declared conflicts (office: all; juror: its own). POST: the juror
        declares a conflict or recuses on an entry assigned to it."""
        competition = self.get_object()
        user = request.user
        if request.method == "POST":
            serializer = ConflictInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            assignment = self._own_assignment(competition, data["entry"])
            conflict = judging_services.conflict_declare(
                actor=user,
                assignment=assignment,
                kind=data["kind"],
                reason=data.get("reason", ""),
            )
            body = _conflict_data(conflict)
            return Response(
                ConflictSerializer(body).data, status=status.HTTP_201_CREATED
            )
        if _is_staff_reader(user, competition):
            rows = conflict_list(competition=competition)
        elif user.is_kim:
            raise PermissionDenied
        else:
            rows = conflict_list(competition=competition, juror_user=user)
        body = [_conflict_data(c) for c in rows]
        return Response(ConflictSerializer(body, many=True).data)

    @extend_schema(
        methods=["get"],
        responses={200: ScoreSheetSerializer(many=True), **READ_ERRORS},
    )
    @extend_schema(
        methods=["post"],
        request=ScoreInputSerializer,
        responses={200: ScoreSheetSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def scores(self, request, pk=None, format=None):
        """GET: score sheets (office: every sheet; juror: its own, and the others'
        numbered sheets of an entry once it submitted, when the competition shows
        them). POST: the juror saves or submits its scores on an assigned entry."""
        competition = self.get_object()
        user = request.user
        if request.method == "POST":
            serializer = ScoreInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            assignment = self._own_assignment(competition, data["entry"])
            judging_services.scores_save(
                actor=user,
                assignment=assignment,
                scores=data["scores"],
                submit=data["submit"],
            )
            assignment = score_sheets(competition=competition).get(pk=assignment.pk)
            return Response(ScoreSheetSerializer(_sheet(assignment)).data)
        if _is_staff_reader(user, competition):
            sheets = [
                _sheet(a, juror=a.juror_id)
                for a in score_sheets(competition=competition)
            ]
            return Response(ScoreSheetSerializer(sheets, many=True).data)
        if user.is_kim:
            raise PermissionDenied
        sheets = []
        for assignment in juror_assignments(
            user=user, competition_id=competition.pk
        ).prefetch_related("scores"):
            sheets.append(_sheet(assignment))
            for other in others_scores(assignment=assignment) or []:
                # Another juror's sheet: numbered on the page, anonymous here.
                sheets.append(
                    {
                        "entry": assignment.entry_id,
                        "juror": None,
                        "submitted_at": other["submitted_at"],
                        "scores": [
                            {
                                "criterion": s["criterion_id"],
                                "value": s["value"],
                                "comment": s["comment"],
                            }
                            for s in other["scores"]
                        ],
                    }
                )
        return Response(ScoreSheetSerializer(sheets, many=True).data)

    @extend_schema(responses={200: ResultSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request, pk=None, format=None):
        """The results: pending and published for the staff in scope; published only
        for anyone else (a KIM: its own entries')."""
        competition = self.get_object()
        rows = result_list(user=request.user, competition=competition)
        return Response(ResultSerializer(rows, many=True).data)

    @extend_schema(
        request=None,
        responses={200: ResultSerializer(many=True), **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def compute(self, request, pk=None, format=None):
        """The office computes (again) the pending results of the current round."""
        competition = self.get_object()
        judging_services.results_compute(actor=request.user, competition=competition)
        rows = result_list(user=request.user, competition=competition)
        return Response(ResultSerializer(rows, many=True).data)

    @extend_schema(
        request=None,
        responses={200: CompetitionSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None, format=None):
        """The office announces: every pending result is published at once."""
        competition = self.get_object()
        competition = judging_services.results_publish(
            actor=request.user, competition=competition
        )
        return Response(CompetitionSerializer(competition).data)


def _conflict_data(conflict: Conflict) -> dict:
    return {
        "id": conflict.pk,
        "entry": conflict.assignment.entry_id,
        "juror": conflict.assignment.juror_id,
        "kind": conflict.kind,
        "reason": conflict.reason,
        "declared_at": conflict.declared_at,
    }


def register(router) -> list:
    """Add the competitions routes to collaboration's router; return extra paths."""
    router.register("competitions", CompetitionViewSet, basename="api-competition")
    return []
