"""Every write service of accounts checks its actor and state itself (core.access.guard):
each wrong actor gets PermissionDenied, the right actor in the wrong state TransitionError,
and a refused call changes nothing and queues no email."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kimportal.accounts.models import ApplicationStatus, Role
from kimportal.accounts.services import application_approve, application_reject
from kimportal.accounts.tests.factories import (
    MinistryUserFactory,
    SiteAdminApplicationFactory,
    UserFactory,
)
from kimportal.core.errors import TransitionError
from kimportal.core.models import OutboxMessage

pytestmark = pytest.mark.django_db

WRONG_ACTORS = {
    **{role: {"role": role} for role in Role.values if role != Role.MINISTRY},
    "no-role": {"role": ""},
    "inactive-ministry": {"role": Role.MINISTRY, "is_active": False},
}


def decide(service, application, actor):
    if service is application_reject:
        return service(application=application, decided_by=actor, reason="Bukan staf")
    return service(application=application, decided_by=actor)


@pytest.fixture
def actor_of(regions):
    def make(kind):
        return UserFactory(**WRONG_ACTORS[kind])

    return make


@pytest.mark.parametrize("service", [application_approve, application_reject])
@pytest.mark.parametrize("kind", sorted(WRONG_ACTORS))
def test_a_wrong_actor_may_not_decide(service, kind, actor_of):
    application = SiteAdminApplicationFactory()

    with pytest.raises(PermissionDenied):
        decide(service, application, actor_of(kind))

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("service", [application_approve, application_reject])
def test_an_anonymous_caller_may_not_decide(service, regions):
    with pytest.raises(PermissionDenied):
        decide(service, SiteAdminApplicationFactory(), AnonymousUser())


@pytest.mark.parametrize("service", [application_approve, application_reject])
@pytest.mark.parametrize(
    "status", [ApplicationStatus.APPROVED, ApplicationStatus.REJECTED]
)
def test_the_ministry_may_not_decide_a_decided_application(service, status, regions):
    ministry = MinistryUserFactory()
    application = SiteAdminApplicationFactory(
        status=status,
        decided_by=ministry,
        decided_at=timezone.now(),
        reason="Sudah diputus",
        user=UserFactory() if status == ApplicationStatus.APPROVED else None,
    )

    with pytest.raises(TransitionError):
        decide(service, application, ministry)

    application.refresh_from_db()
    assert application.status == status
    assert not OutboxMessage.objects.exists()


def test_the_ministry_decides_a_pending_application(regions):
    application = SiteAdminApplicationFactory()

    user = decide(application_approve, application, MinistryUserFactory())

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.user == user
    assert OutboxMessage.objects.get().kind == "accounts.application_approved"
