"""Collaboration's (capacity needs, targeting, campaigns) rows for the role × URL
access test (tests/test_access.py). The matrix merges `EXPECTED` into its table,
`PARAMETERS_BY_NAME` into its parameters, and adds `build_collaboration_world(world)`
to its world. Objects belong to Kabupaten Malang, so `kota-malang` gets 404 wherever
one is named; the world's campaign involves the world's KIM (kim-demo's)."""

ROLES = (
    "anonymous",
    "kementerian",
    "prov-jatim",
    "kab-malang",
    "kota-malang",
    "kl-demo",
    "kim-demo",
)

POST_ONLY = "L 405 405 405 405 405 405"

EXPECTED = {
    #   anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo
    "collaboration:need-list": "L 200 200 200 200 404 200",
    "collaboration:need-create": "L 404 404 404 404 404 200",
    "collaboration:need-create-for-kim": "L 403 403 200 404 404 404",
    "collaboration:need-detail": "L 200 200 200 404 404 200",
    "collaboration:targeting": "L 200 200 200 200 404 404",
    "collaboration:campaign-list": "L 200 200 200 200 404 200",
    # List exports (impex): the list page's rule.
    "collaboration:need-export": "L 200 200 200 200 404 200",
    "collaboration:campaign-export": "L 200 200 200 200 404 200",
    "collaboration:campaign-create": "L 200 200 200 200 404 404",
    "collaboration:campaign-detail": "L 200 200 200 404 404 200",
    "collaboration:campaign-update": "L 403 403 200 404 404 403",
    "collaboration:campaign-open": POST_ONLY,
    "collaboration:campaign-collaborate": POST_ONLY,
    "collaboration:campaign-close": POST_ONLY,
    "collaboration:campaign-cancel": POST_ONLY,
    "collaboration:campaign-design": POST_ONLY,
    "collaboration:campaign-launch": POST_ONLY,
    "collaboration:campaign-feedback": POST_ONLY,
    "collaboration:campaign-fix": "L 403 403 200 404 404 403",
    "api-capacity-need-list": "401 200 200 200 200 403 200",
    "api-capacity-need-detail": "401 200 200 200 404 403 200",
    "api-campaign-list": "401 200 200 200 200 403 200",
    "api-campaign-detail": "401 200 200 200 404 403 200",
}
for _action in (
    "open",
    "collaborate",
    "design",
    "launch",
    "fix-period",
    "close",
    "cancel",
    "feedback",
):
    EXPECTED[f"api-campaign-{_action}"] = "401 405 405 405 405 403 405"
for _key in list(EXPECTED):
    if _key.startswith("api-"):
        EXPECTED[f"{_key} (format)"] = EXPECTED[_key]


def _need(w):
    return {"pk": w["capacity_need"].pk}


def _campaign(w):
    return {"pk": w["campaign"].pk}


PARAMETERS_BY_NAME = {
    "collaboration:need-detail": _need,
    "collaboration:need-create-for-kim": lambda w: {"kim_pk": w["kim"].pk},
    "api-capacity-need-detail": _need,
}
for _key in EXPECTED:
    if _key.startswith(("collaboration:campaign-", "api-campaign-")) and not (
        _key.startswith(
            ("collaboration:campaign-list", "collaboration:campaign-create")
        )
        or _key.startswith("api-campaign-list")
    ):
        PARAMETERS_BY_NAME[_key] = _campaign
for _key in list(PARAMETERS_BY_NAME):
    if _key.startswith("api-") and not _key.endswith("(format)"):
        PARAMETERS_BY_NAME[f"{_key} (format)"] = lambda w, p=PARAMETERS_BY_NAME[_key]: {
            **p(w),
            "format": "json",
        }
PARAMETERS_BY_NAME["api-capacity-need-list (format)"] = lambda w: {"format": "json"}
PARAMETERS_BY_NAME["collaboration:need-export"] = lambda w: {"fmt": "csv"}
PARAMETERS_BY_NAME["collaboration:campaign-export"] = lambda w: {"fmt": "xlsx"}
PARAMETERS_BY_NAME["api-campaign-list (format)"] = lambda w: {"format": "json"}


def build_collaboration_world(world: dict) -> dict:
    """A capacity-needs filing of the world's KIM and a campaign of Kabupaten Malang in
    participation that involves it."""
    from collaboration.services import (
        campaign_create,
        campaign_open,
        capacity_need_file,
    )
    from collaboration.tests.factories import need_data

    officer, kim = world["user"], world["kim"]
    need = capacity_need_file(actor=officer, kim=kim, data=need_data())
    campaign = campaign_create(
        actor=officer,
        data={
            "title": "Kampanye uji akses",
            "message": "Pesan uji",
            "kind": "proactive",
            "target_kim_types": ["A", "B"],
            "trial_months": 2,
        },
    )
    campaign_open(actor=officer, campaign=campaign)
    return {"capacity_need": need, "campaign": campaign}
