"""The public outcome survey: no login, three answers counted per KIM and region, nothing
about the person stored, floods refused."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from kimportal.core.throttle import counter_key
from monitoring.models import RegionMonthRollup, SurveyResponse
from monitoring.views.survey import PER_SURVEY_PER_HOUR

from .effectiveness_factories import make_kim, make_link, make_material

ADDRESS = "203.0.113.9"
BROWSER = "Mozilla/5.0 (Linux; Android 13) Jejak-Unik/1.0"
ANSWERS = {"understood": "2", "attitude": "2", "intent": "1"}


@pytest.fixture
def link(demo_users):
    material = make_material(user=demo_users["kab-malang"], title="Cegah DBD")
    return make_link(material=material, kim=make_kim(name="KIM Tulungrejo"))


@pytest.fixture(autouse=True)
def fresh_survey_limits(link):
    for action in ("survey", f"survey:{link.code}"):
        cache.delete(counter_key(action, ADDRESS))
    yield
    for action in ("survey", f"survey:{link.code}"):
        cache.delete(counter_key(action, ADDRESS))


def answer(client, link, data=ANSWERS):
    return client.post(
        reverse("monitoring:survey", args=[link.code]),
        data,
        REMOTE_ADDR=ADDRESS,
        HTTP_USER_AGENT=BROWSER,
    )


@pytest.mark.django_db
def test_survey_page_is_public_and_names_the_material_and_kim(client, link):
    response = client.get(reverse("monitoring:survey", args=[link.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cegah DBD" in html and "KIM Tulungrejo" in html
    assert html.count('type="radio"') == 9
    assert (
        client.get(reverse("monitoring:survey", args=["tidak-ada"])).status_code == 404
    )


@pytest.mark.django_db
def test_an_answer_is_counted_for_the_kim_and_its_region(client, link):
    response = answer(client, link)
    assert response.status_code == 200
    assert "Terima kasih" in response.content.decode()
    stored = SurveyResponse.objects.get()
    assert (stored.kim_id, stored.village_code, stored.medium) == (
        link.delivery.kim_id,
        link.delivery.kim.village_id,
        link.medium,
    )
    assert (stored.understood, stored.attitude, stored.intent) == (2, 2, 1)
    region = RegionMonthRollup.objects.get(regency_code="35.07")
    assert (region.survey_answers, region.survey_positive, region.survey_intent) == (
        1,
        1,
        0,
    )


@pytest.mark.django_db
def test_the_survey_stores_no_personal_data(client, link, demo_users):
    client.force_login(
        demo_users["kab-malang"]
    )  # even a logged-in visitor stays anonymous
    answer(client, link)
    fields = {f.name for f in SurveyResponse._meta.concrete_fields}
    assert fields == {
        "id", "link", "material", "kim", "village_code", "medium", "answered_on",
        "month", "understood", "attitude", "intent",
    }  # fmt: skip
    from django.apps import apps

    assert not any(
        m.__name__.startswith("SurveyResponse") and m is not SurveyResponse
        for m in apps.get_models()
    )  # no pghistory event model
    assert "DateTimeField" not in {
        f.get_internal_type() for f in SurveyResponse._meta.concrete_fields
    }
    with connection.cursor() as cursor:
        # The answer row holds nothing that names the visitor, and it has no history
        # row that could carry the request context.
        for table in ("monitoring_surveyresponse",):
            cursor.execute(f"SELECT row_to_json(t)::text FROM {table} t")  # noqa: S608
            for (row,) in cursor.fetchall():
                for trace in (ADDRESS, "Jejak-Unik", "kab-malang"):
                    assert trace not in row
                assert f'"{demo_users["kab-malang"].pk}"' not in row


@pytest.mark.django_db
def test_a_missing_or_invalid_answer_stores_nothing(client, link):
    response = answer(client, link, {"understood": "2", "attitude": "7"})
    assert response.status_code == 200
    assert "Pilih salah satu" in response.content.decode() or "errorlist" in (
        response.content.decode()
    )
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
def test_a_withdrawn_material_closes_its_survey(client, link):
    material = link.delivery.material
    material.state = "withdrawn"
    material.save()
    assert client.get(reverse("monitoring:survey", args=[link.code])).status_code == 410
    assert answer(client, link).status_code == 410
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
def test_a_flood_from_one_address_is_refused(client, link):
    for _ in range(PER_SURVEY_PER_HOUR):
        assert answer(client, link).status_code == 200
    response = answer(client, link)
    assert response.status_code == 429
    assert SurveyResponse.objects.count() == PER_SURVEY_PER_HOUR


@pytest.mark.django_db
def test_demo_seeds_survey_answers_once(link):
    from monitoring.demo_effectiveness import seed_demo_effectiveness

    assert "6 survey answers" in seed_demo_effectiveness()
    assert "already" in seed_demo_effectiveness()
    assert RegionMonthRollup.objects.get(regency_code="35.07").survey_answers == 6
