"""Indonesian phone numbers, kept in +62 (E.164) form everywhere."""

import lokal
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalize_phone(value, *, field: str, mobile: bool = False) -> str:
    """An Indonesian number in +62 form; "" stays "". Raises a field ValidationError."""
    value = (value or "").strip()
    if not value:
        return ""
    info = lokal.parse_phone(value)
    if not info.valid:
        reason = " ".join(issue.message for issue in info.errors)
        raise ValidationError(
            {field: _("Nomor telepon tidak valid: %(reason)s") % {"reason": reason}}
        )
    if mobile and info.type != "mobile":
        raise ValidationError(
            {field: _("Nomor WhatsApp harus nomor seluler (diawali 08 atau +628).")}
        )
    return info.e164 or value
