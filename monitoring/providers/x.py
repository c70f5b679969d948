"""X API v2: `public_metrics` of public posts. Every read is paid, so the provider is
off unless a bearer token is set (X_BEARER_TOKEN or an office's stored token)."""

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import Credential, Numbers, Outcome, Provider, _int

_USERNAME = re.compile(r"(?:(?:x|twitter)\.com/)?@?(\w{1,15})/?$")


class XProvider(Provider):
    platform = "x"
    label = "X"
    reads = (
        "channel.followers",
        "content.views",
        "content.likes",
        "content.comments",
        "content.shares",
    )
    needs = _("Bearer token X API v2 (berbayar per baca; mati bila tidak diisi).")
    credential_source = "office"
    batch_size = 100
    quota_setting = "X_DAILY_CALLS"
    base_setting = "X_API_BASE"
    timeout = 15.0

    def env_credential(self):
        token = getattr(settings, "X_BEARER_TOKEN", "")
        return Credential(key="env", secret={"bearer_token": token}) if token else None

    def _get(self, client, path, params):
        headers = {"Authorization": f"Bearer {client.secret['bearer_token']}"}
        return client.call(
            "GET", f"{self.base_url()}/{path}", params=params, headers=headers
        )

    def fetch_content(self, client, ids):
        body = self._get(
            client, "tweets", {"ids": ",".join(ids), "tweet.fields": "public_metrics"}
        )
        return self.parse_tweets(body, ids)

    @staticmethod
    def parse_tweets(body: dict, ids: list[str]) -> dict[str, Outcome]:
        out = {}
        for tweet in body.get("data") or []:
            m = tweet.get("public_metrics") or {}
            out[str(tweet["id"])] = Outcome(
                Numbers(
                    views=_int(m.get("impression_count")),
                    likes=_int(m.get("like_count")),
                    comments=_int(m.get("reply_count")),
                    shares=(_int(m.get("retweet_count")) or 0)
                    + (_int(m.get("quote_count")) or 0),
                )
            )
        for err in body.get("errors") or []:
            rid = str(err.get("resource_id") or err.get("value") or "")
            if rid in ids and rid not in out:
                out[rid] = Outcome(
                    error=str(err.get("title", "error"))[:200], unreadable=True
                )
        for tid in ids:
            out.setdefault(
                tid, Outcome(error="tidak ada dalam jawaban", unreadable=True)
            )
        return out

    def fetch_channels(self, client, addresses):
        out = {}
        for address in addresses:
            m = _USERNAME.search(address.strip().split("?")[0])
            if not m:
                out[address] = Outcome(error="akun tidak dikenali", unreadable=True)
                continue
            body = self._get(
                client,
                f"users/by/username/{m.group(1)}",
                {"user.fields": "public_metrics"},
            )
            metrics = (body.get("data") or {}).get("public_metrics") or {}
            out[address] = Outcome(
                Numbers(
                    followers=_int(metrics.get("followers_count")),
                    posts=_int(metrics.get("tweet_count")),
                )
            )
        return out
