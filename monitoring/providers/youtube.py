"""YouTube Data API v3: any public video or channel, with an API key.

videos.list takes up to 50 ids per call at 1 quota unit; channels.list takes up to 50
channel ids per call, but a handle (`forHandle`) only one at a time.
"""

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import (
    ApiClient,
    Credential,
    CredentialDead,
    ItemRefused,
    Outcome,
    Provider,
    QuotaExhausted,
    numbers_from,
)

VIDEO_FIELDS = {"views": "viewCount", "likes": "likeCount", "comments": "commentCount"}
CHANNEL_FIELDS = {
    "followers": "subscriberCount",
    "views": "viewCount",
    "posts": "videoCount",
}
_CHANNEL_ID = re.compile(r"(?:^|/channel/)(UC[\w-]{22})(?:$|[/?#])")
_HANDLE = re.compile(r"(?:^|youtube\.com/)@([\w.\-·]{3,30})(?:$|[/?#])")


def channel_ref(address: str) -> tuple[str, str] | None:
    """('id', UC…) or ('handle', name) from a channel URL, id or @handle."""
    address = address.strip()
    if m := _CHANNEL_ID.search(address):
        return ("id", m.group(1))
    if m := _HANDLE.search(address):
        return ("handle", m.group(1))
    return None


class YouTubeProvider(Provider):
    platform = "youtube"
    label = "YouTube"
    reads = (
        "channel.followers",
        "channel.views",
        "channel.posts",
        "content.views",
        "content.likes",
        "content.comments",
    )
    needs = _("Kunci API YouTube Data API v3 milik kantor (atau kunci nasional).")
    credential_source = "office"
    batch_size = 50
    units_per_call = 1
    quota_setting = "YOUTUBE_DAILY_QUOTA"
    base_setting = "YOUTUBE_API_BASE"
    timeout = 15.0

    def env_credential(self) -> Credential | None:
        key = getattr(settings, "YOUTUBE_API_KEY", "")
        return Credential(key="env", secret={"api_key": key}) if key else None

    def _get(self, client: ApiClient, path: str, params: dict) -> dict:
        # The key goes in a header, not the URL, so no URL (log, error) carries it.
        headers = {"X-Goog-Api-Key": client.secret["api_key"]}
        try:
            return client.call(
                "GET", f"{self.base_url()}/{path}", params=params, headers=headers
            )
        except ItemRefused as exc:
            text = str(exc)
            if "quota" in text.lower():
                raise QuotaExhausted(text) from exc
            if exc.status == 400 and "key" in text.lower():
                raise CredentialDead(text) from exc
            raise

    def fetch_content(self, client: ApiClient, ids: list[str]) -> dict[str, Outcome]:
        body = self._get(
            client,
            "videos",
            {"part": "statistics", "id": ",".join(ids), "maxResults": 50},
        )
        return self.parse_videos(body, ids)

    @staticmethod
    def parse_videos(body: dict, ids: list[str]) -> dict[str, Outcome]:
        found = {
            item["id"]: Outcome(numbers_from(item.get("statistics", {}), VIDEO_FIELDS))
            for item in body.get("items", [])
        }
        for vid in ids:
            found.setdefault(
                vid, Outcome(error="video tidak ditemukan/privat", unreadable=True)
            )
        return found

    def fetch_channels(
        self, client: ApiClient, addresses: list[str]
    ) -> dict[str, Outcome]:
        out: dict[str, Outcome] = {}
        by_id: dict[str, str] = {}
        for address in addresses:
            ref = channel_ref(address)
            if ref is None:
                out[address] = Outcome(
                    error="alamat kanal tidak dikenali", unreadable=True
                )
            elif ref[0] == "id":
                by_id[ref[1]] = address
            else:
                body = self._get(
                    client, "channels", {"part": "statistics", "forHandle": ref[1]}
                )
                items = body.get("items") or []
                out[address] = (
                    Outcome(
                        numbers_from(items[0].get("statistics", {}), CHANNEL_FIELDS)
                    )
                    if items
                    else Outcome(error="kanal tidak ditemukan", unreadable=True)
                )
        if by_id:
            body = self._get(
                client,
                "channels",
                {"part": "statistics", "id": ",".join(by_id), "maxResults": 50},
            )
            stats = {i["id"]: i.get("statistics", {}) for i in body.get("items", [])}
            for cid, address in by_id.items():
                out[address] = (
                    Outcome(numbers_from(stats[cid], CHANNEL_FIELDS))
                    if cid in stats
                    else Outcome(error="kanal tidak ditemukan", unreadable=True)
                )
        return out

    def channel_batches(self, addresses: list[str]) -> list[list[str]]:
        """Channel ids go 50 to a call; handles one each (forHandle takes one)."""
        ids = [a for a in addresses if (channel_ref(a) or ("", ""))[0] == "id"]
        by_id = set(ids)
        rest = [a for a in addresses if a not in by_id]
        return [ids[i : i + 50] for i in range(0, len(ids), 50)] + [[a] for a in rest]
