import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from kimportal.core.files import private_file_fields, private_files_sweep
from kimportal.core.tasks import sweep_orphan_private_files
from kimportal.core.uploads import private_storage
from registry.models import KimDocument
from registry.tests.factories import create_complete_kim

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_dir(private_files):
    return private_files


def _age(path, days):
    old = (timezone.now() - datetime.timedelta(days=days)).timestamp()
    os.utime(path, (old, old))


def test_every_private_file_field_is_known():
    fields = {(model.__name__, name) for model, name in private_file_fields()}
    assert {
        ("KimDocument", "file"),
        ("ReviewEvidence", "file"),
        ("ReviewCase", "decision_letter"),
        ("SiteAdminApplication", "letter"),
    } <= fields


def test_sweep_removes_only_old_unreferenced_files(private_dir, demo_users):
    kim = create_complete_kim(user=demo_users["kab-malang"])
    kept_documents = list(
        KimDocument.objects.filter(kim=kim).values_list("file", flat=True)
    )
    storage = private_storage()
    orphan = storage.save("kim/999/orphan.pdf", ContentFile(b"%PDF-1.4 orphan"))
    fresh_orphan = storage.save("kim/999/fresh.pdf", ContentFile(b"%PDF-1.4 fresh"))
    for name in [orphan, *kept_documents]:
        _age(private_dir / name, days=3)

    result = private_files_sweep()

    assert result.removed == [orphan]
    assert not storage.exists(orphan)
    assert storage.exists(fresh_orphan)
    assert all(storage.exists(name) for name in kept_documents)


def test_the_daily_task_runs_the_sweep(private_dir, demo_users):
    orphan = private_storage().save("review/x.pdf", ContentFile(b"%PDF-1.4"))
    _age(private_dir / orphan, days=2)

    assert sweep_orphan_private_files.delay().get() == 1
    assert not private_storage().exists(orphan)
