"""Clicks on tracked links: counted per link and day, nothing about who clicked."""

import datetime

from django.db import connection

from kimportal.core.dates import today_in_jakarta


def link_click_count(
    *,
    link_id: int,
    material_id: int,
    kim_id: int,
    medium: str,
    day: datetime.date | None = None,
    count: int = 1,
) -> None:
    """Add a click (or `count`) to the link's row of the day (today): one upsert, no
    read, no lock held beyond the row. Public by design: the link's code is the only
    input; nothing about the visitor is stored."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO monitoring_linkclickdaily
                (link_id, material_id, kim_id, medium, day, count)
            VALUES (%s, %s, %s, %s, %s, %s)
            ON CONFLICT (link_id, day)
            DO UPDATE SET count = monitoring_linkclickdaily.count + EXCLUDED.count
            """,
            [link_id, material_id, kim_id, medium, day or today_in_jakarta(), count],
        )
