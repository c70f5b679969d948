"""seed_demo resets demo accounts to a public password: never by accident in production."""

import pytest
from django.core.management import CommandError, call_command

from kimportal.accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_without_debug_or_flag(settings, regions):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--i-know-this-is-not-production"):
        call_command("seed_demo")
    assert not User.objects.filter(username="kab-malang").exists()


def test_seed_demo_runs_with_debug_on(settings, regions, monkeypatch):
    from kimportal.core.management.commands import seed_demo

    ran = []
    monkeypatch.setattr(
        seed_demo,
        "demo_seeders",
        lambda: [type("Seeder", (), {"seed": lambda **kw: ran.append(kw) or "ok"})],
    )
    settings.DEBUG = True
    call_command("seed_demo")
    assert len(ran) == 1
