"""The guarded outbound HTTP client: refusals, pinning to the checked address, redirects,
timeouts and the body cap. No test reaches the internet: refused URLs never connect,
pinned ones are answered by respx, the rest by a listener on 127.0.0.1."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
import respx

from kimportal.core import outbound
from kimportal.core.outbound import BlockedURL, OutboundError, guarded_request
from kimportal.core.testing import outbound_resolver

PUBLIC_IP = "93.184.216.34"


@pytest.fixture
def no_connection(monkeypatch):
    """Fail the test if the client tries to send anything at all."""

    def refuse(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", refuse)


NUMERIC_TRICKS = [
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0x7f.1/",
    "http://017700000001/",
    "http://127.0.0.1./",
]

LITERALS = [
    "http://127.0.0.1/",
    "http://localhost.127.0.0.1.nip.invalid/",  # name: resolver below says 127.0.0.1
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:8.8.8.8]/",  # mapped is refused even when the v4 part is public
    "http://[::127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://0.1.2.3/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[ff02::1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[2002:7f00:1::]/",
]


@pytest.mark.parametrize("url", NUMERIC_TRICKS)
def test_numeric_tricks_are_read_as_addresses_and_refused(url, no_connection):
    with outbound_resolver({}) as calls:
        with pytest.raises(BlockedURL):
            guarded_request("GET", url)
    assert calls == []  # numeric hosts never go to DNS


@pytest.mark.parametrize("url", LITERALS)
def test_non_public_addresses_are_refused(url, no_connection):
    with outbound_resolver({"localhost.127.0.0.1.nip.invalid": ["127.0.0.1"]}):
        with pytest.raises(BlockedURL):
            guarded_request("GET", url)


def test_name_resolving_to_a_private_address_is_refused(no_connection):
    with outbound_resolver({"intranet.example": ["10.0.0.1"]}):
        with pytest.raises(BlockedURL, match="non-public"):
            guarded_request("GET", "https://intranet.example/x")


def test_one_private_answer_among_public_ones_is_enough_to_refuse(no_connection):
    with outbound_resolver({"mixed.example": [PUBLIC_IP, "192.168.0.5"]}):
        with pytest.raises(BlockedURL):
            guarded_request("GET", "https://mixed.example/")


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/",
        "file:///etc/passwd",
        "gopher://example.org/",
        "http://example.org:8080/",
        "https://example.org:22/",
        "http://user:pw@example.org/",
        "http://exa mple.org/",
    ],
)
def test_scheme_port_and_credentials_are_refused(url, no_connection):
    with outbound_resolver({"example.org": [PUBLIC_IP]}):
        with pytest.raises(BlockedURL):
            guarded_request("GET", url)


@respx.mock
def test_connection_goes_to_the_checked_address_with_host_and_sni():
    route = respx.get(f"https://{PUBLIC_IP}/page").respond(200, json={"ok": True})
    with outbound_resolver({"example.org": [PUBLIC_IP]}) as calls:
        response = guarded_request("GET", "https://example.org/page", params={"a": 1})
    assert calls == ["example.org"]  # resolved exactly once
    sent = route.calls.last.request
    assert sent.url.host == PUBLIC_IP
    assert sent.url.params["a"] == "1"
    assert sent.headers["host"] == "example.org"
    assert sent.extensions["sni_hostname"] == "example.org"
    assert response.json() == {"ok": True}
    assert str(response.url) == "https://example.org/page?a=1"


@respx.mock
def test_redirect_to_loopback_is_refused_before_connecting():
    respx.get(f"https://{PUBLIC_IP}/start").respond(
        302, headers={"Location": "http://127.0.0.1/admin"}
    )
    inner = respx.get("http://127.0.0.1/admin").respond(200)
    with outbound_resolver({"example.org": [PUBLIC_IP]}):
        with pytest.raises(BlockedURL):
            guarded_request("GET", "https://example.org/start")
    assert not inner.called


@respx.mock
def test_redirect_hops_are_rechecked_and_limited():
    other = "93.184.216.35"
    respx.get(f"https://{PUBLIC_IP}/a").respond(
        301, headers={"Location": "https://other.example/b"}
    )
    respx.get(f"https://{other}/b").respond(200, text="fine")
    answers = {"example.org": [PUBLIC_IP], "other.example": [other]}
    with outbound_resolver(answers) as calls:
        assert guarded_request("GET", "https://example.org/a").text == "fine"
    assert calls == ["example.org", "other.example"]

    respx.get(f"https://{PUBLIC_IP}/loop").respond(
        302, headers={"Location": "https://example.org/loop"}
    )
    with outbound_resolver(answers):
        with pytest.raises(OutboundError, match="too many redirects"):
            guarded_request("GET", "https://example.org/loop")


@respx.mock
def test_redirect_to_another_host_drops_authorization():
    other = "93.184.216.35"
    respx.get(f"https://{PUBLIC_IP}/a").respond(
        302, headers={"Location": "https://other.example/b"}
    )
    final = respx.get(f"https://{other}/b").respond(200)
    with outbound_resolver({"example.org": [PUBLIC_IP], "other.example": [other]}):
        guarded_request(
            "GET", "https://example.org/a", headers={"Authorization": "Bearer s3cret"}
        )
    assert "authorization" not in final.calls.last.request.headers


@pytest.fixture
def listener():
    """A real TCP listener on 127.0.0.1 that records every connection it accepts."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    accepted: list = []
    stop = threading.Event()

    def run():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted.append(conn)
            conn.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join(2)
    server.close()


def test_real_listener_on_loopback_receives_no_connection(listener, settings):
    settings.DEBUG = False
    settings.METRICS_ALLOW_PRIVATE_BASES = False
    port, accepted = listener
    urls = [
        f"http://127.0.0.1:{port}/",
        f"http://2130706433:{port}/",
        f"http://127.1:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",
        f"http://sneaky.example:{port}/",
    ]
    with outbound_resolver({"sneaky.example": ["127.0.0.1"]}):
        for url in urls:
            with pytest.raises(BlockedURL, match="non-public"):
                guarded_request("GET", url)
    # Even with the exemption on, a base it was not given is still refused.
    settings.METRICS_ALLOW_PRIVATE_BASES = True
    with pytest.raises(BlockedURL):
        guarded_request("GET", f"http://127.0.0.1:{port}/", allow_private_base=None)
    time.sleep(0.3)
    assert accepted == []


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/ok":
            body = json.dumps({"hello": "dunia", "host": self.headers["Host"]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/big-undeclared":
            self.send_response(200)
            self.end_headers()  # no length: read until close
            try:
                for _ in range(40):
                    self.wfile.write(b"x" * 65536)
            except OSError:
                pass
        elif self.path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Length", "5000000")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(3)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/drip":
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        elif self.path == "/to-other-port":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:9/")
            self.end_headers()


@pytest.fixture
def local_server(settings):
    """A local HTTP server, reachable only because this test turns the private-base
    exemption on for its own base URL."""
    settings.METRICS_ALLOW_PRIVATE_BASES = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_exempt_base_is_reachable_only_with_the_setting(
    local_server, settings, monkeypatch
):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:1")  # ignored: trust_env=False
    response = guarded_request(
        "GET", f"{local_server}/ok", allow_private_base=local_server
    )
    assert response.status_code == 200
    assert response.json()["hello"] == "dunia"
    assert response.json()["host"] == local_server.removeprefix("http://")
    settings.METRICS_ALLOW_PRIVATE_BASES = False
    settings.DEBUG = False
    with pytest.raises(BlockedURL):
        guarded_request("GET", f"{local_server}/ok", allow_private_base=local_server)


def test_redirect_out_of_the_exempt_base_is_refused(local_server):
    with pytest.raises(BlockedURL):
        guarded_request(
            "GET", f"{local_server}/to-other-port", allow_private_base=local_server
        )


@pytest.mark.parametrize("path", ["/big-undeclared", "/big-declared"])
def test_body_cap_stops_reading(local_server, path):
    with pytest.raises(OutboundError, match="too large"):
        guarded_request("GET", f"{local_server}{path}", allow_private_base=local_server)


def test_small_cap_is_honoured(local_server):
    with pytest.raises(OutboundError, match="too large"):
        guarded_request(
            "GET", f"{local_server}/ok", max_bytes=5, allow_private_base=local_server
        )


def test_slow_answer_times_out(local_server):
    started = time.monotonic()
    with pytest.raises(OutboundError, match="timed out"):
        guarded_request(
            "GET", f"{local_server}/slow", timeout=1, allow_private_base=local_server
        )
    assert time.monotonic() - started < 2.5


def test_total_timeout_bounds_a_dripping_body(local_server):
    """Each byte arrives well within the read timeout; the total deadline still ends it."""
    started = time.monotonic()
    with pytest.raises(OutboundError, match="timed out"):
        guarded_request(
            "GET", f"{local_server}/drip", timeout=1, allow_private_base=local_server
        )
    assert time.monotonic() - started < 2.5


def test_defaults_match_the_rules():
    assert outbound.CONNECT_TIMEOUT == 5.0
    assert outbound.TOTAL_TIMEOUT == 15.0
    assert outbound.MAX_REDIRECTS == 3
