"""Builders for monitoring tests: they go through the services, so guards, history and
deliveries are real."""

import datetime

from kimportal.accounts.models import Role, User
from kimportal.core.dates import today_in_jakarta
from monitoring import services
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KOTA_MALANG_VILLAGE,
    VerifiedKimFactory,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def kim_with_user(*, village=KAB_MALANG_VILLAGE, username=None, **kwargs):
    kim = VerifiedKimFactory(village_id=village, **kwargs)
    user = User.objects.create_user(
        username=username or f"kim-{kim.pk}",
        password="pass-12345",
        role=Role.KIM,
        kim=kim,
    )
    return kim, user


def report_data(**overrides) -> dict:
    data = {
        "action_kind": "social_post",
        "format": "video",
        "medium": "social",
        "activity_count": 1,
        "activity_date": today_in_jakarta(),
    }
    data.update(overrides)
    return data


def make_report(*, kim, user, submit=True, urls=None, **overrides):
    return services.report_create(
        kim=kim,
        created_by=user,
        data=report_data(**overrides),
        evidence_urls=urls
        if urls is not None
        else [f"https://www.youtube.com/watch?v=abcdefghi{kim.pk % 100:02d}"],
        submit=submit,
    )


def material_data(**overrides) -> dict:
    today = today_in_jakarta()
    data = {
        "title": "Cegah DBD dengan 3M Plus",
        "message": "Menguras, menutup, mendaur ulang. Ayo cegah demam berdarah!",
        "theme": "Kesehatan",
        "format": "infographic",
        "url": "https://www.kemkes.go.id/dbd",
        "period_start": today - datetime.timedelta(days=1),
        "period_end": today + datetime.timedelta(days=30),
    }
    data.update(overrides)
    return data


__all__ = [
    "JPEG_BYTES",
    "KAB_MALANG_VILLAGE",
    "KOTA_MALANG_VILLAGE",
    "PNG_BYTES",
    "kim_with_user",
    "make_report",
    "material_data",
    "report_data",
]
