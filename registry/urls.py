from django.urls import path

from .views import (
    change_requests,
    directory,
    documents,
    exports,
    kims,
    partnerships,
    registration,
    reviews,
    self_service,
    verification,
)

app_name = "registry"

urlpatterns: list = []

# Staff pages: kab/kota and province officers, the ministry read-only.
urlpatterns += [
    path("", kims.kim_list_view, name="kim-list"),
    path("create/", registration.kim_create_view, name="kim-create"),
    path("duplicates/", registration.kim_duplicates_view, name="kim-duplicates"),
    path("<int:pk>/", kims.kim_detail_view, name="kim-detail"),
    path("<int:pk>/update/", registration.kim_update_view, name="kim-update"),
    path("<int:pk>/submit/", verification.kim_submit_view, name="kim-submit"),
    path("<int:pk>/verify/", verification.kim_verify_view, name="kim-verify"),
    path("<int:pk>/deactivate/", kims.kim_deactivate_view, name="kim-deactivate"),
    path("<int:pk>/invite/", kims.kim_invite_view, name="kim-invite"),
    path(
        "<int:pk>/documents/add/",
        documents.kim_document_add_view,
        name="kim-document-add",
    ),
    path(
        "<int:pk>/partnerships/create/",
        partnerships.partnership_create_view,
        name="partnership-create",
    ),
    path("<int:pk>/reviews/create/", reviews.review_create_view, name="review-create"),
    path("reviews/", reviews.review_list_view, name="review-list"),
    path("reviews/<int:pk>/", reviews.review_detail_view, name="review-detail"),
    path(
        "reviews/<int:pk>/comment/", reviews.review_comment_view, name="review-comment"
    ),
    path(
        "reviews/<int:pk>/evidence/",
        reviews.review_evidence_view,
        name="review-evidence",
    ),
    path("reviews/<int:pk>/decide/", reviews.review_decide_view, name="review-decide"),
    path(
        "changes/", change_requests.change_request_list_view, name="change-request-list"
    ),
    path(
        "changes/<int:pk>/",
        change_requests.change_request_detail_view,
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
