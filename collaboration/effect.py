"""The effect of an event (issue item 7): what its participating KIM did in the months
after it compared with the months before (monitoring's counted activity), and how their
quadrant moved (mapping's assessments) — "12 peserta; 5 pindah dari pembinaan ke mitra
dalam 3 bulan"."""

from __future__ import annotations

import datetime
from collections import Counter

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from kimportal.core.charts import Bar, bar_chart
from mapping.choices import Approach
from mapping.selectors_movement import kim_approach_movement
from monitoring.selectors_activity import kim_activity

from .models import Event
from .selectors_events import attendance_rows

WINDOW_MONTHS = (3, 6)


def participant_kim_ids(event: Event) -> list[int]:
    """KIM that were present at least one day (persons without a KIM are not KIM)."""
    return sorted(
        {
            kim_id
            for kim_id in attendance_rows(event=event).values_list(
                "invitation__kim_id", flat=True
            )
            if kim_id is not None
        }
    )


def event_effect(*, event: Event, months: int = 3) -> dict:
    """Participants, their validated reports before/after, and quadrant moves."""
    months = months if months in WINDOW_MONTHS else WINDOW_MONTHS[0]
    ids = participant_kim_ids(event)
    start = event.starts_on
    end = start + relativedelta(months=months)
    before = kim_activity(
        kim_ids=ids,
        start=start - relativedelta(months=months),
        end=start - datetime.timedelta(days=1),
    )
    after = kim_activity(kim_ids=ids, start=start, end=end)
    movement = kim_approach_movement(kim_ids=ids, on=start, until=end)
    moves = Counter(
        (was, now) for was, now in movement.values() if was and now and was != now
    )
    labels = dict(Approach.choices)
    move_rows = [
        {
            "from": str(labels.get(was, was)),
            "to": str(labels.get(now, now)),
            "count": n,
        }
        for (was, now), n in sorted(moves.items(), key=lambda item: -item[1])
    ]
    develop_to_partner = moves.get((Approach.DEVELOP, Approach.PARTNER), 0)
    reports_before = sum(a.validated_reports for a in before.values())
    reports_after = sum(a.validated_reports for a in after.values())
    summary = _(
        "%(n)s peserta KIM; %(m)s pindah dari pembinaan ke mitra dalam %(months)s bulan."
    ) % {"n": len(ids), "m": develop_to_partner, "months": months}
    chart = bar_chart(
        title=_("Laporan tervalidasi peserta, %(m)s bulan sebelum dan sesudah")
        % {"m": months},
        bars=[
            Bar(_("Sebelum kegiatan"), reports_before),
            Bar(_("Sesudah kegiatan"), reports_after),
        ],
        value_title=_("Laporan"),
        label_title=_("Periode"),
        sort=False,
        key=f"event-effect-{event.pk}",
    )
    return {
        "participants": len(ids),
        "months": months,
        "summary": summary,
        "reports_before": reports_before,
        "reports_after": reports_after,
        "moves": move_rows,
        "assessed": sum(1 for was, now in movement.values() if was and now),
        "chart": chart,
    }
