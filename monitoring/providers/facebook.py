"""Facebook Graph API (Pages): reactions, comments and shares of posts on a page the
KIM manages, and the page's followers, with the Page token the KIM grants by OAuth
("Hubungkan"). Up to 50 posts per call through `?ids=`."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import ApiClient, CredentialDead, ItemRefused, Outcome, Provider, _int

POST_FIELDS = (
    "shares,reactions.summary(total_count).limit(0),"
    "comments.summary(total_count).limit(0)"
)


class FacebookProvider(Provider):
    platform = "facebook"
    label = "Facebook"
    reads = ("channel.followers", "content.likes", "content.comments", "content.shares")
    needs = _("Izin Halaman Facebook dari KIM (tombol “Hubungkan”).")
    credential_source = "connection"
    batch_size = 50
    quota_setting = "FACEBOOK_DAILY_CALLS"
    base_setting = "FACEBOOK_API_BASE"
    timeout = 15.0

    def _get(self, client: ApiClient, url: str, params: dict) -> dict:
        # The token goes in a header, not the URL, so no URL (log, error) carries it.
        token = client.secret["access_token"]
        try:
            return client.call(
                "GET", url, params=params, headers={"Authorization": f"Bearer {token}"}
            )
        except ItemRefused as exc:
            # Graph answers a dead token with 400 + OAuthException code 190.
            if "Error validating access token" in str(exc) or "190" in str(exc):
                raise CredentialDead(str(exc)) from exc
            raise

    def fetch_content(self, client, ids):
        body = self._get(
            client, f"{self.base_url()}/", {"ids": ",".join(ids), "fields": POST_FIELDS}
        )
        return self.parse_posts(body, ids)

    @staticmethod
    def parse_posts(body: dict, ids: list[str]) -> dict[str, Outcome]:
        from .base import Numbers

        out = {}
        for pid in ids:
            post = body.get(pid)
            if not post:
                out[pid] = Outcome(error="kiriman tidak ditemukan", unreadable=True)
                continue
            out[pid] = Outcome(
                Numbers(
                    likes=_int(
                        (post.get("reactions") or {})
                        .get("summary", {})
                        .get("total_count")
                    ),
                    comments=_int(
                        (post.get("comments") or {})
                        .get("summary", {})
                        .get("total_count")
                    ),
                    shares=_int((post.get("shares") or {}).get("count", 0)),
                )
            )
        return out

    def fetch_channels(self, client, addresses):
        page_id = client.secret.get("page_id") or "me"
        body = self._get(
            client,
            f"{self.base_url()}/{page_id}",
            {"fields": "followers_count,fan_count"},
        )
        from .base import Numbers

        numbers = Numbers(
            followers=_int(body.get("followers_count", body.get("fan_count")))
        )
        return {a: Outcome(numbers) for a in addresses}

    # OAuth (Facebook Login for Business): the long-lived Page token does not expire,
    # so there is nothing to refresh; a revoked one is a dead credential.
    def authorize_url(self, *, redirect_uri: str, state: str) -> str:
        from urllib.parse import urlencode

        query = urlencode(
            {
                "client_id": settings.FACEBOOK_APP_ID,
                "redirect_uri": redirect_uri,
                "state": state,
                "scope": "pages_show_list,pages_read_engagement",
                "response_type": "code",
            }
        )
        return f"{settings.FACEBOOK_OAUTH_DIALOG}?{query}"

    def exchange_code(self, client: ApiClient, *, code: str, redirect_uri: str) -> dict:
        """code → user token → long-lived user token → the first Page's token."""
        base = self.base_url()
        short = client.call(
            "GET",
            f"{base}/oauth/access_token",
            params={
                "client_id": settings.FACEBOOK_APP_ID,
                "client_secret": settings.FACEBOOK_APP_SECRET,
                "redirect_uri": redirect_uri,
                "code": code,
            },
        )
        long = client.call(
            "GET",
            f"{base}/oauth/access_token",
            params={
                "grant_type": "fb_exchange_token",
                "client_id": settings.FACEBOOK_APP_ID,
                "client_secret": settings.FACEBOOK_APP_SECRET,
                "fb_exchange_token": short["access_token"],
            },
        )
        pages = client.call(
            "GET",
            f"{base}/me/accounts",
            params={"fields": "id,name,access_token"},
            headers={"Authorization": f"Bearer {long['access_token']}"},
        )
        page = (pages.get("data") or [None])[0]
        if not page:
            raise CredentialDead("no page was granted")
        return {
            "access_token": page["access_token"],
            "page_id": page["id"],
            "external_id": page["id"],
            "expires_in": None,
        }
