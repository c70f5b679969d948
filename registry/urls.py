from django.urls import path

from .views import directory, documents, exports, self_service, staff

app_name = "registry"

urlpatterns: list = []

# Staff pages: kab/kota and province officers, the ministry read-only.
urlpatterns += [
    path("", staff.kim_list_view, name="kim-list"),
    path("create/", staff.kim_create_view, name="kim-create"),
    path("duplicates/", staff.kim_duplicates_view, name="kim-duplicates"),
    path("<int:pk>/", staff.kim_detail_view, name="kim-detail"),
    path("<int:pk>/update/", staff.kim_update_view, name="kim-update"),
    path("<int:pk>/submit/", staff.kim_submit_view, name="kim-submit"),
    path("<int:pk>/verify/", staff.kim_verify_view, name="kim-verify"),
    path("<int:pk>/deactivate/", staff.kim_deactivate_view, name="kim-deactivate"),
    path("<int:pk>/invite/", staff.kim_invite_view, name="kim-invite"),
    path(
        "<int:pk>/documents/add/",
        staff.kim_document_add_view,
        name="kim-document-add",
    ),
    path(
        "<int:pk>/partnerships/create/",
        staff.partnership_create_view,
        name="partnership-create",
    ),
    path("<int:pk>/reviews/create/", staff.review_create_view, name="review-create"),
    path("reviews/", staff.review_list_view, name="review-list"),
    path("reviews/<int:pk>/", staff.review_detail_view, name="review-detail"),
    path("reviews/<int:pk>/comment/", staff.review_comment_view, name="review-comment"),
    path(
        "reviews/<int:pk>/evidence/", staff.review_evidence_view, name="review-evidence"
    ),
    path("reviews/<int:pk>/decide/", staff.review_decide_view, name="review-decide"),
    path("changes/", staff.change_request_list_view, name="change-request-list"),
    path(
        "changes/<int:pk>/",
        staff.change_request_detail_view,
        name="change-request-detail",
    ),
]

# Exports, private file downloads, the agency directory and the KIM's own pages.
urlpatterns += [
    path("export/<str:fmt>/", exports.kim_export, name="kim-export"),
    path(
        "documents/<int:pk>/download/",
        documents.document_download,
        name="document-download",
    ),
    path(
        "reviews/evidence/<int:pk>/download/",
        documents.evidence_download,
        name="evidence-download",
    ),
    path(
        "reviews/<int:pk>/letter/",
        documents.decision_letter_download,
        name="decision-letter-download",
    ),
    path("directory/", directory.directory, name="directory"),
    path("me/", self_service.my_kim, name="my-kim"),
    path("me/update/", self_service.my_kim_update, name="my-kim-update"),
    path("me/documents/add/", self_service.my_kim_document, name="my-kim-document"),
]
