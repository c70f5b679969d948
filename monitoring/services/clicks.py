"""Clicks on tracked links: counted per link and day, nothing about who clicked."""

from django.db import connection

from kimportal.core.dates import today_in_jakarta


def link_click_count(
    *, link_id: int, material_id: int, kim_id: int, medium: str
) -> None:
    """Add one click to today's row of the link: one upsert, no read, no lock held
    beyond the row. Public by design: the link's code is the only input."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO monitoring_linkclickdaily
                (link_id, material_id, kim_id, medium, day, count)
            VALUES (%s, %s, %s, %s, %s, 1)
            ON CONFLICT (link_id, day)
            DO UPDATE SET count = monitoring_linkclickdaily.count + 1
            """,
            [link_id, material_id, kim_id, medium, today_in_jakarta()],
        )
