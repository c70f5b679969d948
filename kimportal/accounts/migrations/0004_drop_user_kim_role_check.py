"""The first step of moving KIM membership to the registry: the check that a `kim` user
has `User.kim` goes before the registry copies the column (so that, migrating backwards,
the column is filled again before the check returns)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_siteadminapplication")]

    operations = [
        migrations.RemoveConstraint(model_name="user", name="user_kim_role_has_kim"),
    ]
