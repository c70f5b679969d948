"""The one way the portal makes an outbound HTTP request.

A URL a user gave us (an evidence link, a website feed) must never make the portal connect
inward (SSRF). So: the host is resolved once, every resolved address must be public, and
the connection goes to the checked address itself (the URL is rewritten to the IP, while
the `Host` header and the TLS SNI/certificate check still use the hostname) so a second
DNS answer cannot swap the target. Every redirect hop is checked the same way.

Calls to a configured provider base URL (`allow_private_base`) may skip the address check,
but only when `DEBUG` or `METRICS_ALLOW_PRIVATE_BASES` is on (a staging fake, a benchmark).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
from django.conf import settings

MAX_REDIRECTS = 3
CONNECT_TIMEOUT = 5.0
TOTAL_TIMEOUT = 15.0
ALLOWED_PORTS = {"http": 80, "https": 443}
REDIRECT_CODES = {301, 302, 303, 307, 308}

Resolver = Callable[[str, int], list[str]]

# Networks that ipaddress does not flag (or not in every Python version) but that can
# lead inward: CGNAT, NAT64 and 6to4 / Teredo (these embed an IPv4 address).
_EXTRA_BLOCKED = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "100.64.0.0/10",
        "192.0.0.0/24",
        "198.18.0.0/15",
        "64:ff9b::/96",
        "64:ff9b:1::/48",
        "2002::/16",
        "2001::/32",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
    )
]


class OutboundError(Exception):
    """The request failed: network error, timeout, too many redirects, body too big."""


class BlockedURL(OutboundError):
    """The URL may not be fetched (address not public, bad scheme or port). No connection
    was made."""


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OutboundError(f"cannot resolve {host}: {exc}") from exc
    return [str(info[4][0]) for info in infos]


# Only tests replace this (kimportal.core.testing.outbound_resolver); a replaced resolver
# changes what a name resolves to, never whether the answer is checked.
_resolver: Resolver = system_resolver


def address_is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses are
        # refused outright rather than unwrapped.
        if ip.ipv4_mapped is not None or int(ip) >> 32 == 0:
            return False
    if (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    ):
        return False
    return not any(ip in net for net in _EXTRA_BLOCKED if net.version == ip.version)


_HOSTNAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*")
_NUMERIC_PART = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")


def _parse_ipv4_loose(host: str) -> ipaddress.IPv4Address | None:
    """Read a host the way inet_aton / browsers do: `2130706433`, `0x7f000001`,
    `0177.0.0.1`, `127.1`. Returns None when the host is a name; raises BlockedURL when
    it looks numeric but is no valid address (never passed on to a resolver)."""
    parts = host.split(".")
    if parts and parts[-1] == "":
        parts.pop()
    if not parts or not _NUMERIC_PART.match(parts[-1]):
        return None
    values = []
    for part in parts:
        if not _NUMERIC_PART.match(part):
            raise BlockedURL(f"invalid numeric host {host!r}")
        if part.startswith("0x"):
            value = int(part[2:] or "0", 16)
        elif len(part) > 1 and part.startswith("0"):
            if not re.fullmatch(r"[0-7]+", part):
                raise BlockedURL(f"invalid numeric host {host!r}")
            value = int(part, 8)
        else:
            value = int(part)
        values.append(value)
    if len(values) > 4:
        raise BlockedURL(f"invalid numeric host {host!r}")
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (5 - len(values)):
        raise BlockedURL(f"invalid numeric host {host!r}")
    number = 0
    for v in head:
        number = number * 256 + v
    number = (number << (8 * (5 - len(values)))) + last
    return ipaddress.IPv4Address(number)


def _host_addresses(
    host: str, port: int
) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Resolve once: a literal address is itself, a name goes to the resolver."""
    bare = host.strip("[]")
    try:
        return [ipaddress.ip_address(bare.split("%")[0])]
    except ValueError:
        pass
    loose = _parse_ipv4_loose(bare)
    if loose is not None:
        return [loose]
    if not _HOSTNAME.fullmatch(bare):
        raise BlockedURL(f"invalid host name {host!r}")
    answers = _resolver(bare, port)
    if not answers:
        raise OutboundError(f"no address for {host}")
    out = []
    for answer in answers:
        try:
            out.append(ipaddress.ip_address(str(answer).split("%")[0]))
        except ValueError as exc:
            raise BlockedURL(f"resolver gave a non-address for {host}") from exc
    return out


def _is_under_base(url: httpx.URL, base: str | None) -> bool:
    if not base:
        return False
    if not (settings.DEBUG or getattr(settings, "METRICS_ALLOW_PRIVATE_BASES", False)):
        return False
    b = httpx.URL(base)
    return (
        url.scheme == b.scheme
        and url.raw_host == b.raw_host
        and url.port == b.port
        and url.path.startswith(b.path.rstrip("/"))
    )


def _checked_target(url: httpx.URL, exempt_base: str | None) -> str:
    """Check one hop and return the IP to connect to. Raises BlockedURL."""
    if url.scheme not in ALLOWED_PORTS:
        raise BlockedURL(f"scheme {url.scheme!r} is not allowed")
    if url.userinfo:
        raise BlockedURL("credentials in the URL are not allowed")
    host = url.raw_host.decode("ascii").lower().rstrip(".")
    if not host:
        raise BlockedURL("URL has no host")
    exempt = _is_under_base(url, exempt_base)
    port = url.port or ALLOWED_PORTS[url.scheme]
    addresses = _host_addresses(host, port)
    if not exempt:
        for ip in addresses:
            if not address_is_public(ip):
                raise BlockedURL(f"{host} resolves to a non-public address")
        if port != ALLOWED_PORTS[url.scheme]:
            raise BlockedURL(f"port {port} is not allowed")
    return str(addresses[0])


_ssl_context: ssl.SSLContext | None = None


def _client() -> httpx.Client:
    global _ssl_context
    if _ssl_context is None:
        _ssl_context = httpx.create_ssl_context()
    return httpx.Client(
        trust_env=False, follow_redirects=False, verify=_ssl_context, http2=False
    )


def _host_header(url: httpx.URL) -> str:
    host = url.raw_host.decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    if url.port and url.port != ALLOWED_PORTS.get(url.scheme):
        host = f"{host}:{url.port}"
    return host


def _send_one(
    client: httpx.Client,
    method: str,
    url: httpx.URL,
    ip: str,
    headers: Mapping[str, str],
    deadline: float,
    connect_timeout: float,
    max_bytes: int,
) -> tuple[httpx.Response, bytes]:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise OutboundError("timed out")
    pinned = url.copy_with(host=ip)
    request = client.build_request(
        method,
        pinned,
        headers={**headers, "Host": _host_header(url)},
        timeout=httpx.Timeout(remaining, connect=min(connect_timeout, remaining)),
        extensions={"sni_hostname": url.raw_host.decode("ascii")},
    )
    try:
        response = client.send(request, stream=True)
    except httpx.TimeoutException as exc:
        raise OutboundError("timed out") from exc
    except httpx.HTTPError as exc:
        raise OutboundError(f"request failed: {exc.__class__.__name__}") from exc
    try:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise OutboundError("response body too large")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise OutboundError("response body too large")
            if time.monotonic() > deadline:
                raise OutboundError("timed out")
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise OutboundError("timed out") from exc
    except httpx.HTTPError as exc:
        raise OutboundError(f"reading failed: {exc.__class__.__name__}") from exc
    finally:
        response.close()
    return response, b"".join(chunks)


def guarded_request(
    method: str,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    max_bytes: int = 1_000_000,
    timeout: float = TOTAL_TIMEOUT,
    allow_private_base: str | None = None,
) -> httpx.Response:
    """Fetch `url` safely; see the module docstring. Returns a fully read response whose
    `.url` is the (last) requested URL, not the pinned address."""
    try:
        current = httpx.URL(url, params=params) if params else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise BlockedURL(f"invalid URL: {exc}") from exc
    deadline = time.monotonic() + timeout
    connect_timeout = min(CONNECT_TIMEOUT, timeout)
    method = method.upper()
    sent_headers = dict(headers or {})
    with _client() as client:
        for _hop in range(MAX_REDIRECTS + 1):
            ip = _checked_target(current, allow_private_base)
            response, body = _send_one(
                client,
                method,
                current,
                ip,
                sent_headers,
                deadline,
                connect_timeout,
                max_bytes,
            )
            location = response.headers.get("location")
            if response.status_code in REDIRECT_CODES and location:
                try:
                    target = current.join(location)
                except (httpx.InvalidURL, ValueError) as exc:
                    raise BlockedURL(f"invalid redirect: {exc}") from exc
                if target.raw_host != current.raw_host:
                    sent_headers.pop("Authorization", None)
                    sent_headers.pop("authorization", None)
                if response.status_code == 303 or (
                    response.status_code in (301, 302) and method == "POST"
                ):
                    method = "GET"
                current = target
                continue
            # The body is already decoded; drop headers that would make httpx decode it
            # again or disagree with its length.
            out_headers = [
                (k, v)
                for k, v in response.headers.multi_items()
                if k.lower()
                not in ("content-encoding", "content-length", "transfer-encoding")
            ]
            return httpx.Response(
                response.status_code,
                headers=out_headers,
                content=body,
                request=httpx.Request(method, current),
            )
    raise OutboundError("too many redirects")
