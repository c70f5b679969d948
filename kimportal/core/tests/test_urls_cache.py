import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from kimportal.core.urls_cache import reverse_cached


def test_a_kept_url_is_the_reversed_one_for_its_arguments_and_script_prefix():
    assert reverse_cached("registry:kim-export", fmt="xlsx") == reverse(
        "registry:kim-export", kwargs={"fmt": "xlsx"}
    )
    assert reverse_cached("registry:kim-export", fmt="csv").endswith("/export/csv/")
    assert reverse_cached("home") == reverse("home")
    set_script_prefix("/portal/")
    try:
        assert reverse_cached("registry:kim-export", fmt="csv") == reverse(
            "registry:kim-export", kwargs={"fmt": "csv"}
        )
        assert reverse_cached("home").startswith("/portal/")
    finally:
        set_script_prefix("/")


def test_a_url_that_needs_arguments_it_was_not_given_does_not_reverse():
    with pytest.raises(NoReverseMatch):
        reverse_cached("registry:kim-export")
