"""Routes of the event pages, added to `collaboration/urls.py` (namespace
`collaboration`)."""

from django.urls import path

from .views import attendance, certificates, effect, events, kim_events

urlpatterns = [
    path("kegiatan/", events.event_list_view, name="event-list"),
    path("kegiatan/create/", events.event_create_view, name="event-create"),
    path("kegiatan/<int:pk>/", events.event_detail_view, name="event-detail"),
    path("kegiatan/<int:pk>/update/", events.event_update_view, name="event-update"),
    path("kegiatan/<int:pk>/invite/", events.event_invite_view, name="event-invite"),
    path("kegiatan/<int:pk>/persons/", events.person_add_view, name="event-person-add"),
    path(
        "kegiatan/<int:pk>/speakers/", events.speaker_add_view, name="event-speaker-add"
    ),
    path(
        "kegiatan/<int:pk>/speakers/<int:speaker_pk>/confirm/",
        events.speaker_confirm_view,
        name="event-speaker-confirm",
    ),
    path("kegiatan/<int:pk>/files/", events.event_file_add_view, name="event-file-add"),
    path(
        "kegiatan/<int:pk>/publications/",
        events.publication_add_view,
        name="event-publication-add",
    ),
    path("kegiatan/<int:pk>/finish/", events.event_finish_view, name="event-finish"),
    path("kegiatan/<int:pk>/report/", events.event_report_view, name="event-report"),
    path("kegiatan/<int:pk>/effect/", effect.event_effect_view, name="event-effect"),
    path("kegiatan/<int:pk>/scan/", attendance.scan_view, name="event-scan"),
    path(
        "kegiatan/<int:pk>/check-in/", attendance.check_in_view, name="event-check-in"
    ),
    path("kegiatan/<int:pk>/tick/", attendance.tick_view, name="event-tick"),
    path(
        "kegiatan/<int:pk>/daftar-hadir/",
        attendance.attendance_pdf_view,
        name="event-attendance-pdf",
    ),
    path(
        "kegiatan/<int:pk>/certificates/",
        certificates.certificates_issue_view,
        name="event-certificates-issue",
    ),
    path(
        "sertifikat/<int:pk>/pdf/",
        certificates.certificate_pdf_view,
        name="certificate-pdf",
    ),
    path(
        "sertifikat/<int:pk>/revoke/",
        certificates.certificate_revoke_view,
        name="certificate-revoke",
    ),
    path("undangan/", kim_events.my_invitations_view, name="my-invitations"),
    path("undangan/<int:pk>/", kim_events.my_invitation_view, name="my-invitation"),
    path("undangan/<int:pk>/rsvp/", kim_events.rsvp_view, name="my-invitation-rsvp"),
    path(
        "undangan/<int:pk>/evaluation/",
        kim_events.evaluation_view,
        name="my-invitation-evaluation",
    ),
    path(
        "undangan/<int:pk>/publication/",
        kim_events.kim_publication_view,
        name="my-invitation-publication",
    ),
]
