"""The KIM's interest questionnaire and its place in the computation."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kimportal.accounts.models import Role
from kimportal.core.dates import today_in_jakarta
from mapping import services
from mapping.models import Assessment, InterestAnswer
from mapping.periods import period_containing
from mapping.questionnaire import questionnaire_score
from registry.tests.factories import UserFactory

from .factories import assess

pytestmark = pytest.mark.django_db

ALL_FOUR = {"share": 5, "issues": 4, "join": 5, "feedback": 2}


@pytest.fixture
def kim_user(kims):
    return UserFactory(
        username="kim-uji", password="x-pass-12345", role=Role.KIM, kim=kims[4]
    )


def test_score_maps_1_to_5_onto_0_to_100():
    assert questionnaire_score({"share": 1, "issues": 1, "join": 1, "feedback": 1}) == 0
    assert (
        questionnaire_score({"share": 3, "issues": 3, "join": 3, "feedback": 3}) == 50
    )
    assert questionnaire_score(ALL_FOUR) == 75


def test_kim_answers_for_itself_and_interest_uses_it(kim_user, kims, demo_users):
    answer = services.interest_answer_submit(actor=kim_user, answers=ALL_FOUR)
    assert answer.kim == kims[4] and answer.score == Decimal("75.00")
    # answering again replaces, not duplicates
    services.interest_answer_submit(actor=kim_user, answers={**ALL_FOUR, "join": 1})
    assert InterestAnswer.objects.count() == 1
    current = period_containing(today_in_jakarta(), "quarter")
    # KIM 4 has no activity data at all; its questionnaire alone gives it interest
    assess(kims, [None] * 4, period=current)
    assessment = Assessment.objects.get(kim=kims[4], period=current.key)
    assert assessment.interest_score == Decimal("50.00")  # the only answer: mid-rank
    assert assessment.inputs["questionnaire_score"] == 50.0  # (5+4+1+2)/4 = 3


def test_only_kim_users_answer_and_answers_are_checked(kim_user, demo_users):
    with pytest.raises(PermissionDenied):
        services.interest_answer_submit(
            actor=demo_users["kab-malang"], answers=ALL_FOUR
        )
    with pytest.raises(ValidationError) as error:
        services.interest_answer_submit(
            actor=kim_user, answers={**ALL_FOUR, "share": 9}
        )
    assert "share" in error.value.message_dict


def test_questionnaire_page(client, kim_user):
    client.force_login(kim_user)
    url = reverse("mapping:questionnaire")
    assert client.get(url).status_code == 200
    assert client.post(url, {"share": "5"}).status_code == 400
    assert client.post(url, ALL_FOUR).status_code == 302
    assert InterestAnswer.objects.get().answers == ALL_FOUR
