"""Factories for the core's tests."""

import factory

from kimportal.core.models import OutboxMessage, OutboxState

TEST_KIND = "core-test.greeting"


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    """A pending message of the test kind (registered by kimportal/core/tests)."""

    class Meta:
        model = OutboxMessage

    kind = TEST_KIND
    context = factory.Sequence(lambda n: {"to": f"warga{n}@desa.id", "name": f"W{n}"})
    state = OutboxState.PENDING
