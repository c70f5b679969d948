"""Mapping's rows for the role × URL access test (tests/test_access.py).

The matrix merges `EXPECTED` into its table, `PARAMETERS_BY_NAME` into its parameters,
and adds `build_mapping_world(world)` to its world (as it does for monitoring). Objects
belong to Kabupaten Malang, so `kota-malang` gets 404 wherever one is named.
`mapping/tests/test_access.py` runs these rows on their own as well.
"""

from mapping.computation import KimFigures
from mapping.periods import period_parse
from mapping.services import assessments_recompute, public_issue_create

ROLES = (
    "anonymous",
    "kementerian",
    "prov-jatim",
    "kab-malang",
    "kota-malang",
    "kl-demo",
    "kim-demo",
)

EXPECTED = {
    #   anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo
    "mapping:grid": "L 200 200 200 200 404 404",
    "mapping:categories": "L 200 200 200 200 404 404",
    "mapping:categories-export": "L 200 200 200 200 404 404",
    "mapping:issue-list": "L 200 200 200 200 404 404",
    "mapping:issue-create": "L 200 200 200 200 404 404",
    "mapping:issue-detail": "L 200 200 200 404 404 404",
    "mapping:issue-update": "L 403 403 200 404 404 404",
    "mapping:issue-national": "L 405 405 405 405 404 404",
    "mapping:assessment-list": "L 200 200 200 200 404 404",
    "mapping:assessment-export": "L 200 200 200 200 404 404",
    "mapping:assessment-detail": "L 200 200 200 404 404 404",
    "mapping:assessment-override": "L 405 405 405 405 404 404",
    "mapping:assessment-plan": "L 405 405 405 405 404 404",
    "mapping:recompute": "L 405 405 405 405 404 404",
    "mapping:settings": "L 403 403 200 200 404 404",
    "mapping:report": "L 200 200 200 200 404 404",
    "mapping:report-export": "L 200 200 200 200 404 404",
    "mapping:questionnaire": "L 404 404 404 404 404 200",
    "api-public-issue-list": "401 200 200 200 200 403 403",
    "api-public-issue-list (format)": "401 200 200 200 200 403 403",
    "api-public-issue-detail": "401 200 200 200 404 403 403",
    "api-public-issue-detail (format)": "401 200 200 200 404 403 403",
    "api-public-issue-national": "401 405 405 405 405 403 403",
    "api-public-issue-national (format)": "401 405 405 405 405 403 403",
    "api-assessment-list": "401 200 200 200 200 403 403",
    "api-assessment-list (format)": "401 200 200 200 200 403 403",
    "api-assessment-detail": "401 200 200 200 404 403 403",
    "api-assessment-detail (format)": "401 200 200 200 404 403 403",
    "api-assessment-override": "401 405 405 405 405 403 403",
    "api-assessment-override (format)": "401 405 405 405 405 403 403",
    "api-assessment-plan": "401 405 405 405 405 403 403",
    "api-assessment-plan (format)": "401 405 405 405 405 403 403",
    "api-mapping-grid": "401 200 200 200 200 403 403",
    "api-mapping-report": "401 200 200 200 200 403 403",
}


def _issue(w):
    return {"pk": w["mapping_issue"].pk}


def _assessment(w):
    return {"pk": w["mapping_assessment"].pk}


PARAMETERS_BY_NAME = {
    "mapping:categories-export": lambda w: {"fmt": "csv"},
    "mapping:assessment-export": lambda w: {"fmt": "xlsx"},
    "mapping:report-export": lambda w: {"fmt": "xlsx"},
    "mapping:issue-detail": _issue,
    "mapping:issue-update": _issue,
    "mapping:issue-national": _issue,
    "mapping:assessment-detail": _assessment,
    "mapping:assessment-override": _assessment,
    "mapping:assessment-plan": _assessment,
}
for _name, _params in (
    ("api-public-issue-detail", _issue),
    ("api-public-issue-national", _issue),
    ("api-assessment-detail", _assessment),
    ("api-assessment-override", _assessment),
    ("api-assessment-plan", _assessment),
):
    PARAMETERS_BY_NAME[_name] = _params
    PARAMETERS_BY_NAME[f"{_name} (format)"] = lambda w, p=_params: {
        **p(w),
        "format": "json",
    }


def build_mapping_world(world: dict) -> dict:
    """An assessment of the world's KIM and a public issue of Kabupaten Malang (the
    world's `user` is its officer), to add to the world."""
    officer = world["user"]
    period = period_parse("2026-Q3")
    kim = world["kim"]
    assessments_recompute(
        regency_code="35.07",
        period=period,
        figures={kim.pk: KimFigures(followers=10, reports_on_office_material=1)},
    )
    from mapping.models import Assessment

    return {
        "mapping_assessment": Assessment.objects.get(kim=kim, period=period.key),
        "mapping_issue": public_issue_create(
            actor=officer,
            data={"title": "Isu uji akses", "field": "kesehatan"},
            kim_ids=[kim.pk],
        ),
    }
