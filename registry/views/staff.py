"""The registry's pages for Dinas officers: kab/kota officers register, verify and partner
with KIM; province officers read their kab/kota and take part in reviews; the ministry
reads.

Every object is fetched through the scoping rule (out of scope → 404) and every action is
asked of django-rules; the work itself is one service call. A service's ValidationError
goes back onto the form (status 400, nothing the officer typed is lost), a
TransitionError becomes a message on the page the officer came from.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import (
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.core.paginator import Paginator
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kimportal.core.access import actor_may
from kimportal.core.errors import TransitionError
from kimportal.core.widgets import FastSelect
from kimportal.regions.models import Region

from .. import services
from ..choices import (
    ChangeRequestStatus,
    ContentType,
    DocumentKind,
    GovernmentAffair,
    KimStatus,
    MediaType,
    ReviewGround,
    SocialGroup,
)
from ..filters import KimFilter
from ..forms import (
    DOCUMENT_ERROR_FIELDS,
    REGION_FILTER_LABELS,
    ChangeRequestDecisionForm,
    ChannelFormSet,
    KimDeactivateForm,
    KimDocumentForm,
    KimDocumentsForm,
    KimForm,
    KimInviteForm,
    OfficerFormSet,
    PartnershipForm,
    ReviewCommentForm,
    ReviewDecisionForm,
    ReviewEvidenceForm,
    ReviewOpenForm,
    ReviewStatusFilterForm,
    VerificationForm,
    apply_service_error,
    formset_rows,
    region_filter_choices,
)
from ..models import KIM_PROFILE_FIELDS, Kim
from ..selectors import (
    change_request_get,
    change_request_list,
    kim_change_requests,
    kim_current_documents,
    kim_documents,
    kim_get,
    kim_list,
    kim_list_rows,
    kim_possible_duplicates,
    kim_previous_record_summary,
    kim_status_counts,
    review_case_get,
    review_case_list,
)

PAGE_SIZE = 25
MAX_DUPLICATES = 5
DETAIL_TABS = [
    ("profile", gettext_lazy("Profil")),
    ("documents", gettext_lazy("Dokumen")),
    ("verification", gettext_lazy("Verifikasi")),
    ("partnership", gettext_lazy("Kemitraan")),
    ("reviews", gettext_lazy("Peninjauan")),
]
# Service errors about these keys belong to fields with other names on the form.
KIM_ERROR_FIELDS = {
    "village_code": "village",
    "coverage_villages": "coverage",
    "coverage_codes": "coverage",
    "previous_record": "previous_nik",
}


# --- helpers ---------------------------------------------------------------------------


def staff_only(view):
    """Logged-in Dinas officers and the ministry; anyone else gets a 404, as if the
    registry's staff pages did not exist."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("registry.view_kim"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def deny(request, kim: Kim | None = None):
    """A refused action on an object the officer can see. A kab/kota officer is told
    why (the KIM's state changed under them) and sent back; others get 403."""
    if request.user.is_regency and kim is not None:
        messages.error(
            request,
            _("Tindakan ini tidak dapat dilakukan pada KIM berstatus %(status)s.")
            % {"status": kim.get_status_display()},
        )
        return redirect(kim)
    raise PermissionDenied


def show_service_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def service_redirect(
    request, form, call, *, success, back, done=None, error_fields=None
):
    """Run `call` with the form's clean data. When it ran: `success` (a message, or a
    function of the result giving one) and a redirect to `done(result)`, else to `back`.
    When the state forbids it: the reason and a redirect to `back`. None when its
    ValidationError went back onto the form."""
    try:
        result = call(form.cleaned_data)
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect(back)
    except ValidationError as error:
        apply_service_error(form, error, error_fields)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(done(result) if done else back)


class CountedPaginator(Paginator):
    """A paginator told its count, so the page does not COUNT the same rows twice."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def querystring_without(query: QueryDict, *keys: str) -> str:
    query = query.copy()
    for key in keys:
        query.pop(key, None)
    return query.urlencode()


def choice_labels(values, choices) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels.get(value, value)) for value in values or ()]


def attach_download_urls(documents, url_name: str) -> list:
    documents = list(documents)
    for document in documents:
        document.download_url = reverse(url_name, args=[document.pk])
    return documents


# --- KIM list --------------------------------------------------------------------------


@staff_only
@require_GET
def kim_list_view(request):
    """The KIM of the officer's region, searched and filtered, 25 a page."""
    user = request.user
    filterset = KimFilter(data=request.GET or None, queryset=Kim.objects.none())
    # kim_list ignores every filter when one is invalid; the counts do the same.
    filters = (
        request.GET.copy() if filterset.is_bound and filterset.is_valid() else None
    )
    filters = filters if filters is not None else QueryDict(mutable=True)
    status = filters.get("status", "")

    # Counted from the per-kab/kota counts when only status or region is chosen.
    counts = kim_status_counts(user=user, filters=filters)
    total = counts.get(status, 0) if status else counts["total"]

    paginator = CountedPaginator(
        kim_list_rows(user=user, filters=filters), PAGE_SIZE, count=total
    )
    page = paginator.get_page(request.GET.get("page"))

    form = filterset.form
    form.fields["region"] = forms.ChoiceField(
        label=REGION_FILTER_LABELS.get(user.role, _("Wilayah")),
        choices=[("", _("Semua")), *region_filter_choices(user)],
        required=False,
        widget=FastSelect(attrs={"onchange": "this.form.requestSubmit()"}),
    )
    for name, field in form.fields.items():
        if name != "sort" and hasattr(field, "choices"):
            field.choices = [
                ("", _("Semua")),
                *[c for c in field.choices if c[0] != ""],
            ]

    status_links = [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "query": querystring_without(filters, "status", "page")
            + (f"&status={value}" if value else ""),
            "current": value == status,
        }
        for value, label in [("", _("Semua")), *KimStatus.choices]
    ]
    for link in status_links:
        if not link["value"]:
            link["count"] = counts["total"]
        link["query"] = link["query"].lstrip("&")

    export_query = querystring_without(request.GET, "page")
    exports = []
    for label, fmt in (("Excel (XLSX)", "xlsx"), ("CSV", "csv")):
        url = reverse("registry:kim-export", kwargs={"fmt": fmt})
        exports.append((label, f"{url}?{export_query}" if export_query else url))
    return render(
        request,
        "registry/kim_list.html",
        {
            "form": form,
            "page": page,
            "total": total,
            "status_links": status_links,
            "exports": exports,
            "page_query": querystring_without(request.GET, "page"),
            "can_add": user.has_perm("registry.add_kim"),
            "filters_open": any(
                request.GET.get(key) for key in form.fields if key != "q"
            ),
        },
    )


# --- registration (create / continue a draft) ------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def kim_create_view(request):
    """The registration form of a new KIM (kab/kota officers only)."""
    if not request.user.has_perm("registry.add_kim"):
        raise Http404
    return _registration(request, kim=None)


@staff_only
@require_http_methods(["GET", "POST"])
def kim_update_view(request, pk: int):
    """Continue a draft, fix a rejected registration, or correct a KIM's profile."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.change_kim", kim):
        return deny(request, kim)
    return _registration(request, kim=kim)


def _registration_initial(kim: Kim) -> tuple[dict, list, list]:
    initial = model_to_dict(kim, fields=KIM_PROFILE_FIELDS)
    initial["village"] = kim.village_id
    initial["coverage"] = list(kim.coverage_villages.values_list("code", flat=True))
    channels = list(
        kim.channels.filter(active=True).values(
            "id", "platform", "address", "followers"
        )
    )
    officers = list(
        kim.officers.filter(active=True).values("id", "name", "position", "phone")
    )
    return initial, channels, officers


def _registration(request, *, kim: Kim | None):
    user = request.user
    within = user.scope_code or ""
    creating = kim is None
    form_kwargs = {"user": user, "within": within, "creating": creating}

    if request.method == "POST":
        form = KimForm(request.POST, **form_kwargs)
        channels = ChannelFormSet(request.POST, prefix="channels")
        officers = OfficerFormSet(request.POST, prefix="officers")
        documents = KimDocumentsForm(request.POST, request.FILES)
        submit = request.POST.get("action") == "submit"
        valid = all(
            [
                form.is_valid(),
                channels.is_valid(),
                officers.is_valid(),
                documents.is_valid(),
            ]
        )
        if valid:
            try:
                kim = _save_registration(user, kim, form, channels, officers, documents)
            except ValidationError as error:
                _bind_registration_error(form, documents, error)
            else:
                return _after_registration_saved(request, kim, submit=submit)
        status = 400
    else:
        if creating:
            initial, channel_rows, officer_rows = {}, [], []
        else:
            initial, channel_rows, officer_rows = _registration_initial(kim)
        form = KimForm(initial=initial, **form_kwargs)
        channels = ChannelFormSet(initial=channel_rows, prefix="channels")
        officers = OfficerFormSet(initial=officer_rows, prefix="officers")
        documents = KimDocumentsForm()
        status = 200

    context = {
        "kim": kim,
        "form": form,
        "channels": channels,
        "officers": officers,
        "documents": documents,
        "files_lost": request.method == "POST" and bool(request.FILES),
        "can_submit": creating or user.has_perm("registry.submit_kim", kim),
        "current_documents": (
            attach_download_urls(
                kim_current_documents(user=user, kim=kim),
                "registry:document-download",
            )
            if kim
            else []
        ),
        "drafts": (
            kim_list(
                user=user, filters={"status": KimStatus.DRAFT, "sort": "-updated_at"}
            )[:10]
            if creating
            else []
        ),
        "duplicates_url": reverse("registry:kim-duplicates"),
    }
    return render(request, "registry/kim_form.html", context, status=status)


def _save_registration(user, kim, form, channels, officers, documents) -> Kim:
    """Profile, board, channels and documents are saved together or not at all."""
    data = form.profile_data()
    with transaction.atomic():
        if kim is None:
            kim = services.kim_create(
                created_by=user,
                village_code=form.cleaned_data["village"],
                data=data,
                coverage_codes=form.cleaned_data["coverage"],
                officers=formset_rows(officers),
                channels=formset_rows(channels),
                from_old_list=form.cleaned_data.get("from_old_list", False),
                previous_record=form.previous_record,
            )
        else:
            kim = services.kim_update(
                kim=kim,
                updated_by=user,
                data=data,
                village_code=form.cleaned_data["village"],
                coverage_codes=form.cleaned_data["coverage"],
                officers=formset_rows(officers),
                channels=formset_rows(channels),
            )
        for document in documents.documents():
            try:
                services.kim_document_add(kim=kim, uploaded_by=user, **document)
            except ValidationError as error:
                raise ValidationError(
                    _document_error(error, document["kind"])
                ) from error
    return kim


def _document_error(error: ValidationError, kind: str) -> dict:
    """A document service error, keyed by the registration form's field for `kind`."""
    field = {
        DocumentKind.VILLAGE_HEAD_SK: "sk_file",
        DocumentKind.OFFICERS_LIST: "officers_list_file",
        DocumentKind.DECLARATION: "declaration_file",
    }[kind]
    if not hasattr(error, "error_dict"):
        return {field: error.messages}
    result: dict[str, list] = {}
    for key, messages_ in error.message_dict.items():
        target = DOCUMENT_ERROR_FIELDS.get(key, field)
        if target.startswith("sk_") and kind != DocumentKind.VILLAGE_HEAD_SK:
            target = field
        result.setdefault(target, []).extend(messages_)
    return result


def _bind_registration_error(form, documents, error: ValidationError) -> None:
    """Put a service's errors where the officer will look: on a field, beside the board
    or channel rows (`form.section_errors`), or above the form."""
    if not hasattr(error, "error_dict"):
        apply_service_error(form, error)
        return
    for key, messages_ in error.message_dict.items():
        if key in ("officers", "channels"):
            form.section_errors.setdefault(key, []).extend(messages_)
            continue
        if key in documents.fields:
            for message in messages_:
                documents.add_error(key, message)
            continue
        field = KIM_ERROR_FIELDS.get(key, key)
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _after_registration_saved(request, kim: Kim, *, submit: bool):
    user = request.user
    duplicates = list(
        kim_possible_duplicates(
            user=user, name=kim.name, village_code=kim.village_id, exclude_id=kim.pk
        )[:MAX_DUPLICATES]
    )
    if duplicates:
        messages.warning(
            request,
            _("Periksa kemungkinan duplikat: %(names)s.")
            % {"names": "; ".join(f"{d.name} ({d.village.name})" for d in duplicates)},
        )
    if submit and user.has_perm("registry.submit_kim", kim):
        try:
            services.kim_submit(kim=kim, submitted_by=user)
        except (TransitionError, ValidationError) as error:
            messages.warning(request, _("Data KIM tersimpan sebagai draf."))
            if isinstance(error, TransitionError):
                messages.error(request, error.message)
            else:
                show_service_errors(request, error)
            return redirect("registry:kim-update", pk=kim.pk)
        messages.success(request, _("KIM diajukan untuk verifikasi."))
        return redirect(kim)
    if kim.status == KimStatus.SUBMITTED and submit:
        messages.success(request, _("KIM tersimpan dan menunggu verifikasi."))
        return redirect(kim)
    messages.success(request, _("Data KIM tersimpan."))
    # A draft or rejected KIM is still being filled in: back to its form.
    if user.has_perm("registry.submit_kim", kim):
        return redirect("registry:kim-update", pk=kim.pk)
    return redirect(kim)


@login_required
@require_GET
def kim_duplicates_view(request):
    """htmx: KIM that look like the one being typed (same or similar name, same desa)."""
    if not request.user.has_perm("registry.add_kim"):
        raise Http404
    name = request.GET.get("name", "").strip()
    village = request.GET.get("village", "").strip()
    exclude = request.GET.get("exclude", "")
    duplicates = []
    if len(name) >= 3:
        duplicates = list(
            kim_possible_duplicates(
                user=request.user,
                name=name,
                village_code=village,
                exclude_id=int(exclude) if exclude.isdigit() else None,
            )[:MAX_DUPLICATES]
        )
    return render(
        request, "registry/partials/duplicates.html", {"duplicates": duplicates}
    )


# --- KIM detail and its actions --------------------------------------------------------


@staff_only
@require_GET
def kim_detail_view(request, pk: int):
    """A KIM's profile with tabs: documents, verification, partnership, review cases."""
    kim = kim_get(user=request.user, pk=pk)
    tab = request.GET.get("tab", "profile")
    if tab not in dict(DETAIL_TABS):
        tab = "profile"
    context = {
        "kim": kim,
        "tab": tab,
        "tabs": DETAIL_TABS,
        "history_url": reverse("history", args=["registry", "kim", kim.pk]),
        "today": timezone.localdate(),
    }
    if tab == "profile":
        context["labels"] = {
            "social_groups": choice_labels(kim.social_groups, SocialGroup),
            "media_types": choice_labels(kim.media_types, MediaType),
            "fields": choice_labels(kim.fields, GovernmentAffair),
            "content_types": choice_labels(kim.content_types, ContentType),
        }
        context["pending_changes"] = list(
            kim_change_requests(
                user=request.user, kim=kim, status=ChangeRequestStatus.PENDING
            ).only("id", "requested_at")
        )
        context["channels"] = kim.channels.filter(active=True)
        context["officers"] = kim.officers.filter(active=True)
        context["coverage"] = kim.coverage_villages.select_related("parent")
        context["previous_record"] = kim_previous_record_summary(kim=kim)
    elif tab == "documents":
        context["documents"] = attach_download_urls(
            kim_documents(user=request.user, kim=kim), "registry:document-download"
        )
    elif tab == "verification":
        context["verifications"] = kim.verifications.select_related(
            "verified_by"
        ).prefetch_related("items")
    elif tab == "partnership":
        context["partnerships"] = kim.partnerships.select_related("created_by")
    elif tab == "reviews":
        context["cases"] = kim.review_cases.all()
    return render(request, "registry/kim_detail.html", context)


@staff_only
@require_POST
def kim_submit_view(request, pk: int):
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.submit_kim", kim):
        return deny(request, kim)
    try:
        services.kim_submit(kim=kim, submitted_by=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        show_service_errors(request, error)
    else:
        messages.success(request, _("KIM diajukan untuk verifikasi."))
    return redirect(kim)


@staff_only
@require_http_methods(["GET", "POST"])
def kim_verify_view(request, pk: int):
    """The verification checklist: verify (all met → NIK) or reject (reasons per item)."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm("registry.verify_kim", kim):
        return deny(request, kim)
    last = kim.verifications.order_by("-decided_at", "-id").first()
    previous_items = list(last.items.all()) if last else []
    status = 200
    if request.method == "POST":
        form = VerificationForm(request.POST, previous_items=previous_items)
        reject = request.POST.get("action") == "reject"
        if form.is_valid():
            service = services.kim_reject if reject else services.kim_verify
            response = service_redirect(
                request,
                form,
                lambda data: service(
                    kim=kim,
                    verified_by=request.user,
                    items=form.items(),
                    note=data["note"],
                ),
                success=(
                    _("Pendaftaran KIM ditolak; alasan dicatat per syarat.")
                    if reject
                    else lambda verified: (
                        _("KIM terverifikasi. NIK: %(nik)s") % {"nik": verified.nik}
                    )
                ),
                back=kim,
                done=lambda decided: (
                    reverse("registry:kim-detail", args=[decided.pk])
                    + "?tab=verification"
                ),
                error_fields=form.error_field_map(),
            )
            if response is not None:
                return response
        status = 400
    else:
        form = VerificationForm(previous_items=previous_items)
    documents = attach_download_urls(
        kim_current_documents(user=request.user, kim=kim),
        "registry:document-download",
    )
    return render(
        request,
        "registry/kim_verify.html",
        {
            "kim": kim,
            "form": form,
            "documents": documents,
            "officers": kim.officers.filter(active=True),
            "today": timezone.localdate(),
            "sk_kind": DocumentKind.VILLAGE_HEAD_SK,
        },
        status=status,
    )


def _kim_action_form(
    request,
    pk,
    *,
    perm,
    form_class,
    template,
    call,
    success,
    done=None,
    error_fields=None,
):
    """A small form page acting on one KIM through one service; afterwards back to the
    KIM, or to `done(result)`."""
    kim = kim_get(user=request.user, pk=pk)
    if not request.user.has_perm(perm, kim):
        return deny(request, kim)
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            response = service_redirect(
                request,
                form,
                lambda data: call(kim, data),
                success=success,
                back=kim,
                done=done,
                error_fields=error_fields,
            )
            if response is not None:
                return response
        status = 400
    else:
        form = form_class()
    return render(request, template, {"kim": kim, "form": form}, status=status)


@staff_only
@require_http_methods(["GET", "POST"])
def kim_deactivate_view(request, pk: int):
    return _kim_action_form(
        request,
        pk,
        perm="registry.deactivate_kim",
        form_class=KimDeactivateForm,
        template="registry/kim_deactivate.html",
        call=lambda kim, data: services.kim_deactivate(
            kim=kim, deactivated_by=request.user, reason=data["reason"]
        ),
        success=_("KIM dinonaktifkan."),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def kim_invite_view(request, pk: int):
    return _kim_action_form(
        request,
        pk,
        perm="registry.invite_kim_user",
        form_class=KimInviteForm,
        template="registry/kim_invite.html",
        call=lambda kim, data: services.kim_invite_user(
            kim=kim, invited_by=request.user, email=data["email"], name=data["name"]
        ),
        success=lambda invited: (
            _("Undangan dikirim ke %(email)s.") % {"email": invited.email}
        ),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def kim_document_add_view(request, pk: int):
    return _kim_action_form(
        request,
        pk,
        perm="registry.change_kim",
        form_class=KimDocumentForm,
        template="registry/kim_document_form.html",
        call=lambda kim, data: services.kim_document_add(
            kim=kim, uploaded_by=request.user, **data
        ),
        success=_("Dokumen ditambahkan."),
        error_fields={"file": "uploaded_file"},
    )


@staff_only
@require_http_methods(["GET", "POST"])
def partnership_create_view(request, pk: int):
    """Assess qualifications a–g and start a partnership for a period."""
    return _kim_action_form(
        request,
        pk,
        perm="registry.start_partnership",
        form_class=PartnershipForm,
        template="registry/partnership_form.html",
        call=lambda kim, data: services.partnership_start(
            kim=kim, started_by=request.user, **data
        ),
        success=lambda partnership: (
            _("Kemitraan dimulai untuk periode %(start)s – %(end)s.")
            % {"start": partnership.starts_on, "end": partnership.ends_on}
        ),
    )


# --- review cases ----------------------------------------------------------------------


@staff_only
@require_http_methods(["GET", "POST"])
def review_create_view(request, pk: int):
    """Open a review case on a KIM (kab/kota or province officers)."""
    return _kim_action_form(
        request,
        pk,
        perm="registry.open_review",
        form_class=ReviewOpenForm,
        template="registry/review_form.html",
        call=lambda kim, data: services.review_open(
            kim=kim,
            opened_by=request.user,
            grounds=data["grounds"],
            notes=data["notes"],
            evidence=data["evidence"],
        ),
        success=_("Kasus peninjauan dibuka."),
        done=lambda case: reverse("registry:review-detail", args=[case.pk]),
        error_fields={"evidence": "evidence_file", "file": "evidence_file"},
    )


@staff_only
@require_GET
def review_list_view(request):
    """Review cases of the officer's region, open ones first."""
    filter_form = ReviewStatusFilterForm(request.GET or None)
    status = ""
    if filter_form.is_bound and filter_form.is_valid():
        status = filter_form.cleaned_data["status"]
    cases = review_case_list(user=request.user, status=status or None)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/review_list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "page_query": querystring_without(request.GET, "page"),
        },
    )


def _review_page(request, case, *, bound_forms=None, status=200):
    user = request.user
    bound_forms = bound_forms or {}
    # Comments and evidence are taken on an open case only (the services refuse them
    # afterwards), so a closed case offers neither form.
    can_comment = user.has_perm("registry.comment_review", case)
    can_decide = user.has_perm("registry.decide_review", case)
    evidence = list(case.evidence.select_related("uploaded_by"))
    attach_download_urls(evidence, "registry:evidence-download")
    context = {
        "case": case,
        "kim": case.kim,
        "ground_labels": choice_labels(case.grounds, ReviewGround),
        "evidence": evidence,
        "comments": case.comments.select_related("author"),
        "comment_form": bound_forms.get("comment")
        or (ReviewCommentForm() if can_comment else None),
        "evidence_form": bound_forms.get("evidence")
        or (ReviewEvidenceForm() if can_comment else None),
        "decision_form": bound_forms.get("decision")
        or (ReviewDecisionForm() if can_decide else None),
        "letter_url": (
            reverse("registry:decision-letter-download", args=[case.pk])
            if case.decision_letter
            else None
        ),
    }
    return render(request, "registry/review_detail.html", context, status=status)


@staff_only
@require_GET
def review_detail_view(request, pk: int):
    case = review_case_get(user=request.user, pk=pk)
    return _review_page(request, case)


def _review_post(
    request, pk, *, perm, form_class, form_key, call, success, error_fields=None
):
    case = review_case_get(user=request.user, pk=pk)
    if not request.user.has_perm(perm, case):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        response = service_redirect(
            request,
            form,
            lambda data: call(case, data),
            success=success,
            back=reverse("registry:review-detail", args=[case.pk]),
            error_fields=error_fields,
        )
        if response is not None:
            return response
    return _review_page(request, case, bound_forms={form_key: form}, status=400)


@staff_only
@require_POST
def review_comment_view(request, pk: int):
    return _review_post(
        request,
        pk,
        perm="registry.comment_review",
        form_class=ReviewCommentForm,
        form_key="comment",
        call=lambda case, data: services.review_comment_add(
            case=case, author=request.user, body=data["body"]
        ),
        success=_("Komentar ditambahkan."),
    )


@staff_only
@require_POST
def review_evidence_view(request, pk: int):
    return _review_post(
        request,
        pk,
        perm="registry.comment_review",
        form_class=ReviewEvidenceForm,
        form_key="evidence",
        call=lambda case, data: services.review_evidence_add(
            case=case,
            uploaded_by=request.user,
            uploaded_file=data["uploaded_file"],
            description=data["description"],
        ),
        success=_("Bukti diunggah."),
        error_fields={"file": "uploaded_file"},
    )


def _decide(request, case, data):
    if data["outcome"] == ReviewDecisionForm.TERMINATE:
        return services.review_terminate(
            case=case,
            decided_by=request.user,
            decision_date=data["decision_date"],
            decision_number=data["decision_number"],
            decision_letter=data["decision_letter"],
            note=data["note"],
        )
    return services.review_continue(
        case=case, decided_by=request.user, note=data["note"]
    )


@staff_only
@require_POST
def review_decide_view(request, pk: int):
    """Close a review: the partnership continues, or it is terminated."""
    return _review_post(
        request,
        pk,
        perm="registry.decide_review",
        form_class=ReviewDecisionForm,
        form_key="decision",
        call=lambda case, data: _decide(request, case, data),
        success=_("Keputusan peninjauan disimpan."),
    )


# --- change requests from KIM users ----------------------------------------------------


@staff_only
@require_GET
def change_request_list_view(request):
    """Changes to legal data asked for by KIM users, pending ones first."""
    status = request.GET.get("status", "")
    if status not in ChangeRequestStatus.values:
        status = ""
    requests_ = change_request_list(user=request.user, status=status or None)
    page = Paginator(requests_, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/change_request_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ChangeRequestStatus.choices,
            "page_query": querystring_without(request.GET, "page"),
        },
    )


def _display_value(kim: Kim, key: str, value) -> str:
    """A stored or requested value as the officer reads it."""
    if value in (None, "", []):
        return "—"
    if key in ("village", "village_code", "village_id"):
        region = Region.objects.filter(code=value).first()
        return f"{region.name} ({value})" if region else str(value)
    if isinstance(value, list):
        return "; ".join(_display_value(kim, key, item) for item in value)
    if isinstance(value, dict):
        if "name" in value:
            extra = ", ".join(
                str(value[k]) for k in ("position", "phone") if value.get(k)
            )
            return f"{value['name']} ({extra})" if extra else str(value["name"])
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    try:
        field = Kim._meta.get_field(key)
    except FieldDoesNotExist:
        return str(value)
    choices = dict(
        field.choices
        or getattr(getattr(field, "base_field", None), "choices", None)
        or []
    )
    return str(choices.get(value, value))


def _current_value(kim: Kim, key: str):
    if key in ("village", "village_code", "village_id"):
        return kim.village_id
    if key == "officers":
        return [
            {"name": o.name, "position": o.position, "phone": o.phone}
            for o in kim.officers.filter(active=True)
        ]
    return getattr(kim, key, None)


def _field_label(key: str) -> str:
    labels = {"officers": _("Susunan pengurus"), "village_code": _("Desa/kelurahan")}
    if key in labels:
        return labels[key]
    try:
        return str(Kim._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:
        return key


def change_rows(change_request) -> list[dict]:
    """The requested changes ({field: {"old", "new"}}) beside the KIM's current values."""
    kim = change_request.kim
    changes = change_request.changes if isinstance(change_request.changes, dict) else {}
    rows = []
    for key, change in changes.items():
        requested = change.get("new") if isinstance(change, dict) else change
        rows.append(
            {
                "label": _field_label(key),
                "current": _display_value(kim, key, _current_value(kim, key)),
                "requested": _display_value(kim, key, requested),
            }
        )
    return rows


@staff_only
@require_http_methods(["GET", "POST"])
def change_request_detail_view(request, pk: int):
    change_request = change_request_get(user=request.user, pk=pk)
    may_decide = actor_may(
        request.user, "registry.review_change_request", change_request
    )
    status = 200
    # The form is offered while the request waits; whether it may still be decided
    # when posted is the service's answer (TransitionError once decided).
    show_form = may_decide and change_request.status == ChangeRequestStatus.PENDING
    form = ChangeRequestDecisionForm() if show_form else None
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        form = ChangeRequestDecisionForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == ChangeRequestDecisionForm.APPROVE
            service = (
                services.change_request_approve
                if approve
                else services.change_request_reject
            )
            response = service_redirect(
                request,
                form,
                lambda data: service(
                    change_request=change_request,
                    decided_by=request.user,
                    note=data["note"],
                ),
                success=(
                    _("Perubahan disetujui dan diterapkan.")
                    if approve
                    else _("Permohonan perubahan ditolak.")
                ),
                back=reverse(
                    "registry:change-request-detail", args=[change_request.pk]
                ),
            )
            if response is not None:
                return response
        status = 400
    document = change_request.document
    return render(
        request,
        "registry/change_request_detail.html",
        {
            "change_request": change_request,
            "kim": change_request.kim,
            "rows": change_rows(change_request),
            "form": form,
            "document_url": (
                reverse("registry:document-download", args=[document.pk])
                if document
                else None
            ),
        },
        status=status,
    )
