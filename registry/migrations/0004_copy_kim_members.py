"""Copy each KIM account's `User.kim` into a KimMember row, before accounts drops the
column (accounts 0005 depends on this migration)."""

from django.db import migrations


def copy_members(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    KimMember = apps.get_model("registry", "KimMember")
    KimMember.objects.bulk_create(
        [
            KimMember(user_id=user_id, kim_id=kim_id, role="anggota", active=True)
            for user_id, kim_id in User.objects.filter(kim__isnull=False).values_list(
                "pk", "kim_id"
            )
        ]
    )


def copy_back(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    KimMember = apps.get_model("registry", "KimMember")
    for user_id, kim_id in KimMember.objects.filter(active=True).values_list(
        "user_id", "kim_id"
    ):
        User.objects.filter(pk=user_id).update(kim_id=kim_id)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_drop_user_kim_role_check"),
        ("registry", "0003_kimmember"),
    ]

    operations = [migrations.RunPython(copy_members, copy_back)]
