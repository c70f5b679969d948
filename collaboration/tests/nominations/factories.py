"""Competitions for the nomination tests, made directly (the competition services are
another helper's)."""

import datetime

from collaboration.models import Competition


def competition(*, user, level="province", organiser="35", title=None):
    today = datetime.date(2026, 12, 1)
    return Competition.objects.create(
        title=title or f"Lomba {level}",
        level=level,
        organiser_id=organiser,
        office_name=str(user.office) if user.office_id else "Kementerian",
        registration_opens_on=today,
        registration_closes_on=today + datetime.timedelta(days=30),
        announce_on=today + datetime.timedelta(days=45),
        status="open",
        created_by=user,
    )
