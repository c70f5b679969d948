"""Issue 7, findings 12 and 14: odd input is a 400 and oversized bodies a 413, before
any view reads them."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/regions/search/?q=abc%00",
        "/regions/options/?province=3%005",
        "/regions/search/?q=%ff%fe",
    ],
)
def test_nul_and_invalid_utf8_in_the_query_are_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "karakter yang tidak sah" in response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_nul_in_a_kim_officers_query_is_400(client, demo_users):
    client.force_login(demo_users["kab-malang"])
    response = client.get("/kim/duplicates/?village=35%00")
    assert response.status_code == 400


def test_nul_in_a_form_field_is_400(client):
    response = client.post(
        reverse("login"), {"username": "kab\x00malang", "password": "x"}
    )
    assert response.status_code == 400


def test_api_gets_a_json_400(client):
    response = client.get("/api/v1/regions/?q=a%00")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_body_over_the_default_limit_is_413_before_reading(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    big = "x" * 5000
    response = Client().post(reverse("login"), {"username": big, "password": "x"})
    assert response.status_code == 413
    assert "terlalu besar" in response.content.decode()


def test_upload_url_allows_its_upload_but_not_forty_megabytes(demo_users, settings):
    from kimportal.security.request_guard import body_limit_for

    assert body_limit_for(reverse("accounts:apply")) == (
        settings.UPLOAD_MAX_BYTES + 1024 * 1024
    )
    assert body_limit_for(reverse("login")) == settings.REQUEST_BODY_MAX_BYTES
    client = Client()
    # A declared 40 MB body is refused without being read (the test body is tiny).
    response = client.generic(
        "POST",
        reverse("accounts:apply"),
        b"x",
        content_type="multipart/form-data; boundary=zz",
        CONTENT_LENGTH=str(40 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_overlong_query_value_is_400(client, demo_users):
    client.force_login(demo_users["kab-malang"])
    response = client.get("/kim/", {"page": "9" * 5000})
    assert response.status_code == 400
    assert "terlalu panjang" in response.content.decode()
