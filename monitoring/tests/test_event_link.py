"""A report may name the capacity-building event it follows up (collaboration's id)."""

import pytest
from django.core.exceptions import ValidationError

from .factories import kim_with_user, make_report

pytestmark = pytest.mark.django_db


def test_report_keeps_the_event_it_follows_up(regions):
    kim, user = kim_with_user()
    report = make_report(kim=kim, user=user, event_ref=42)
    report.refresh_from_db()
    assert report.event_ref == 42
    assert make_report(kim=kim, user=user, submit=False, urls=[]).event_ref is None


def test_event_reference_must_be_a_positive_id(regions):
    kim, user = kim_with_user()
    with pytest.raises(ValidationError) as exc:
        make_report(kim=kim, user=user, event_ref="abc")
    assert "event_ref" in exc.value.message_dict
