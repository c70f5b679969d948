"""Metrics benchmark: the daily YouTube refresh against a local fake YouTube server.

Fills a separate benchmark database (`<name>_bench_metrics`, kept between runs) with
BENCH_ITEMS content items (default 100,000) and BENCH_CHANNELS channels (default 20,000)
over a few hundred KIM, starts a fake YouTube Data API on 127.0.0.1 that answers every
call after 50 ms (the only place a private provider base is allowed: the benchmark turns
METRICS_ALLOW_PRIVATE_BASES on for itself), and runs the pull task the beat schedule runs
(content, then channels). Prints items per minute, calls made against ⌈items/50⌉, quota
units and peak memory.

    python -m kimportal.devdb .venv/bin/python bench/metrics.py
    BENCH_ITEMS=20000 BENCH_CHANNELS=4000 .venv/bin/python bench/metrics.py

Target on the 2-core machine: 100k items in ≤ 2,000 quota units and ≤ 15 minutes.
"""

import json
import math
import os
import resource
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

ITEMS = int(os.environ.get("BENCH_ITEMS", "100000"))
CHANNELS = int(os.environ.get("BENCH_CHANNELS", "20000"))
KIMS = 400
LATENCY = 0.05


class FakeYouTube(BaseHTTPRequestHandler):
    calls = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):
        time.sleep(LATENCY)
        with FakeYouTube.lock:
            FakeYouTube.calls += 1
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        ids = (query.get("id") or [""])[0].split(",")
        if url.path.endswith("/videos"):
            stats = {"viewCount": "1234", "likeCount": "56", "commentCount": "7"}
        else:
            stats = {"subscriberCount": "890", "viewCount": "12345", "videoCount": "67"}
        body = json.dumps(
            {"items": [{"id": i, "statistics": stats} for i in ids if i]}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def fill() -> None:
    from kimportal.core.testing import ensure_test_regions
    from monitoring.models import ContentItem
    from monitoring.models_metrics import MetricCredential
    from monitoring.providers.crypto import secret_encrypt
    from registry.models import Kim, KimChannel
    from registry.tests.factories import VerifiedKimFactory

    ensure_test_regions()
    have = Kim.objects.count()
    if have < KIMS:
        print(f"creating {KIMS - have} KIM ...", flush=True)
        VerifiedKimFactory.create_batch(KIMS - have)
    kim_ids = list(Kim.objects.values_list("id", flat=True)[:KIMS])
    have = ContentItem.objects.filter(platform="youtube").count()
    if have < ITEMS:
        print(f"creating {ITEMS - have} content items ...", flush=True)
        for start in range(have, ITEMS, 10_000):
            ContentItem.objects.bulk_create(
                ContentItem(
                    platform="youtube",
                    platform_id=f"b{i:010d}",
                    url=f"https://youtu.be/b{i:010d}",
                    kim_id=kim_ids[i % len(kim_ids)],
                )
                for i in range(start, min(ITEMS, start + 10_000))
            )
    have = KimChannel.objects.filter(platform="youtube").count()
    if have < CHANNELS:
        print(f"creating {CHANNELS - have} channels ...", flush=True)
        KimChannel.objects.bulk_create(
            KimChannel(
                kim_id=kim_ids[i % len(kim_ids)],
                platform="youtube",
                address=f"https://www.youtube.com/channel/UC{i:022d}",
            )
            for i in range(have, CHANNELS)
        )
    if not MetricCredential.objects.filter(platform="youtube", active=True).exists():
        MetricCredential.objects.create(
            platform="youtube",
            kind="api_key",
            secret_encrypted=secret_encrypt({"api_key": "bench-key"}),
        )


def main() -> None:
    name = settings.DATABASES["default"]["NAME"]
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
        f"{name}_bench_metrics"
    )
    connection.creation.create_test_db(keepdb=True, verbosity=0)
    fill()

    from monitoring.models_metrics import ContentSnapshot
    from monitoring.providers.base import quota_forget_all
    from monitoring.providers.tasks import pull_metrics_task

    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeYouTube)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/youtube/v3"
    settings.YOUTUBE_API_BASE = base
    settings.METRICS_ALLOW_PRIVATE_BASES = True  # this benchmark only
    settings.YOUTUBE_DAILY_QUOTA = 10_000
    quota_forget_all()
    # Every item is due again: forget today's pull state so the run is a full refresh.
    from monitoring.models_metrics import MetricsStatus, PullRun

    MetricsStatus.objects.filter(unreadable=True).update(unreadable=False)
    PullRun.objects.filter(platform="youtube").update(quota_used=0)

    try:
        rows = []
        for scope, count in (("all-content", ITEMS), ("channels", CHANNELS)):
            FakeYouTube.calls = 0
            started = time.monotonic()
            task_scope = "recent" if scope == "all-content" else "channels"
            out = pull_metrics_task.apply(
                kwargs={"scope": task_scope, "platform": "youtube"}
            ).get()["youtube"]
            took = time.monotonic() - started
            rows.append(
                (
                    scope,
                    count,
                    out["updated"],
                    FakeYouTube.calls,
                    math.ceil(count / 50),
                    took,
                    out["updated"] / took * 60,
                )
            )
    finally:
        server.shutdown()
        server.server_close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"fake YouTube at {base}, {LATENCY * 1000:.0f} ms per answer")
    print(
        f"{'what':<12} {'targets':>8} {'updated':>8} {'calls':>6} {'⌈n/50⌉':>7} "
        f"{'seconds':>8} {'items/min':>10}"
    )
    for scope, count, updated, calls, ideal, took, per_min in rows:
        print(
            f"{scope:<12} {count:>8} {updated:>8} {calls:>6} {ideal:>7} "
            f"{took:>8.1f} {per_min:>10.0f}"
        )
    print(f"snapshots today: {ContentSnapshot.objects.count()} content rows in total")
    print(f"peak memory (RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
