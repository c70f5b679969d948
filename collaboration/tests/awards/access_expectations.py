"""Awards' and nominations' rows for the role × URL access test (tests/test_access.py).

The world's award period is Kabupaten Malang's, published, with an award (and its
certificate) for the world's KIM (`kim-demo`). The world's nomination is Kabupaten
Malang's nomination of that KIM for a national competition, selected and forwarded by
Jawa Timur, so the ministry sees it. `kota-malang` gets 404 wherever an object is named.
"""

import datetime

from collaboration.models import AwardCertificate, Competition
from collaboration.selectors_awards import award_ranking
from collaboration.services.awards import (
    award_grant,
    award_period_create,
    award_period_publish,
    award_ranking_compute,
)
from collaboration.services.nominations import (
    nomination_create,
    nomination_forward,
    nomination_select,
)
from monitoring.services.rollups import rollups_refresh_for_reports
from monitoring.tests.effectiveness_factories import make_report

POST_ONLY = "L 405 405 405 405 404 404"
OFFICE_OBJECT = "L 200 200 200 404 404 404"
PUBLIC = "200 200 200 200 200 200 200"

EXPECTED = {
    #   anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo
    "collaboration:award-list": "L 200 200 200 200 404 404",
    "collaboration:award-create": "L 200 200 200 200 404 404",
    "collaboration:award-detail": OFFICE_OBJECT,
    "collaboration:award-compute": POST_ONLY,
    "collaboration:award-publish": POST_ONLY,
    "collaboration:award-cancel": POST_ONLY,
    "collaboration:award-grant": POST_ONLY,
    "collaboration:award-export": OFFICE_OBJECT,
    "collaboration:award-entry": OFFICE_OBJECT,
    "collaboration:award-grant-withdraw": POST_ONLY,
    "collaboration:award-certificate-pdf": "L 200 200 200 404 404 200",
    "collaboration:award-certificate-revoke": POST_ONLY,
    "collaboration:my-awards": "L 404 404 404 404 404 200",
    "collaboration:nomination-list": "L 200 200 200 200 404 404",
    "collaboration:nomination-create": "L 404 404 200 200 404 404",
    "collaboration:nomination-detail": OFFICE_OBJECT,
    # The publication page is public (an award is announced to the community).
    "award-public-list": PUBLIC,
    "award-public-detail": PUBLIC,
}
for _action in ("select", "decline", "forward", "withdraw", "note", "result"):
    EXPECTED[f"collaboration:nomination-{_action}"] = POST_ONLY
for _name, _row in (
    ("api-award-list", "401 200 200 200 200 403 200"),
    ("api-award-detail", "401 200 200 200 404 403 200"),
    ("api-award-period-list", "401 200 200 200 200 403 403"),
    ("api-award-period-detail", "401 200 200 200 404 403 403"),
    ("api-award-period-ranking", "401 200 200 200 404 403 403"),
    ("api-award-period-adjust", "401 405 405 405 405 403 403"),
    ("api-nomination-list", "401 200 200 200 200 403 200"),
    ("api-nomination-detail", "401 200 200 200 404 403 200"),
    ("api-nomination-select", "401 405 405 405 405 403 405"),
    ("api-nomination-decline", "401 405 405 405 405 403 405"),
    ("api-nomination-forward", "401 405 405 405 405 403 405"),
    ("api-nomination-withdraw", "401 405 405 405 405 403 405"),
):
    EXPECTED[_name] = _row
    EXPECTED[f"{_name} (format)"] = _row


def _pk(key):
    return lambda w: {"pk": w[key].pk}


PARAMETERS_BY_NAME = {
    "collaboration:award-detail": _pk("award_period"),
    "collaboration:award-compute": _pk("award_period"),
    "collaboration:award-publish": _pk("award_period"),
    "collaboration:award-cancel": _pk("award_period"),
    "collaboration:award-grant": _pk("award_period"),
    "collaboration:award-export": lambda w: {
        "pk": w["award_period"].pk,
        "fmt": "xlsx",
    },
    "collaboration:award-entry": _pk("award_entry"),
    "collaboration:award-grant-withdraw": _pk("award_grant"),
    "collaboration:award-certificate-pdf": _pk("award_certificate"),
    "collaboration:award-certificate-revoke": _pk("award_certificate"),
    "collaboration:nomination-detail": _pk("nomination"),
    "award-public-detail": _pk("award_period"),
    "api-award-detail": _pk("award_grant"),
    "api-award-period-detail": _pk("award_period"),
    "api-award-period-ranking": _pk("award_period"),
    "api-award-period-adjust": lambda w: {
        "pk": w["award_period"].pk,
        "entry_pk": w["award_entry"].pk,
    },
}
for _action in ("select", "decline", "forward", "withdraw", "note", "result"):
    PARAMETERS_BY_NAME[f"collaboration:nomination-{_action}"] = _pk("nomination")
    if _action in ("select", "decline", "forward", "withdraw"):
        PARAMETERS_BY_NAME[f"api-nomination-{_action}"] = _pk("nomination")
PARAMETERS_BY_NAME["api-nomination-detail"] = _pk("nomination")
for _key in list(PARAMETERS_BY_NAME):
    if _key.startswith("api-"):
        PARAMETERS_BY_NAME[f"{_key} (format)"] = lambda w, p=PARAMETERS_BY_NAME[_key]: {
            **p(w),
            "format": "json",
        }
for _key in ("api-award-list", "api-award-period-list", "api-nomination-list"):
    PARAMETERS_BY_NAME[f"{_key} (format)"] = lambda w: {"format": "json"}


def build_awards_world(world: dict, users: dict) -> dict:
    """A published award period of Kabupaten Malang with an award for the world's KIM,
    and a forwarded national nomination of that KIM."""
    officer, kim = world["user"], world["kim"]
    month = datetime.date(2026, 3, 1)
    reports = [make_report(kim=kim, user=officer, month=month) for _ in range(2)]
    rollups_refresh_for_reports(reports=reports)
    period = award_period_create(
        actor=officer,
        data={
            "title": "Apresiasi uji akses",
            "starts_on": month,
            "ends_on": datetime.date(2026, 6, 30),
        },
    )
    award_ranking_compute(actor=officer, period=period)
    entry = award_ranking(period=period).get(kim=kim)
    grant = award_grant(
        actor=officer, entry=entry, data={"kind": "plakat", "title": "KIM Terbaik"}
    )
    award_period_publish(actor=officer, period=period)
    today = datetime.date(2026, 12, 1)
    competition = Competition.objects.create(
        title="Lomba nasional uji akses",
        level="national",
        office_name="Kementerian",
        registration_opens_on=today,
        registration_closes_on=today + datetime.timedelta(days=30),
        announce_on=today + datetime.timedelta(days=40),
        status="open",
        created_by=users["kementerian"],
    )
    nomination = nomination_create(
        actor=officer, competition=competition, kim=kim, data={"reason": "Uji"}
    )
    nomination_select(actor=users["prov-jatim"], nomination=nomination)
    nomination_forward(actor=users["prov-jatim"], nomination=nomination)
    return {
        "award_period": period,
        "award_entry": entry,
        "award_grant": grant,
        "award_certificate": AwardCertificate.objects.get(grant=grant),
        "nomination": nomination,
    }
