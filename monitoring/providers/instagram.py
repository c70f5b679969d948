"""Instagram Graph API, Business Discovery: followers and media of Business/Creator
accounts, read with the office's own professional account (token + IG user id).

Business Discovery is asked per account, so content items are keyed `username:shortcode`
(the username is the KIM's Instagram channel) and matched by permalink among the
account's latest media."""

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import (
    ApiClient,
    CredentialDead,
    ItemRefused,
    Outcome,
    Provider,
    numbers_from,
)

MEDIA_FIELDS = {"likes": "like_count", "comments": "comments_count"}
_USERNAME = re.compile(r"(?:instagram\.com/)?@?([A-Za-z0-9._]{1,30})/?$")
_SHORTCODE = re.compile(r"/(?:p|reel|tv)/([\w-]+)")


def instagram_username(address: str) -> str | None:
    m = _USERNAME.search(address.strip().split("?")[0])
    return m.group(1).lower() if m else None


class InstagramProvider(Provider):
    platform = "instagram"
    label = "Instagram"
    reads = ("channel.followers", "channel.posts", "content.likes", "content.comments")
    needs = _(
        "Token akun profesional Instagram milik kantor dan ID pengguna IG-nya; hanya "
        "akun Bisnis/Kreator yang dapat dibaca."
    )
    credential_source = "office"
    batch_size = 1
    quota_setting = "INSTAGRAM_DAILY_CALLS"
    base_setting = "INSTAGRAM_API_BASE"
    timeout = 15.0

    def _discover(self, client: ApiClient, username: str, fields: str) -> dict | None:
        secret = client.secret
        try:
            body = client.call(
                "GET",
                f"{self.base_url()}/{secret['ig_user_id']}",
                params={
                    "fields": f"business_discovery.username({username}){{{fields}}}"
                },
                headers={"Authorization": f"Bearer {secret['access_token']}"},
            )
        except ItemRefused as exc:
            if "190" in str(exc) or "OAuth" in str(exc):
                raise CredentialDead(str(exc)) from exc
            return None
        return body.get("business_discovery")

    def fetch_channels(self, client, addresses):
        out = {}
        for address in addresses:
            username = instagram_username(address)
            data = username and self._discover(
                client, username, "followers_count,media_count"
            )
            out[address] = (
                Outcome(
                    numbers_from(
                        data, {"followers": "followers_count", "posts": "media_count"}
                    )
                )
                if data
                else Outcome(
                    error="bukan akun Bisnis/Kreator atau tidak ditemukan",
                    unreadable=True,
                )
            )
        return out

    def content_batches(self, ids):
        """One call per account: group `username:shortcode` keys by username."""
        groups: dict[str, list[str]] = {}
        for key in ids:
            groups.setdefault(key.split(":", 1)[0], []).append(key)
        return list(groups.values())

    def fetch_content(self, client, ids):
        username = ids[0].split(":", 1)[0]
        limit = getattr(settings, "INSTAGRAM_MEDIA_LOOKBACK", 50)
        data = self._discover(
            client,
            username,
            f"media.limit({limit}){{permalink,like_count,comments_count}}",
        )
        return self.parse_media(data, ids)

    @staticmethod
    def parse_media(data: dict | None, ids: list[str]) -> dict[str, Outcome]:
        by_code = {}
        for media in ((data or {}).get("media") or {}).get("data", []):
            m = _SHORTCODE.search(media.get("permalink", ""))
            if m:
                by_code[m.group(1)] = numbers_from(media, MEDIA_FIELDS)
        out = {}
        for key in ids:
            code = key.split(":", 1)[-1]
            out[key] = (
                Outcome(by_code[code])
                if code in by_code
                else Outcome(error="media tidak terbaca lewat Business Discovery")
            )
        return out
