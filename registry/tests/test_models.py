"""Records of the registry that must not vanish refuse a hard DELETE in the database
itself, whoever sends it (the ORM, raw SQL, a console)."""

import pytest
from django.db import DatabaseError, connection, transaction

from registry import models, services
from registry.choices import ReviewGround
from registry.tests.factories import pdf_upload

PROTECTED = [
    "Kim",
    "KimDocument",
    "Verification",
    "VerificationItem",
    "ChangeRequest",
    "Partnership",
    "ReviewCase",
    "ReviewEvidence",
    "ReviewComment",
    "KimMember",
]


def test_the_protected_list_is_every_model_declaring_the_trigger():
    declared = {
        model.__name__
        for model in models.Kim._meta.apps.get_app_config("registry").get_models()
        if any(
            t.name == models.NO_HARD_DELETE.name
            for t in getattr(model._meta, "triggers", [])
        )
    }
    assert declared == set(PROTECTED)


@pytest.fixture
def one_of_each(officer, partner_kim):
    """A row of every protected model."""
    member = services.kim_invite_user(
        kim=partner_kim, invited_by=officer, email="ketua@kim.example.id"
    )
    services.kim_self_update(kim=partner_kim, user=member, data={"name": "KIM Baru"})
    case = services.review_open(
        kim=partner_kim,
        opened_by=officer,
        grounds=[ReviewGround.CRIMINAL],
        evidence=[(pdf_upload("bukti.pdf"), "Berita")],
    )
    services.review_comment_add(case=case, author=officer, body="Dicek")
    return partner_kim


@pytest.mark.parametrize("model_name", PROTECTED)
def test_raw_sql_delete_is_refused_by_the_trigger(one_of_each, model_name):
    model = getattr(models, model_name)
    row = model.objects.order_by("pk").first()
    assert row is not None
    table = connection.ops.quote_name(model._meta.db_table)
    with pytest.raises(DatabaseError, match="Cannot delete rows"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [row.pk])  # noqa: S608
    assert model.objects.filter(pk=row.pk).exists()
