import pytest
from django.contrib.auth import get_user_model

from conftest import DEMO_PASSWORD
from registry.demo import seed_demo_registry

from ...choices_competitions import CompetitionStatus, ResultStatus
from ...demo_competitions import (
    PHOTO_TITLE,
    POSTER_TITLE,
    VIDEO_TITLE,
    seed_demo_competitions,
)
from ...models import Assignment, Competition, Conflict, Result

pytestmark = pytest.mark.django_db


def test_demo_competitions(demo_users):
    users = dict(demo_users)
    seed_demo_registry(users=users, password=DEMO_PASSWORD)
    seed_demo_competitions(users=users, password=DEMO_PASSWORD)

    video = Competition.objects.get(title=VIDEO_TITLE)
    assert video.status == CompetitionStatus.ANNOUNCED
    assert video.jurors.count() == 3
    assert Conflict.objects.filter(assignment__entry__competition=video).count() == 1
    results = list(
        Result.objects.filter(entry__competition=video).order_by("final_rank")
    )
    assert {r.status for r in results} == {ResultStatus.PUBLISHED}
    assert results[0].score == results[1].score
    assert [r.final_rank for r in results] == [1, 2, 3, 4]
    assert "ditentukan" in results[0].tie_note

    photo = Competition.objects.get(title=PHOTO_TITLE)
    assert photo.status == CompetitionStatus.JUDGING and photo.blind_judging
    for username in ("juri-1", "juri-2", "juri-3"):
        user = get_user_model().objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD) and user.is_juror
        assert Assignment.objects.filter(juror__user=user, entry__competition=photo)
    assert (
        Conflict.objects.get(
            assignment__entry__competition=photo
        ).assignment.juror.user.username
        == "juri-1"
    )
    assert not Result.objects.filter(entry__competition=photo).exists()

    poster = Competition.objects.get(title=POSTER_TITLE)
    assert poster.status == CompetitionStatus.OPEN
    # Running it again changes nothing.
    seed_demo_competitions(users=users, password=DEMO_PASSWORD)
    assert Competition.objects.count() == 3
