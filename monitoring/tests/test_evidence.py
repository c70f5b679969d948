import pytest
from django.core.exceptions import ValidationError

from monitoring.evidence import guess_from_link, normalize_url, parse_link


@pytest.mark.parametrize(
    ("url", "platform", "platform_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "youtube", "dQw4w9WgXcQ"),
        ("youtu.be/dQw4w9WgXcQ?si=abc", "youtube", "dQw4w9WgXcQ"),
        ("https://youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.instagram.com/p/C1a2B3c4D5e/", "instagram", "C1a2B3c4D5e"),
        ("https://instagram.com/reel/C1a2B3c4D5e?igsh=xyz", "instagram", "C1a2B3c4D5e"),
        (
            "https://www.facebook.com/kimtulungrejo/posts/1234567890123",
            "facebook",
            "1234567890123",
        ),
        (
            "https://m.facebook.com/story.php?story_fbid=998877&id=112233",
            "facebook",
            "998877",
        ),
        (
            "https://www.facebook.com/permalink.php?story_fbid=pfbid02AbC&id=1",
            "facebook",
            "pfbid02AbC",
        ),
        ("https://www.facebook.com/reel/445566778899", "facebook", "445566778899"),
        (
            "https://www.tiktok.com/@kimtulungrejo/video/7301234567890123456",
            "tiktok",
            "7301234567890123456",
        ),
        (
            "https://x.com/kimtulungrejo/status/1790000000000000001",
            "x",
            "1790000000000000001",
        ),
        (
            "https://twitter.com/kimtulungrejo/status/1790000000000000001?s=20",
            "x",
            "1790000000000000001",
        ),
    ],
)
def test_post_links_parse_to_platform_ids(url, platform, platform_id):
    parsed = parse_link(url)
    assert (parsed.platform, parsed.platform_id) == (platform, platform_id)


def test_the_same_post_in_different_shapes_is_one_item():
    shapes = [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "youtu.be/dQw4w9WgXcQ",
        "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ]
    assert {(p.platform, p.platform_id) for p in map(parse_link, shapes)} == {
        ("youtube", "dQw4w9WgXcQ")
    }


def test_other_links_are_websites_keyed_by_normalised_url():
    a = parse_link("HTTPS://WWW.Desa-Tulungrejo.id/berita/dbd/?utm_source=wa#atas")
    b = parse_link("desa-tulungrejo.id/berita/dbd")
    assert a.platform == b.platform == "website"
    assert a.platform_id == b.platform_id == "https://desa-tulungrejo.id/berita/dbd"
    # A profile page on a platform is not a post: it is kept as a web page.
    assert parse_link("https://www.instagram.com/kimtulungrejo/").platform == "website"


@pytest.mark.parametrize(
    "bad", ["", "javascript:alert(1)", "ftp://example.com/x", "http://", "bukan tautan"]
)
def test_bad_links_are_refused_in_indonesian(bad):
    with pytest.raises(ValidationError) as error:
        normalize_url(bad)
    assert error.value.messages[0][0].isupper()


def test_normalisation_drops_credentials_fragment_and_tracking():
    url = normalize_url("https://user:pw@Example.COM:443/a?fbclid=1&id=7#x")
    assert url == "https://example.com/a?id=7"


@pytest.mark.parametrize(
    ("url", "medium", "action_kind", "fmt"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "social", "social_post", "video"),
        ("https://www.instagram.com/p/C1a2B3c4D5e/", "social", "social_post", "photo"),
        (
            "https://www.instagram.com/reel/C1a2B3c4D5e/",
            "social",
            "social_post",
            "video",
        ),
        ("https://x.com/a/status/1", "social", "social_post", "text"),
        ("https://chat.whatsapp.com/AbCdEf", "messaging", "whatsapp_share", "text"),
        ("https://desa-tulungrejo.id/berita/dbd", "online", "web_post", "feature"),
    ],
)
def test_a_pasted_link_guesses_medium_action_and_format(url, medium, action_kind, fmt):
    guess = guess_from_link(url)
    assert (guess.medium, guess.action_kind, guess.format) == (medium, action_kind, fmt)
