"""Demo data of effectiveness: survey answers on the demo's tracked links, and the
clicks of the last months brought into the rollups. Called at the end of monitoring's
demo seeder (after its material, reports and clicks exist); idempotent."""

import itertools

from kimportal.core.dates import today_in_jakarta

from .models import TrackedLink
from .models_effectiveness import SurveyResponse
from .periods_effectiveness import add_months
from .services.rollups import rollups_refresh_clicks
from .services.survey import survey_response_record

# (understood, attitude, intent): mostly positive, as a real audience of a KIM would be.
ANSWER_CYCLE = [(2, 2, 2), (2, 2, 1), (1, 1, 1), (2, 1, 2), (0, 0, 0), (2, 2, 2)]


def seed_demo_effectiveness(*, answers_per_link: int = 6, months: int = 6) -> str:
    if SurveyResponse.objects.exists():
        return "effectiveness: survey answers already there"
    cycle = itertools.cycle(ANSWER_CYCLE)
    count = 0
    links = TrackedLink.objects.filter(delivery__material__state="published")
    for code in links.values_list("code", flat=True)[:60]:
        for _ in range(answers_per_link):
            understood, attitude, intent = next(cycle)
            survey_response_record(
                code=code,
                answers={
                    "understood": understood,
                    "attitude": attitude,
                    "intent": intent,
                },
            )
            count += 1
    this_month = today_in_jakarta().replace(day=1)
    for back in range(months):
        rollups_refresh_clicks(month=add_months(this_month, -back))
    return (
        f"effectiveness: {count} survey answers, clicks of {months} months in rollups"
    )
