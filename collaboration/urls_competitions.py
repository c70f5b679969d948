"""Routes of the competition pages (office, juror, KIM), added to
`collaboration/urls.py` (namespace `collaboration`)."""

from django.urls import path

from .views import competitions, judging, kim_competitions

urlpatterns = [
    path("lomba/", competitions.competition_list_view, name="competition-list"),
    path(
        "lomba/create/",
        competitions.competition_create_view,
        name="competition-create",
    ),
    path(
        "lomba/<int:pk>/",
        competitions.competition_detail_view,
        name="competition-detail",
    ),
    path(
        "lomba/<int:pk>/update/",
        competitions.competition_update_view,
        name="competition-update",
    ),
    *(
        path(
            f"lomba/<int:pk>/{action}/",
            competitions.competition_transition_view,
            {"action": action},
            name=f"competition-{action}",
        )
        for action in competitions.TRANSITIONS
    ),
    path(
        "lomba/<int:pk>/advance/",
        competitions.competition_advance_view,
        name="competition-advance",
    ),
    path(
        "lomba/<int:pk>/entries/<int:entry_pk>/check/",
        competitions.entry_check_view,
        name="competition-entry-check",
    ),
    path(
        "lomba/<int:pk>/jurors/",
        competitions.juror_seat_view,
        name="competition-juror-seat",
    ),
    path(
        "lomba/<int:pk>/jurors/<int:juror_pk>/assign/",
        competitions.juror_assign_view,
        name="competition-juror-assign",
    ),
    path(
        "lomba/<int:pk>/results/<int:result_pk>/override/",
        competitions.result_override_view,
        name="competition-result-override",
    ),
    path(
        "lomba/<int:pk>/report/",
        competitions.competition_report_view,
        name="competition-report",
    ),
    path(
        "lomba/<int:pk>/report.<str:fmt>",
        competitions.competition_export_view,
        name="competition-export",
    ),
    path("penjurian/", judging.judging_home_view, name="judging-home"),
    path(
        "penjurian/lembar-nilai.xlsx",
        judging.judging_export_view,
        name="judging-export",
    ),
    path(
        "penjurian/<int:pk>/",
        judging.judging_assignment_view,
        name="judging-assignment",
    ),
    path("penjurian/<int:pk>/score/", judging.judging_score_view, name="judging-score"),
    path(
        "penjurian/<int:pk>/conflict/",
        judging.judging_conflict_view,
        name="judging-conflict",
    ),
    path("penjurian/<int:pk>/file/", judging.judging_file_view, name="judging-file"),
    path("lomba-kim/", kim_competitions.my_competitions_view, name="my-competitions"),
    path(
        "lomba-kim/<int:pk>/",
        kim_competitions.my_competition_view,
        name="my-competition",
    ),
    path(
        "lomba-kim/<int:pk>/daftar/",
        kim_competitions.my_entry_create_view,
        name="my-entry-create",
    ),
    path(
        "lomba/karya/<int:pk>/file/",
        kim_competitions.entry_file_view,
        name="entry-file",
    ),
]
