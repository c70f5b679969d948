"""The KIM profile's power and influence figures (Tabel 3.1 s, t), filled from mapping's
latest assessment instead of typed by hand (issue 11)."""

from collections.abc import Mapping

from django.db import connection, transaction

from ..models import Kim

BATCH = 1000


@transaction.atomic
def kim_assessment_figures_set(*, figures: Mapping[int, tuple[int, int]]) -> int:
    """Set `power_reach` and `influence_response` of each KIM id to the (reach, positive
    responses) of its latest assessment. A system write (the mapping recompute), so it
    takes no actor; mapping's service checks who asked for the recompute. Only rows
    whose numbers change are written (and so get a history event). Returns that count.

    One UPDATE … FROM (VALUES …) per batch: Django's bulk_update builds a CASE per row
    and column, which dominated the nightly recompute at national scale."""
    rows = [
        (int(kim_id), max(int(reach), 0), max(int(responses), 0))
        for kim_id, (reach, responses) in sorted(figures.items())
    ]
    table = Kim._meta.db_table
    changed = 0
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            cursor.execute(
                f"UPDATE {table} AS k SET power_reach = v.reach, "
                "influence_response = v.responses FROM (VALUES "
                + ", ".join(["(%s::integer, %s::integer, %s::integer)"] * len(batch))
                + ") AS v(id, reach, responses) WHERE k.id = v.id AND "
                "(k.power_reach, k.influence_response) IS DISTINCT FROM "
                "(v.reach, v.responses)",
                [value for row in batch for value in row],
            )
            changed += cursor.rowcount
    return changed
