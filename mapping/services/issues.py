"""Public issues (Tabel 3.2), owned by the office that wrote them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.locking import lock_row
from monitoring.selectors import material_list
from registry.choices import GovernmentAffair
from registry.selectors import kim_list

from ..choices import IssueSourceKind, UnderstandingLevel
from ..models import PublicIssue

TEXT_FIELDS = (
    "title",
    "background",
    "involved",
    "scope",
    "administration",
    "understanding_note",
)
FIELDS = (
    *TEXT_FIELDS,
    "field",
    "emerged_on",
    "expected_fade_on",
    "understanding_level",
    "is_priority",
    "is_crisis",
)
MAX_SOURCES = 50


def clean_sources(sources: Iterable[Mapping[str, Any]] | None) -> list[dict]:
    """Sources as [{"kind", "url", "note"}]: a known kind and a link or a note each."""
    cleaned, errors = [], []
    check_url = URLValidator(schemes=["http", "https"])
    for number, source in enumerate(sources or [], start=1):
        kind = str(source.get("kind") or "")
        url = str(source.get("url") or "").strip()
        note = str(source.get("note") or "").strip()[:500]
        if kind not in IssueSourceKind.values:
            errors.append(
                _("Sumber %(n)s: jenis sumber tidak dikenal.") % {"n": number}
            )
            continue
        if url:
            try:
                check_url(url)
            except ValidationError:
                errors.append(
                    _("Sumber %(n)s: tautan harus diawali http:// atau https://.")
                    % {"n": number}
                )
                continue
        if not url and not note:
            continue
        cleaned.append({"kind": kind, "url": url[:500], "note": note})
    if len(cleaned) > MAX_SOURCES:
        errors.append(_("Paling banyak %(n)s sumber.") % {"n": MAX_SOURCES})
    if errors:
        raise ValidationError({"sources": errors})
    return cleaned


def _apply(issue: PublicIssue, data: Mapping[str, Any]) -> None:
    for name in FIELDS:
        if name in data:
            value = data[name]
            if name in TEXT_FIELDS or name == "understanding_level":
                value = (value or "").strip()
            setattr(issue, name, value)
    if "sources" in data:
        issue.sources = clean_sources(data["sources"])
    if not (issue.title or "").strip():
        raise ValidationError({"title": _("Isu strategis wajib diisi.")})
    if issue.field not in GovernmentAffair.values:
        raise ValidationError({"field": _("Pilih bidang terkait.")})
    if issue.understanding_level and (
        issue.understanding_level not in UnderstandingLevel.values
    ):
        raise ValidationError({"understanding_level": _("Pilihan tidak dikenal.")})
    if (
        issue.emerged_on
        and issue.expected_fade_on
        and issue.expected_fade_on < issue.emerged_on
    ):
        raise ValidationError(
            {"expected_fade_on": _("Tanggal mereda tidak boleh sebelum isu muncul.")}
        )
    issue.full_clean(exclude=["kims", "owner_region", "created_by", "sources"])


def _link_kims(issue: PublicIssue, actor, kim_ids: Iterable[int] | None) -> None:
    """Only KIM the actor may see can be linked; any other id is an error, not a leak."""
    if kim_ids is None:
        return
    wanted = {int(k) for k in kim_ids}
    visible = set(
        kim_list(user=actor).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if wanted - visible:
        raise ValidationError(
            {"kims": _("Ada KIM yang tidak dikenal di wilayah Anda.")}
        )
    issue.kims.set(sorted(wanted))


def _link_materials(
    issue: PublicIssue, actor, material_ids: Iterable[int] | None
) -> None:
    """Only information material the actor may see can be linked."""
    if material_ids is None:
        return
    wanted = {int(m) for m in material_ids}
    visible = set(
        material_list(user=actor).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if wanted - visible:
        raise ValidationError(
            {"materials": _("Ada bahan informasi yang tidak dikenal.")}
        )
    issue.materials.set(sorted(wanted))


@transaction.atomic
def public_issue_create(
    *,
    actor,
    data: Mapping[str, Any],
    kim_ids: Iterable[int] | None = None,
    material_ids: Iterable[int] | None = None,
) -> PublicIssue:
    """A new issue owned by the actor's office."""
    guard(actor, "mapping.add_issue")
    owner = actor.scope_code or None  # "" (the ministry) → no region
    issue = PublicIssue(owner_region_id=owner, created_by=actor)
    _apply(issue, data)
    issue.save()
    _link_kims(issue, actor, kim_ids)
    _link_materials(issue, actor, material_ids)
    return issue


@transaction.atomic
def public_issue_update(
    *,
    issue: PublicIssue,
    actor,
    data: Mapping[str, Any],
    kim_ids: Iterable[int] | None = None,
    material_ids: Iterable[int] | None = None,
) -> PublicIssue:
    """Change an issue; only its own office may."""
    issue = lock_row(PublicIssue, issue)
    guard(actor, "mapping.change_issue", issue)
    _apply(issue, data)
    issue.save()
    _link_kims(issue, actor, kim_ids)
    _link_materials(issue, actor, material_ids)
    return issue


@transaction.atomic
def public_issue_mark_national(
    *, issue: PublicIssue, actor, national: bool = True
) -> PublicIssue:
    """The ministry marks (or unmarks) an issue national: every office then sees it."""
    issue = lock_row(PublicIssue, issue)
    guard(actor, "mapping.mark_national", issue)
    issue.is_national = bool(national)
    issue.save(update_fields=["is_national", "updated_at"])
    return issue
