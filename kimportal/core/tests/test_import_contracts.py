"""The app-boundaries contract of `make lint` (kimportal/core/import_contracts.py)."""

import grimp

from kimportal.core.import_contracts import AppBoundariesContract

APPS = ["kimportal.core", "kimportal.accounts", "registry", "monitoring"]


def check(*imports: tuple[str, str]):
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(
            importer=importer,
            imported=imported,
            line_number=1,
            line_contents=f"import {imported}",
        )
    contract = AppBoundariesContract(
        name="boundaries", session_options={}, contract_options={"apps": APPS}
    )
    return contract.check(graph, verbose=False)


def test_apps_may_use_each_others_selectors_services_and_models():
    result = check(
        ("monitoring.selectors", "registry.selectors"),
        ("monitoring.services", "registry.services"),
        ("registry.models", "kimportal.core.scoping"),
        ("registry.views.staff", "kimportal.accounts.rules"),
    )
    assert result.kept


def test_private_modules_views_and_forms_of_another_app_are_refused():
    result = check(
        ("monitoring.services", "registry.services._common"),
        ("monitoring.views", "registry.views.staff"),
        ("registry.views", "kimportal.accounts.forms"),
        ("registry.selectors", "registry.services._common"),  # same app: allowed
        ("kimportal.accounts.services", "kimportal.core.__init__"),  # dunder: public
    )
    assert not result.kept
    assert [(i, j) for i, j, _lines in result.metadata["broken"]] == [
        ("monitoring.services", "registry.services._common"),
        ("monitoring.views", "registry.views.staff"),
        ("registry.views", "kimportal.accounts.forms"),
    ]
