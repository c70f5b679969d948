"""The providers, by platform."""

from .base import Provider
from .facebook import FacebookProvider
from .instagram import InstagramProvider
from .tiktok import TikTokProvider
from .web import WebProvider
from .x import XProvider
from .youtube import YouTubeProvider

PROVIDERS: dict[str, Provider] = {
    p.platform: p
    for p in (
        YouTubeProvider(),
        InstagramProvider(),
        FacebookProvider(),
        TikTokProvider(),
        XProvider(),
        WebProvider(),
    )
}
# The command's short names.
ALIASES = {"web": "website"}


def provider_for(platform: str) -> Provider:
    return PROVIDERS[ALIASES.get(platform, platform)]


def providers() -> list[Provider]:
    return list(PROVIDERS.values())
