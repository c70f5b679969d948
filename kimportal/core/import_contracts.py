"""A custom import-linter contract (loaded only by `lint-imports`, see `.importlinter`).

`app_boundaries`: an app reads another app only through its public modules (selectors,
services, models, rules, ...). Importing another app's private modules (any name part
starting with `_`), its `views` or its `forms` breaks the contract. Imports inside one app
are not checked, nor modules outside every app (settings, URL wiring).
"""

from __future__ import annotations

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck

CLOSED_PARTS = frozenset({"views", "forms"})


def _is_private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


class AppBoundariesContract(Contract):
    """Options: `apps`, the packages that are apps (the longest matching one wins)."""

    type_name = "app_boundaries"

    apps = fields.ListField(subfield=fields.StringField())

    def _app_of(self, module: str) -> str | None:
        matches = [
            app
            for app in self.apps  # type: ignore[attr-defined]
            if module == app or module.startswith(app + ".")
        ]
        return max(matches, key=len) if matches else None

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        broken = []
        for importer in sorted(graph.modules):
            importer_app = self._app_of(importer)
            if importer_app is None:
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                imported_app = self._app_of(imported)
                if imported_app is None or imported_app == importer_app:
                    continue
                inner = imported[len(imported_app) + 1 :].split(".")
                if any(p in CLOSED_PARTS or _is_private(p) for p in inner if p):
                    lines = sorted(
                        {
                            d["line_number"]
                            for d in graph.get_import_details(
                                importer=importer, imported=imported
                            )
                        }
                    )
                    broken.append((importer, imported, lines))
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error(
            "Apps read each other through selectors and write through services; these "
            "imports reach into another app's private modules, views or forms:",
            bold=False,
        )
        output.new_line()
        for importer, imported, lines in check.metadata["broken"]:
            numbers = ", ".join(str(n) for n in lines)
            output.print_error(f"- {importer} -> {imported} (l.{numbers})", bold=False)
        output.new_line()
