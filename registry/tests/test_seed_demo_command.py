"""`seed_demo` runs every registered seeder in layer order: accounts, then the registry."""

import io

from django.core.management import call_command

from kimportal.accounts.models import User
from registry.models import Kim


def test_seed_demo_seeds_accounts_before_the_registry(regions):
    out = io.StringIO()

    # Test settings have DEBUG off, as production does: the flag says it is not.
    call_command("seed_demo", "--i-know-this-is-not-production", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Akun demo: kementerian")
    assert lines[1].startswith("KIM demo:")
    assert User.objects.filter(username="kim-demo").exists()
    assert Kim.objects.exists()
