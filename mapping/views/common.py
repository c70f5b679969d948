"""Helpers of mapping's pages: who may read, and which kab/kota and period a page is
about (from `?regency=` and `?period=`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kimportal.core.dates import today_in_jakarta
from kimportal.regions.models import Region

from ..models import MappingSetting
from ..periods import Period, PeriodKind, recent_periods
from ..selectors import (
    assessed_periods,
    period_resolve,
    regency_choices,
    regency_get,
    setting_get,
)


def staff_view(view):
    """Logged in and Dinas staff; anyone else gets 404 (the page does not exist for
    them)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("mapping.view"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@dataclass
class Selection:
    regency: Region | None
    period: Period
    setting: MappingSetting
    period_options: list[tuple[str, str]]

    @property
    def regency_code(self) -> str | None:
        return self.regency.code if self.regency else None

    def thresholds(self) -> dict[str, float]:
        return {
            "interest": float(self.setting.interest_threshold),
            "power": float(self.setting.power_threshold),
            "influence": float(self.setting.influence_threshold),
        }

    def query(self, **extra) -> str:
        from django.utils.http import urlencode

        params = {"period": self.period.key, **extra}
        if self.regency:
            params["regency"] = self.regency.code
        return urlencode(params)


def selection_from(request) -> Selection:
    """The kab/kota (404 when out of scope) and the period (the current one, with a
    message, when the key is malformed) that the page shows."""
    regency = regency_get(user=request.user, code=request.GET.get("regency"))
    code = regency.code if regency else None
    try:
        period = period_resolve(key=request.GET.get("period"), regency_code=code)
    except ValidationError as exc:
        messages.warning(request, exc.messages[0])
        period = period_resolve(key=None, regency_code=code)
    setting = setting_get(regency_code=code)
    keys = set(assessed_periods(user=request.user, regency_code=code))
    keys |= {p.key for p in recent_periods(today_in_jakarta(), setting.period_kind, 4)}
    keys.add(period.key)
    options = []
    for key in sorted(keys, reverse=True):
        options.append((key, period_resolve(key=key, regency_code=code).label))
    return Selection(regency, period, setting, options)


def period_kind_label(kind: str) -> str:
    return str(PeriodKind(kind).label) if kind in PeriodKind.values else _("—")


def regency_field(*, user, selection: Selection) -> dict:
    """The kab/kota picker of partials/selection.html: its options as one string (the
    ministry picks among 514 kab/kota: a template loop of that size cost more than the
    rest of the page's markup) and whether it is shown at all."""
    rows = list(regency_choices(user=user).values_list("code", "name"))
    chosen = selection.regency_code
    options = "".join(
        f'<option value="{conditional_escape(code)}"'
        f"{' selected' if code == chosen else ''}>{conditional_escape(name)}</option>"
        for code, name in rows
    )
    return {
        "regency_options": SafeString(options),
        "show_regency_field": len(rows) > 1 or selection.regency is None,
    }
