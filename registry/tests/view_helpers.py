"""Helpers of the registry's page tests: the POST bodies of the registration form and the
verification checklist, and a complete KIM made without the services."""

from registry.choices import (
    DocumentKind,
    Requirement,
)
from registry.models import Kim
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KimDocumentFactory,
    KimFactory,
    KimOfficerFactory,
    VerifiedKimFactory,
    pdf_upload,
)

SECOND_KAB_MALANG_VILLAGE = "35.07.01.2002"


def registration_data(**overrides) -> dict:
    """A complete registration POST: profile, two board members, one channel, and the
    three documents."""
    data = {
        "name": "KIM Tulungrejo Sejahtera",
        "kim_type": "A",
        "chair_name": "Siti Aminah",
        "street": "Jl. Raya Donomulyo",
        "rt": "001",
        "rw": "002",
        "house_number": "12",
        "village": KAB_MALANG_VILLAGE,
        "whatsapp": "081234567890",
        "phone": "",
        "email": "kim.tulungrejo@example.id",
        "coverage": [KAB_MALANG_VILLAGE],
        "social_groups": ["petani", "pemuda"],
        "media_types": ["social", "meeting"],
        "fields": ["kesehatan", "pertanian"],
        "public_issues": "Stunting, harga pupuk",
        "frequency_count": "2",
        "frequency_unit": "week",
        "content_types": ["video", "photo"],
        "power_reach": "1200",
        "influence_response": "300",
        "channels-TOTAL_FORMS": "2",
        "channels-INITIAL_FORMS": "0",
        "channels-MIN_NUM_FORMS": "0",
        "channels-MAX_NUM_FORMS": "1000",
        "channels-0-platform": "instagram",
        "channels-0-address": "https://instagram.com/kimtulungrejo",
        "channels-0-followers": "1200",
        "officers-TOTAL_FORMS": "3",
        "officers-INITIAL_FORMS": "0",
        "officers-MIN_NUM_FORMS": "0",
        "officers-MAX_NUM_FORMS": "1000",
        "officers-0-name": "Siti Aminah",
        "officers-0-position": "Ketua",
        "officers-0-phone": "081234567890",
        "officers-1-name": "Budi Santoso",
        "officers-1-position": "Sekretaris",
        "sk_number": "141/05/35.07.01.2001/2026",
        "sk_issued_on": "2026-01-05",
        "sk_expires_on": "2029-01-05",
        "action": "draft",
    }
    data.update(overrides)
    return data


def with_documents(data: dict) -> dict:
    return {
        **data,
        "sk_file": pdf_upload("sk.pdf"),
        "officers_list_file": pdf_upload("pengurus.pdf"),
        "declaration_file": pdf_upload("pernyataan.pdf"),
    }


def _post_rows(data: dict, prefix: str, rows, *, fields: tuple, extra: int) -> None:
    """Replace formset `prefix` in `data` by `rows` as its initial forms, plus `extra`
    blank ones, the way the update page renders them."""
    rows = list(rows)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows) + extra)
    data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
    for key in [
        k for k in data if k.startswith(f"{prefix}-") and k.split("-")[1].isdigit()
    ]:
        del data[key]
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-id"] = str(row.pk)
        for field in fields:
            data[f"{prefix}-{index}-{field}"] = str(getattr(row, field))


def update_data(kim: Kim, **overrides) -> dict:
    """The registration form as the update page would post it back for `kim`."""
    data = registration_data(**overrides)
    _post_rows(
        data,
        "officers",
        kim.officers.filter(active=True),
        fields=("name", "position", "phone"),
        extra=3,
    )
    _post_rows(
        data,
        "channels",
        kim.channels.filter(active=True),
        fields=("platform", "address", "followers"),
        extra=2,
    )
    for key in ("sk_number", "sk_issued_on", "sk_expires_on"):
        data.pop(key)
    return data


def checklist(failed: dict | None = None, action: str = "verify") -> dict:
    """A verification POST: every requirement passed except `failed` (value → note)."""
    failed = failed or {}
    data = {"action": action, "note": "Diperiksa di kantor desa."}
    for requirement in Requirement.values:
        data[f"{requirement}__passed"] = "no" if requirement in failed else "yes"
        data[f"{requirement}__note"] = failed.get(requirement, "")
    return data


def complete_kim(user, **kwargs) -> Kim:
    """A KIM with a board and its three current documents."""
    kim = (VerifiedKimFactory if kwargs.pop("verified", False) else KimFactory)(
        registered_by=user, **kwargs
    )
    KimOfficerFactory(kim=kim, name="Siti Aminah", position="Ketua")
    for kind in DocumentKind.values:
        KimDocumentFactory(kim=kim, kind=kind, uploaded_by=user)
    return kim
