"""The KIM profile's power and influence figures (Tabel 3.1 s, t), filled from mapping's
latest assessment instead of typed by hand (issue 11)."""

from collections.abc import Mapping

from django.db import transaction

from ..models import Kim


@transaction.atomic
def kim_assessment_figures_set(*, figures: Mapping[int, tuple[int, int]]) -> int:
    """Set `power_reach` and `influence_response` of each KIM id to the (reach, positive
    responses) of its latest assessment. A system write (the mapping recompute), so it
    takes no actor; mapping's service checks who asked for the recompute. Returns the
    number of KIM changed."""
    if not figures:
        return 0
    kims = list(
        Kim.objects.select_for_update()
        .filter(pk__in=list(figures))
        .only("id", "power_reach", "influence_response")
        .order_by("pk")
    )
    changed = []
    for kim in kims:
        reach, responses = figures[kim.pk]
        reach, responses = max(int(reach), 0), max(int(responses), 0)
        if (kim.power_reach, kim.influence_response) != (reach, responses):
            kim.power_reach, kim.influence_response = reach, responses
            changed.append(kim)
    Kim.objects.bulk_update(changed, ["power_reach", "influence_response"])
    return len(changed)
