"""The WSGI worker's start-up: what it loaded is frozen out of the garbage collector's
full collections (kimportal/wsgi.py says why)."""

import gc
import importlib
import sys

from kimportal.core import timeouts


def test_the_wsgi_module_freezes_what_the_worker_loaded():
    gc.unfreeze()
    sys.modules.pop("kimportal.wsgi", None)
    role = timeouts._role  # the module marks this process a web worker: put it back
    try:
        module = importlib.import_module("kimportal.wsgi")
        assert callable(module.application)
        assert gc.get_freeze_count() > 10_000
    finally:
        timeouts._role = role
        gc.unfreeze()
        sys.modules.pop("kimportal.wsgi", None)
