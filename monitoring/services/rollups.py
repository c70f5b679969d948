"""Keeping the effectiveness rollups exact (models_effectiveness.py).

What counts is decided elsewhere (validation, return, correction: `reports_counted_changed`
in `common.py`); these functions only recompute the rollups of what was touched, in the
caller's transaction, so a dashboard never shows a state that was not committed. They
are system writes with no actor of their own: the service that calls them has checked
its actor and state already, and the tasks below are scheduled by the portal itself.

The unit of work is a *slice*: one KIM in one month. A slice is recomputed from the
source tables (counted reports, their evidence's content items, clicks, survey answers)
and replaces its rows; then the kab/kota-month rows and the active-KIM counts of the
slice's month, quarter and year are recomputed from the slices. A content item counts
once, in the slice of the first counted report that cites it (by month, then id), so a
change to one report can move a content item between slices: the slices of every report
citing the same content items are refreshed too.

Concurrent refreshes in the same kab/kota and year are serialised by an advisory lock
(the active-KIM count of a year reads all its months); a month rebuild takes a global
lock that the refreshes share.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from ..choices import ReportState
from ..models import (
    ContentItem,
    DisseminationReport,
    EvidenceLink,
    LinkClickDaily,
)
from ..models_effectiveness import (
    ActiveKimRollup,
    KimMonthRollup,
    ProvinceMonthRollup,
    RegionMonthRollup,
    SurveyResponse,
)

LOCK_CLASS = 9171  # advisory-lock namespace of the rollups
GLOBAL_KEY = 0


def _tables() -> dict[str, str]:
    kim_model = LinkClickDaily._meta.get_field("kim").related_model
    assert kim_model is not None and not isinstance(kim_model, str)
    return {
        "report": DisseminationReport._meta.db_table,
        "evidence": EvidenceLink._meta.db_table,
        "content": ContentItem._meta.db_table,
        "clicks": LinkClickDaily._meta.db_table,
        "kim": kim_model._meta.db_table,
        "survey": SurveyResponse._meta.db_table,
        "fine": KimMonthRollup._meta.db_table,
        "coarse": RegionMonthRollup._meta.db_table,
        "province": ProvinceMonthRollup._meta.db_table,
        "active": ActiveKimRollup._meta.db_table,
    }


# One SELECT gives the rows of the fine table for the slices in scope. `{r_scope}`,
# `{d_scope}` and `{s_scope}` limit reports, clicks and survey answers to the slices
# (a join with `slices`) or to one month (a WHERE), see _fine_sql.
FINE_SELECT = """
counted AS (
    SELECT r.id, r.kim_id, r.month, r.village_id AS village_code, r.medium,
           r.material_id, r.activity_count, {platform} AS platform
    FROM {report} r {r_join}
    WHERE r.state = '{validated}' AND r.superseded_at IS NULL {r_where}
),
firsts AS (
    SELECT c.month, c.kim_id, c.village_code, c.medium, ci.platform, c.material_id,
           count(DISTINCT ci.id) AS n
    FROM counted c
    JOIN {evidence} e ON e.report_id = c.id
    JOIN {content} ci ON ci.id = e.content_item_id
    WHERE NOT EXISTS (
        SELECT 1 FROM {evidence} e2 JOIN {report} r2 ON r2.id = e2.report_id
        WHERE e2.content_item_id = e.content_item_id
          AND r2.state = '{validated}' AND r2.superseded_at IS NULL
          AND (r2.month, r2.id) < (c.month, c.id))
    GROUP BY 1, 2, 3, 4, 5, 6
),
parts AS (
    SELECT month, kim_id, village_code, medium, platform, material_id,
           count(*) AS reports, sum(activity_count) AS activities, 0 AS content_items,
           0 AS link_clicks, 0 AS sa, 0 AS su, 0 AS sp, 0 AS si
    FROM counted GROUP BY 1, 2, 3, 4, 5, 6
    UNION ALL
    SELECT month, kim_id, village_code, medium, platform, material_id,
           0, 0, n, 0, 0, 0, 0, 0 FROM firsts
    UNION ALL
    SELECT date_trunc('month', d.day)::date, d.kim_id, k.village_id, d.medium, '',
           d.material_id, 0, 0, 0, sum(d.count), 0, 0, 0, 0
    FROM {clicks} d JOIN {kim} k ON k.id = d.kim_id {d_join}
    WHERE TRUE {d_where}
    GROUP BY 1, 2, 3, 4, 5, 6
    UNION ALL
    SELECT v.month, v.kim_id, v.village_code, v.medium, '', v.material_id, 0, 0, 0, 0,
           count(*), count(*) FILTER (WHERE v.understood = 2),
           count(*) FILTER (WHERE v.attitude = 2), count(*) FILTER (WHERE v.intent = 2)
    FROM {survey} v {s_join}
    WHERE TRUE {s_where}
    GROUP BY 1, 2, 3, 4, 5, 6
)
INSERT INTO {fine} (month, kim_id, village_code, regency_code, medium, platform,
                    material_id, reports, activities, content_items, link_clicks,
                    survey_answers, survey_understood, survey_positive, survey_intent)
SELECT month, kim_id, min(village_code), left(min(village_code), 5), medium, platform,
       material_id, sum(reports), sum(activities), sum(content_items), sum(link_clicks),
       sum(sa), sum(su), sum(sp), sum(si)
FROM parts GROUP BY month, kim_id, medium, platform, material_id
"""

SLICES = """
slices AS (SELECT * FROM unnest(%(kims)s::bigint[], %(months)s::date[]) AS t(kim_id, month))
"""

CELLS = "SELECT * FROM unnest(%(codes)s::text[], %(months)s::date[]) AS t(regency_code, month)"
PERIODS = (
    "SELECT * FROM unnest(%(keys)s::text[], %(codes)s::text[], %(starts)s::date[], "
    "%(ends)s::date[]) AS t(period, regency_code, s, e)"
)
COUNT_COLUMNS = (
    "reports, activities, content_items, link_clicks, survey_answers, "
    "survey_understood, survey_positive, survey_intent"
)
SUM_COLUMNS = ", ".join(f"sum({c.strip()})" for c in COUNT_COLUMNS.split(","))


# A report's platform is that of its first evidence link: looked up per report for a
# few slices or a month, joined once for every report in a full rebuild (ten million
# index probes took most of its time).
PLATFORM_LOOKUP = """COALESCE((SELECT ci.platform FROM {evidence} e
                     JOIN {content} ci ON ci.id = e.content_item_id
                     WHERE e.report_id = r.id ORDER BY e.id LIMIT 1), '')"""
PLATFORM_JOIN = """LEFT JOIN (
        SELECT DISTINCT ON (e.report_id) e.report_id, ci.platform
        FROM {evidence} e JOIN {content} ci ON ci.id = e.content_item_id
        ORDER BY e.report_id, e.id) first_link ON first_link.report_id = r.id"""


def _fine_sql(*, by_month: bool, everything: bool = False) -> str:
    t = _tables()
    platform = PLATFORM_LOOKUP.format(**t)
    if everything:
        scope = dict.fromkeys(("r_where", "d_join", "d_where", "s_join", "s_where"), "")
        scope["r_join"] = PLATFORM_JOIN.format(**t)
        platform = "COALESCE(first_link.platform, '')"
        head = "WITH "
    elif by_month:
        scope = {
            "r_join": "",
            "r_where": "AND r.month = %(month)s",
            "d_join": "",
            "d_where": "AND d.day >= %(month)s AND d.day < %(next)s",
            "s_join": "",
            "s_where": "AND v.month = %(month)s",
        }
        head = "WITH "
    else:
        scope = {
            "r_join": "JOIN slices s ON s.kim_id = r.kim_id AND s.month = r.month",
            "r_where": "",
            "d_join": "JOIN slices s ON s.kim_id = d.kim_id AND d.day >= s.month "
            "AND d.day < s.month + interval '1 month'",
            "d_where": "",
            "s_join": "JOIN slices s ON s.kim_id = v.kim_id AND s.month = v.month",
            "s_where": "",
        }
        head = "WITH " + SLICES + ","
    return head + FINE_SELECT.format(
        validated=ReportState.VALIDATED, platform=platform, **t, **scope
    )


def _next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def period_keys(month: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    """The month, quarter and year that contain `month`: (key, first month, end)."""
    quarter = (month.month - 1) // 3
    q_start = datetime.date(month.year, quarter * 3 + 1, 1)
    q_end = _next_month(_next_month(_next_month(q_start)))
    return [
        (f"{month:%Y-%m}", month, _next_month(month)),
        (f"{month.year}-Q{quarter + 1}", q_start, q_end),
        (
            str(month.year),
            datetime.date(month.year, 1, 1),
            datetime.date(month.year + 1, 1, 1),
        ),
    ]


def _lock(cursor, cells: Iterable[tuple[str, datetime.date]]) -> None:
    cursor.execute(
        "SELECT pg_advisory_xact_lock_shared(%s, %s)", [LOCK_CLASS, GLOBAL_KEY]
    )
    keys = sorted(
        {int(code.replace(".", "")) * 10000 + month.year for code, month in cells}
    )
    for key in keys:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, key])


def _refresh_regions(cursor, cells: set[tuple[str, datetime.date]]) -> None:
    """Recompute the kab/kota-month rows and the active-KIM counts of `cells`."""
    t = _tables()
    codes = [code for code, _m in sorted(cells)]
    months = [month for _c, month in sorted(cells)]
    cursor.execute(
        f"""
        WITH cells AS ({CELLS})
        DELETE FROM {t["coarse"]} c USING cells x
        WHERE c.regency_code = x.regency_code AND c.month = x.month
        """,
        {"codes": codes, "months": months},
    )
    cursor.execute(
        f"""
        WITH cells AS ({CELLS})
        INSERT INTO {t["coarse"]} (month, regency_code, medium, platform, {COUNT_COLUMNS})
        SELECT f.month, f.regency_code, f.medium, f.platform, {SUM_COLUMNS}
        FROM {t["fine"]} f JOIN cells x
          ON f.regency_code = x.regency_code AND f.month = x.month
        GROUP BY 1, 2, 3, 4
        """,
        {"codes": codes, "months": months},
    )
    _refresh_provinces(cursor, {(code[:2], month) for code, month in cells})
    periods = {
        (key, code, start, end)
        for code, month in cells
        for key, start, end in period_keys(month)
    }
    rows = sorted(periods)
    _refresh_active(cursor, rows)


def _refresh_provinces(cursor, cells: set[tuple[str, datetime.date]]) -> None:
    """Recompute the province-month rows of `cells` from their kab/kota rows."""
    t = _tables()
    params = {
        "codes": [code for code, _m in sorted(cells)],
        "months": [month for _c, month in sorted(cells)],
    }
    cursor.execute(
        f"""
        WITH cells AS ({CELLS})
        DELETE FROM {t["province"]} p USING cells x
        WHERE p.province_code = x.regency_code AND p.month = x.month
        """,
        params,
    )
    cursor.execute(
        f"""
        WITH cells AS ({CELLS})
        INSERT INTO {t["province"]} (month, province_code, medium, platform,
                                     {COUNT_COLUMNS})
        SELECT c.month, x.regency_code, c.medium, c.platform, {SUM_COLUMNS}
        FROM {t["coarse"]} c JOIN cells x
          ON c.regency_code LIKE x.regency_code || '.%%' AND c.month = x.month
        GROUP BY 1, 2, 3, 4
        """,
        params,
    )


def _refresh_active(cursor, rows: list[tuple[str, str, datetime.date, datetime.date]]):
    t = _tables()
    params = {
        "keys": [r[0] for r in rows],
        "codes": [r[1] for r in rows],
        "starts": [r[2] for r in rows],
        "ends": [r[3] for r in rows],
    }
    cursor.execute(
        f"""
        WITH p AS ({PERIODS})
        DELETE FROM {t["active"]} a USING p
        WHERE a.period = p.period AND a.regency_code = p.regency_code
        """,
        params,
    )
    cursor.execute(
        f"""
        WITH p AS ({PERIODS})
        INSERT INTO {t["active"]} (period, regency_code, active_kims)
        SELECT p.period, p.regency_code, count(DISTINCT f.kim_id)
        FROM p JOIN {t["fine"]} f ON f.regency_code = p.regency_code
          AND f.month >= p.s AND f.month < p.e AND f.reports > 0
        GROUP BY 1, 2
        """,
        params,
    )


def rollups_refresh_slices(*, slices: Iterable[tuple[int, datetime.date, str]]) -> None:
    """Recompute the given (KIM id, month, desa code) slices and their kab/kota rows."""
    slices = {(kim_id, month.replace(day=1), code) for kim_id, month, code in slices}
    if not slices:
        return
    t = _tables()
    ordered = sorted(slices)
    params: dict[str, Any] = {
        "kims": [s[0] for s in ordered],
        "months": [s[1] for s in ordered],
    }
    cells = {(code[:5], month) for _kim, month, code in slices}
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor, cells)
        cursor.execute(
            f"WITH {SLICES} DELETE FROM {t['fine']} f USING slices s "
            "WHERE f.kim_id = s.kim_id AND f.month = s.month",
            params,
        )
        cursor.execute(_fine_sql(by_month=False), params)
        _refresh_regions(cursor, cells)


def rollups_refresh_for_reports(*, reports: Iterable) -> None:
    """Refresh after `reports` started or stopped counting: their slices, and the slices
    of every report citing the same content items (which may move between them)."""
    ids = [r.pk for r in reports]
    if not ids:
        return
    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT r.kim_id, r.month, r.village_id FROM {t["report"]} r
            WHERE r.id = ANY(%(ids)s)
            UNION
            SELECT r.kim_id, r.month, r.village_id
            FROM {t["evidence"]} e JOIN {t["report"]} r ON r.id = e.report_id
            WHERE e.content_item_id IN (SELECT content_item_id FROM {t["evidence"]}
                                        WHERE report_id = ANY(%(ids)s))
              AND r.state = %(validated)s
            """,
            {"ids": ids, "validated": ReportState.VALIDATED},
        )
        slices = cursor.fetchall()
    rollups_refresh_slices(slices=slices)


def rollups_refresh_clicks(*, month: datetime.date) -> int:
    """Bring the clicks of `month` into the rollups (clicks arrive without a
    validation to hook into): every slice with clicks, or with clicks counted before."""
    month = month.replace(day=1)
    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT DISTINCT d.kim_id, %(month)s::date, k.village_id
            FROM {t["clicks"]} d JOIN {t["kim"]} k ON k.id = d.kim_id
            WHERE d.day >= %(month)s AND d.day < %(next)s
            UNION
            SELECT kim_id, month, village_code FROM {t["fine"]}
            WHERE month = %(month)s AND link_clicks > 0
            """,
            {"month": month, "next": _next_month(month)},
        )
        slices = cursor.fetchall()
    rollups_refresh_slices(slices=slices)
    return len(slices)


PROVINCE_FROM_COARSE = """
INSERT INTO {province} (month, province_code, medium, platform, reports, activities,
                        content_items, link_clicks, survey_answers, survey_understood,
                        survey_positive, survey_intent)
SELECT month, left(regency_code, 2), medium, platform, sum(reports), sum(activities),
       sum(content_items), sum(link_clicks), sum(survey_answers), sum(survey_understood),
       sum(survey_positive), sum(survey_intent)
FROM {coarse} WHERE {where} GROUP BY 1, 2, 3, 4
"""


def rollup_rebuild_month(*, month: datetime.date) -> None:
    """Recompute every rollup row of `month` from scratch (idempotent), and the
    active-KIM counts of its month, quarter and year."""
    month = month.replace(day=1)
    t = _tables()
    params = {"month": month, "next": _next_month(month)}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, GLOBAL_KEY])
        cursor.execute(f"DELETE FROM {t['fine']} WHERE month = %(month)s", params)
        cursor.execute(_fine_sql(by_month=True), params)
        cursor.execute(f"DELETE FROM {t['coarse']} WHERE month = %(month)s", params)
        cursor.execute(
            f"""
            INSERT INTO {t["coarse"]} (month, regency_code, medium, platform,
                                       {COUNT_COLUMNS})
            SELECT month, regency_code, medium, platform, {SUM_COLUMNS}
            FROM {t["fine"]} WHERE month = %(month)s GROUP BY 1, 2, 3, 4
            """,
            params,
        )
        cursor.execute(f"DELETE FROM {t['province']} WHERE month = %(month)s", params)
        cursor.execute(
            PROVINCE_FROM_COARSE.format(**t, where="month = %(month)s"), params
        )
        for key, start, end in period_keys(month):
            cursor.execute(f"DELETE FROM {t['active']} WHERE period = %s", [key])
            cursor.execute(
                f"""
                INSERT INTO {t["active"]} (period, regency_code, active_kims)
                SELECT %s, regency_code, count(DISTINCT kim_id) FROM {t["fine"]}
                WHERE month >= %s AND month < %s AND reports > 0
                GROUP BY regency_code
                """,
                [key, start, end],
            )


ACTIVE_ALL = """
INSERT INTO {active} (period, regency_code, active_kims)
SELECT to_char(month, 'YYYY-MM'), regency_code, count(DISTINCT kim_id)
FROM {fine} WHERE reports > 0 GROUP BY 1, 2
UNION ALL
SELECT to_char(month, 'YYYY') || '-Q' || extract(quarter FROM month), regency_code,
       count(DISTINCT kim_id)
FROM {fine} WHERE reports > 0 GROUP BY 1, 2
UNION ALL
SELECT to_char(month, 'YYYY'), regency_code, count(DISTINCT kim_id)
FROM {fine} WHERE reports > 0 GROUP BY 1, 2
"""


def rollups_rebuild_all() -> None:
    """Recompute every rollup of every month from scratch in one transaction, with one
    set-based statement per table (a national rebuild, a repair, a benchmark fill).
    The tables are emptied with TRUNCATE, so dashboards wait for the rebuild to commit
    instead of reading half of it."""
    t = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, GLOBAL_KEY])
        cursor.execute(
            f"TRUNCATE {t['fine']}, {t['coarse']}, {t['province']}, {t['active']}"
        )
        cursor.execute(_fine_sql(by_month=False, everything=True))
        cursor.execute(
            f"""
            INSERT INTO {t["coarse"]} (month, regency_code, medium, platform,
                                       {COUNT_COLUMNS})
            SELECT month, regency_code, medium, platform, {SUM_COLUMNS}
            FROM {t["fine"]} GROUP BY 1, 2, 3, 4
            """
        )
        cursor.execute(PROVINCE_FROM_COARSE.format(**t, where="TRUE"))
        cursor.execute(ACTIVE_ALL.format(**t))
