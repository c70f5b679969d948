"""Office team pages: a site admin's own office, and the ministry's list of every office
(kimportal.accounts.teams)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kimportal.core.errors import TransitionError

from .selectors import (
    office_get_for_team,
    office_overview,
    team_member_get,
    team_members,
)
from .teams import (
    officer_deactivate,
    officer_invite,
    site_admin_grant,
    site_admin_step_down,
)

PAGE_SIZE = 50


class InviteForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Email dinas"))
    position = forms.CharField(
        label=gettext_lazy("Jabatan"), max_length=120, required=False
    )


@login_required
def my_team_view(request):
    if request.user.office_id is None or not request.user.has_perm(
        "accounts.view_team"
    ):
        raise Http404
    return redirect("accounts:office-team", pk=request.user.office_id)


@login_required
def office_team_view(request, pk: int):
    office = office_get_for_team(user=request.user, pk=pk)
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                user = officer_invite(
                    invited_by=request.user, office=office, **form.cleaned_data
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _(
                        "Akun %(username)s dibuat; tautan kata sandi dikirim ke %(email)s."
                    )
                    % {"username": user.username, "email": user.email},
                )
                return redirect("accounts:office-team", pk=office.pk)
        status = 400
    return render(
        request,
        "accounts/office_team.html",
        {
            "office": office,
            "members": team_members(office=office),
            "form": form,
            "can_manage": request.user.has_perm("accounts.manage_team", office),
        },
        status=status,
    )


@login_required
def office_list_view(request):
    if not request.user.has_perm("accounts.view_offices"):
        raise Http404
    page = Paginator(office_overview(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/office_list.html", {"page": page})


def _member_action(action, done_message: str):
    @login_required
    @require_POST
    def view(request, pk: int):
        member = team_member_get(user=request.user, pk=pk)
        try:
            action(user=member, by=request.user)
        except TransitionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done_message % {"username": member.username})
        return redirect("accounts:office-team", pk=member.office_id)

    return view


member_deactivate_view = _member_action(
    officer_deactivate,
    gettext_lazy("Akun %(username)s dinonaktifkan; sesi dan tokennya berakhir."),
)
member_site_admin_view = _member_action(
    site_admin_grant, gettext_lazy("%(username)s sekarang admin situs kantor ini.")
)
member_step_down_view = _member_action(
    site_admin_step_down, gettext_lazy("%(username)s bukan lagi admin situs.")
)
