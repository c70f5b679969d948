"""TikTok Display API: the KIM's own account and videos, with its OAuth consent (Login
Kit). `/v2/video/query/` takes up to 20 video ids; access tokens live a day and are
refreshed with the refresh token (valid a year)."""

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

VIDEO_FIELDS = {
    "views": "view_count",
    "likes": "like_count",
    "comments": "comment_count",
    "shares": "share_count",
}
USER_FIELDS = {"followers": "follower_count", "posts": "video_count"}


class TikTokProvider(Provider):
    platform = "tiktok"
    label = "TikTok"
    reads = (
        "channel.followers",
        "channel.posts",
        "content.views",
        "content.likes",
        "content.comments",
        "content.shares",
    )
    needs = _("Izin akun TikTok milik KIM (tombol “Hubungkan”, Login Kit).")
    credential_source = "connection"
    batch_size = 20
    quota_setting = "TIKTOK_DAILY_CALLS"
    base_setting = "TIKTOK_API_BASE"
    timeout = 15.0

    def _auth(self, client: ApiClient) -> dict:
        return {"Authorization": f"Bearer {client.secret['access_token']}"}

    @staticmethod
    def _check(body: dict) -> dict:
        error = body.get("error") or {}
        code = error.get("code", "ok")
        if code in ("access_token_invalid", "scope_not_authorized"):
            raise CredentialDead(f"TikTok: {code}")
        if code != "ok":
            raise ItemRefused(400, f"TikTok: {code}")
        return body.get("data") or {}

    def _call(self, client, method, url, **kwargs):
        try:
            return client.call(method, url, headers=self._auth(client), **kwargs)
        except CredentialDead:
            raise
        except ItemRefused as exc:
            if exc.status == 401 or "access_token_invalid" in str(exc):
                raise CredentialDead(str(exc)) from exc
            raise

    def fetch_content(self, client, ids):
        body = self._call(
            client,
            "POST",
            f"{self.base_url()}/video/query/",
            params={"fields": "id,view_count,like_count,comment_count,share_count"},
            json_body={"filters": {"video_ids": ids}},
        )
        return self.parse_videos(body, ids)

    @classmethod
    def parse_videos(cls, body: dict, ids: list[str]) -> dict[str, Outcome]:
        data = cls._check(body)
        found = {
            str(v["id"]): Outcome(numbers_from(v, VIDEO_FIELDS))
            for v in data.get("videos", [])
        }
        for vid in ids:
            found.setdefault(
                vid,
                Outcome(error="video bukan milik akun ini/tidak ada", unreadable=True),
            )
        return found

    def fetch_channels(self, client, addresses):
        body = self._call(
            client,
            "GET",
            f"{self.base_url()}/user/info/",
            params={"fields": "open_id,follower_count,likes_count,video_count"},
        )
        user = self._check(body).get("user", {})
        return {a: Outcome(numbers_from(user, USER_FIELDS)) for a in addresses}

    def authorize_url(self, *, redirect_uri: str, state: str) -> str:
        from urllib.parse import urlencode

        query = urlencode(
            {
                "client_key": settings.TIKTOK_CLIENT_KEY,
                "scope": "user.info.basic,user.info.stats,video.list",
                "response_type": "code",
                "redirect_uri": redirect_uri,
                "state": state,
            }
        )
        return f"{settings.TIKTOK_OAUTH_AUTHORIZE}?{query}"

    def _token(self, client: ApiClient, form: dict) -> dict:
        try:
            body = client.call(
                "POST",
                f"{self.base_url()}/oauth/token/",
                form={
                    "client_key": settings.TIKTOK_CLIENT_KEY,
                    "client_secret": settings.TIKTOK_CLIENT_SECRET,
                    **form,
                },
            )
        except ItemRefused as exc:
            raise CredentialDead(str(exc)) from exc
        if "access_token" not in body:
            raise CredentialDead(f"TikTok: {body.get('error', 'no token')}")
        return {
            "access_token": body["access_token"],
            "refresh_token": body.get("refresh_token", form.get("refresh_token")),
            "external_id": body.get("open_id", ""),
            "expires_in": body.get("expires_in"),
            "refresh_expires_in": body.get("refresh_expires_in"),
        }

    def exchange_code(self, client, *, code, redirect_uri):
        return self._token(
            client,
            {
                "code": code,
                "grant_type": "authorization_code",
                "redirect_uri": redirect_uri,
            },
        )

    def refresh(self, client, secret):
        return self._token(
            client,
            {"grant_type": "refresh_token", "refresh_token": secret["refresh_token"]},
        )
