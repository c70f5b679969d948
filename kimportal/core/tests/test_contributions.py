"""The shell renders what apps contribute (kimportal.core.contributions); it names none."""

import pytest
from django.urls import reverse

from kimportal.accounts.models import Role
from kimportal.accounts.tests.factories import UserFactory
from kimportal.core import contributions
from kimportal.core.contributions import (
    demo_seeders,
    kim_id_of,
    register_home_panel,
    register_nav,
)


@pytest.fixture
def clean_registry():
    """Contributions made by a test are removed afterwards."""
    registry = contributions._registry
    saved = (dict(registry.nav), dict(registry.panels), registry.kim_resolver)
    yield registry
    registry.nav, registry.panels = saved[0], saved[1]
    registry.kim_resolver = saved[2]


@pytest.mark.django_db
def test_navigation_shows_the_entries_registered_for_the_role(
    client, regions, clean_registry
):
    register_nav(
        "core-test.entry",
        url_name="accounts:application-list",
        label="Menu Uji",
        roles=[Role.AGENCY],
    )
    register_nav("core-test.gone", url_name="no-such-url", label="Hilang", roles=[])

    client.force_login(UserFactory(role=Role.AGENCY))
    agency_html = client.get("/").content.decode()
    client.force_login(UserFactory(role=Role.REGENCY))
    regency_html = client.get("/").content.decode()

    assert "Menu Uji" in agency_html and "Menu Uji" not in regency_html
    assert "Hilang" not in agency_html


@pytest.mark.django_db
def test_menu_kept_per_process_follows_new_entries_and_marks_the_page(
    client, regions, clean_registry
):
    # The menu's HTML is kept per role (context_processors._menu): an entry registered
    # later still shows, and only the entry of the page itself is marked current.
    client.force_login(UserFactory(role=Role.AGENCY))
    assert "Menu Baru" not in client.get("/").content.decode()
    register_nav(
        "core-test.later",
        url_name="accounts:application-list",
        label="Menu <Baru>",
        roles=[Role.AGENCY],
    )
    html = client.get("/").content.decode()
    assert "Menu &lt;Baru&gt;" in html
    url = reverse("accounts:application-list")
    assert f'<a href="{url}">Menu &lt;Baru&gt;</a>' in html
    assert html.count('aria-current="page"') == html.count(
        f'<a href="{reverse("home")}" aria-current="page">'
    )


@pytest.mark.django_db
def test_home_renders_the_panels_registered_for_the_role_in_order(
    client, regions, clean_registry
):
    for order, number in ((20, 222), (10, 111)):
        register_home_panel(
            f"core-test.{number}",
            template="accounts/panels/applications.html",
            roles=[Role.AGENCY],
            selector=lambda *, user, n=number: {"submitted": n},
            order=order,
        )
    client.force_login(UserFactory(role=Role.AGENCY))

    response = client.get("/")

    keys = [p["key"] for p in response.context["panels"]]
    assert keys.index("core-test.111") < keys.index("core-test.222")
    html = response.content.decode()
    assert html.index("111") < html.index("222")


def test_demo_seeders_run_in_layer_order():
    apps = [seeder.app for seeder in demo_seeders()]
    assert apps.index("kimportal.accounts") < apps.index("registry")


def test_without_a_resolver_no_user_has_a_kim(clean_registry):
    clean_registry.kim_resolver = None
    user = UserFactory.build(role=Role.KIM, pk=1)
    assert kim_id_of(user) is None


def test_the_resolver_answer_is_cached_on_the_user_object(clean_registry):
    calls = []
    clean_registry.kim_resolver = lambda user: calls.append(user) or 7
    user = UserFactory.build(role=Role.KIM, pk=1)

    assert [kim_id_of(user) for _ in range(3)] == [7, 7, 7]
    assert len(calls) == 1
    contributions.forget_kim_of(user)
    assert kim_id_of(user) == 7 and len(calls) == 2
