"""Websites: a post exists, and its comment count where the site says it (WordPress
REST `X-WP-Total`, or `slash:comments` in its RSS feed). The URL is user-supplied, so
every request goes through the guarded client with no exemption."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from kimportal.core.outbound import BlockedURL, OutboundError, guarded_request

from .base import Numbers, Outcome, Provider, _int

SLASH_NS = "{http://purl.org/rss/1.0/modules/slash/}"


def wordpress_slug(url: str) -> str | None:
    parts = [p for p in urlsplit(url).path.split("/") if p]
    return parts[-1] if parts and re.fullmatch(r"[\w%-]+", parts[-1]) else None


def comments_from_feed(feed: bytes, url: str) -> int | None:
    """The `slash:comments` of the feed item whose link is `url` (RSS 2.0)."""
    try:
        root = ET.fromstring(feed)
    except ET.ParseError:
        return None
    for item in root.iter("item"):
        link = (item.findtext("link") or "").strip().rstrip("/")
        if link == url.rstrip("/"):
            return _int(item.findtext(f"{SLASH_NS}comments"))
    return None


class WebProvider(Provider):
    platform = "website"
    label = _("Situs web")
    reads = ("content.exists", "content.comments")
    needs = _("Tidak perlu kredensial (WordPress REST atau RSS/Atom publik).")
    credential_source = "none"
    batch_size = 1
    base_setting = "METRICS_WEB_BASE"  # unused: web pages have no fixed base
    reads_channels = False
    timeout = 15.0

    def base_url(self) -> str:
        return ""

    def _get(self, url: str, **kw):
        return guarded_request("GET", url, timeout=self.timeout, **kw)

    def fetch_content(self, client, ids):
        return {url: self.read_page(url) for url in ids}

    def read_page(self, url: str) -> Outcome:
        try:
            page = self._get(url)
        except BlockedURL:
            return Outcome(error="alamat diblokir", unreadable=True)
        except OutboundError as exc:
            return Outcome(error=str(exc)[:200])
        if page.status_code >= 400:
            return Outcome(
                error=f"HTTP {page.status_code}",
                unreadable=page.status_code in (404, 410),
            )
        split = urlsplit(url)
        root = f"{split.scheme}://{split.netloc}"
        comments = self._wordpress_comments(root, url)
        if comments is None:
            comments = self._feed_comments(root, url)
        return Outcome(Numbers(comments=comments))

    def _wordpress_comments(self, root: str, url: str) -> int | None:
        slug = wordpress_slug(url)
        if not slug:
            return None
        try:
            posts = self._get(
                f"{root}/wp-json/wp/v2/posts",
                params={"slug": slug, "_fields": "id,link"},
            )
            if posts.status_code != 200:
                return None
            data = posts.json()
            if not isinstance(data, list) or not data:
                return None
            counted = self._get(
                f"{root}/wp-json/wp/v2/comments",
                params={"post": data[0]["id"], "per_page": 1},
            )
            return _int(counted.headers.get("x-wp-total"))
        except (OutboundError, ValueError, KeyError, TypeError):
            return None

    def _feed_comments(self, root: str, url: str) -> int | None:
        try:
            feed = self._get(f"{root}/feed/")
        except OutboundError:
            return None
        return (
            comments_from_feed(feed.content, url) if feed.status_code == 200 else None
        )
