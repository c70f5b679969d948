"""Evidence links: normalise a pasted URL, recognise the post it points at, and guess the
platform, medium and action from it (guideline Tabel 4.3, 4.6, 5.2–5.3).

Pure functions, no network: a URL is parsed, never fetched here (the background check
goes through the core's guarded HTTP client). The same post pasted in two shapes
(`youtu.be/ID`, `m.youtube.com/watch?v=ID&t=3`, `youtube.com/shorts/ID`) gives the same
(platform, id), so it becomes one content item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from .choices import ActionKind, ContentPlatform, Medium, ReportFormat

MAX_URL_LENGTH = 1000
# Query parameters that only track the sharer; dropping them makes equal links equal.
TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|igshid|igsh|si|feature|ref|ref_src|ref_url|s|t|"
    r"mibextid|_rdr|__cft__.*|__tn__|rdid|share_url|is_from_webapp|sender_device|"
    r"_r|_t|app)$",
    re.IGNORECASE,
)
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_DIGITS = re.compile(r"^\d+$")
_SHORTCODE = re.compile(r"^[A-Za-z0-9_-]{5,40}$")
_FB_POST_ID = re.compile(r"^(\d+|pfbid[A-Za-z0-9]+)$")


@dataclass(frozen=True)
class ParsedLink:
    platform: str
    platform_id: str
    url: str  # the normalised URL


def _host(netloc: str) -> str:
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0].lower().rstrip(".")
    for prefix in ("www.", "m.", "mobile.", "web.", "mbasic.", "music."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def normalize_url(raw: str) -> str:
    """A pasted link in one canonical spelling: https assumed when no scheme is given,
    scheme and host in lower case, default port, fragment and tracking parameters
    dropped. Raises ValidationError (Indonesian) when it is not a web address."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError(_("Tempelkan tautan bukti."), code="required")
    if len(text) > MAX_URL_LENGTH:
        raise ValidationError(_("Tautan terlalu panjang."), code="too_long")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValidationError(
            _("Tautan harus berupa alamat web (http atau https)."), code="scheme"
        )
    netloc = parts.netloc.rsplit("@", 1)[-1].lower()  # credentials never kept
    if (scheme == "https" and netloc.endswith(":443")) or (
        scheme == "http" and netloc.endswith(":80")
    ):
        netloc = netloc.rsplit(":", 1)[0]
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING_PARAMS.match(k)
        ]
    )
    path = parts.path or "/"
    url = urlunsplit((scheme, netloc, path, query, ""))
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            _("Tautan tidak valid. Salin alamat lengkap dari peramban atau aplikasi."),
            code="invalid",
        ) from None
    return url


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _youtube(host: str, segs: list[str], query: dict) -> str | None:
    candidate = None
    if host == "youtu.be" and segs:
        candidate = segs[0]
    elif host in ("youtube.com", "youtube-nocookie.com"):
        if segs[:1] == ["watch"]:
            candidate = query.get("v")
        elif len(segs) >= 2 and segs[0] in ("shorts", "live", "embed", "v"):
            candidate = segs[1]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


def _instagram(segs: list[str]) -> str | None:
    # /p/<code>/, /reel/<code>/, /reels/<code>/, /tv/<code>/, also after a user name.
    for i, seg in enumerate(segs[:-1]):
        if seg in ("p", "reel", "reels", "tv") and _SHORTCODE.match(segs[i + 1]):
            return segs[i + 1]
    return None


def _facebook(host: str, segs: list[str], query: dict) -> str | None:
    if host == "fb.watch" and segs:
        return f"watch:{segs[0]}"
    for key in ("story_fbid", "fbid", "v"):
        value = query.get(key)
        if value and _FB_POST_ID.match(value):
            return value
    # /<page>/posts/<id>, /groups/<g>/posts/<id>, /<page>/videos/<id>, /reel/<id>,
    # /watch/<id>, /share/p/<code>, /share/v/<code>, /share/r/<code>
    for i, seg in enumerate(segs[:-1]):
        nxt = segs[i + 1]
        if seg in ("posts", "videos", "reel", "permalink") and _FB_POST_ID.match(nxt):
            return nxt
        if seg == "share" and i + 2 < len(segs) and segs[i + 1] in ("p", "v", "r"):
            return f"share:{segs[i + 2]}"
    return None


def _tiktok(host: str, segs: list[str]) -> str | None:
    if host in ("vm.tiktok.com", "vt.tiktok.com") and segs:
        return f"short:{segs[0]}"
    for i, seg in enumerate(segs[:-1]):
        if seg in ("video", "photo") and _DIGITS.match(segs[i + 1]):
            return segs[i + 1]
    return None


def _x(segs: list[str]) -> str | None:
    for i, seg in enumerate(segs[:-1]):
        if seg in ("status", "statuses") and _DIGITS.match(segs[i + 1]):
            return segs[i + 1]
    return None


def platform_of_host(host: str) -> str | None:
    host = _host(host)
    if host in ("youtube.com", "youtu.be", "youtube-nocookie.com"):
        return ContentPlatform.YOUTUBE
    if host in ("instagram.com", "instagr.am"):
        return ContentPlatform.INSTAGRAM
    if host in ("facebook.com", "fb.com", "fb.watch"):
        return ContentPlatform.FACEBOOK
    if host == "tiktok.com" or host.endswith(".tiktok.com"):
        return ContentPlatform.TIKTOK
    if host in ("x.com", "twitter.com"):
        return ContentPlatform.X
    return None


def parse_link(raw: str) -> ParsedLink:
    """The content item a link points at: (platform, the platform's own id) for a post
    on YouTube, Instagram, Facebook, TikTok or X, else (website, normalised URL)."""
    url = normalize_url(raw)
    parts = urlsplit(url)
    host = _host(parts.netloc)
    segs = _segments(parts.path)
    query = dict(parse_qsl(parts.query))
    platform = platform_of_host(parts.netloc)
    post_id = None
    if platform == ContentPlatform.YOUTUBE:
        post_id = _youtube(host, segs, query)
    elif platform == ContentPlatform.INSTAGRAM:
        post_id = _instagram(segs)
    elif platform == ContentPlatform.FACEBOOK:
        post_id = _facebook(host, segs, query)
    elif platform == ContentPlatform.TIKTOK:
        post_id = _tiktok(parts.netloc.lower(), segs)
    elif platform == ContentPlatform.X:
        post_id = _x(segs)
    if platform and post_id:
        return ParsedLink(platform, post_id, url)
    # A profile page, a search or any other site: the page itself is the item. The host
    # loses www. so the same article pasted with and without it is one item.
    website_id = urlunsplit(
        ("https", host + _port_suffix(parts.netloc), parts.path.rstrip("/") or "/")
        + (parts.query, "")
    )
    return ParsedLink(ContentPlatform.WEBSITE, website_id, url)


def _port_suffix(netloc: str) -> str:
    tail = netloc.rsplit("@", 1)[-1]
    return ":" + tail.rsplit(":", 1)[1] if tail.count(":") == 1 else ""


MESSAGING_HOSTS = ("wa.me", "chat.whatsapp.com", "whatsapp.com", "t.me", "telegram.me")
VIDEO_PLATFORMS = (ContentPlatform.YOUTUBE, ContentPlatform.TIKTOK)
VIDEO_PATHS = re.compile(r"/(reels?|videos?|watch)(/|$|\?)")


@dataclass(frozen=True)
class Guess:
    platform: str
    medium: str
    action_kind: str
    format: str


def guess_from_link(raw: str) -> Guess:
    """What a pasted link says about the report: its platform, the medium (Tabel 4.6),
    the action (Tabel 4.3) and a likely format. The report form's script
    (static/monitoring/report-form.js) makes the same guess in the browser."""
    parsed = parse_link(raw)
    parts = urlsplit(parsed.url)
    host = _host(parts.netloc)
    if host in MESSAGING_HOSTS:
        return Guess(
            parsed.platform,
            Medium.MESSAGING,
            ActionKind.WHATSAPP_SHARE,
            ReportFormat.TEXT,
        )
    if parsed.platform == ContentPlatform.WEBSITE:
        return Guess(
            parsed.platform, Medium.ONLINE, ActionKind.WEB_POST, ReportFormat.FEATURE
        )
    if (
        parsed.platform in VIDEO_PLATFORMS
        or host == "fb.watch"
        or VIDEO_PATHS.search(parts.path)
    ):
        fmt = ReportFormat.VIDEO
    elif parsed.platform == ContentPlatform.INSTAGRAM:
        fmt = ReportFormat.PHOTO
    else:
        fmt = ReportFormat.TEXT
    return Guess(parsed.platform, Medium.SOCIAL, ActionKind.SOCIAL_POST, fmt)
