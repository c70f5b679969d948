"""The report list's export, and the validation queue's (the same list filtered on
"submitted"), are recorded in the security log under their own names."""

import pytest

from kimportal.security.models import SecurityEvent, SecurityEventKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "name"), [("?state=submitted", "validation-queue"), ("", "reports")]
)
def test_report_exports_are_recorded(client, demo_users, query, name):
    client.force_login(demo_users["kab-malang"])
    response = client.get(f"/monitoring/reports/export/csv/{query}")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    (event,) = SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT)
    assert event.detail["export"] == name and event.detail["format"] == "csv"
