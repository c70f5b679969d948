"""Settings of the benchmarks: the test settings on the benchmark's own database, with
the Django admin reference pages (bench/_admin.py) mounted beside the product's URLs."""

import os

from kimportal.settings.test import *  # noqa: F403
from kimportal.settings.test import ALLOWED_HOSTS, DATABASES

DATABASES = {"default": {**DATABASES["default"], "NAME": os.environ["BENCH_DATABASE"]}}
ROOT_URLCONF = "bench._urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
