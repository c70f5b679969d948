# KIM Portal (BerMiTRA). `make run` and `make test` work on a fresh clone: they create the
# virtualenv, install pinned packages (runtime and development) and front-end assets, and start an embedded PostgreSQL
# when DATABASE_URL is unset (stopped again when the command ends).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
WITH_DB := $(PY) -m kimportal.devdb
PYTEST_ARGS ?=
# The suite runs in parallel processes (pytest-xdist), one per core by default.
PYTEST_WORKERS ?= auto
BENCH_ARGS ?=

.PHONY: setup run test worker lint bench-registry bench-monitoring bench-metrics bench-mapping clean

# Development installs both files (requirements-dev.txt starts with requirements.txt);
# a production install takes requirements.txt alone (see README, Deployment).
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	touch $@

setup: $(VENV)/.installed static/vendor/.installed

run: setup
	$(WITH_DB) sh -c '$(PY) manage.py migrate --noinput && \
	  $(PY) manage.py load_regions && \
	  $(PY) manage.py seed_demo && \
	  $(PY) manage.py runserver 127.0.0.1:8000'

test: setup
	$(WITH_DB) $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

worker: setup
	@test -n "$$REDIS_URL" || (echo "REDIS_URL belum diatur: worker Celery butuh Redis." && exit 1)
	$(WITH_DB) $(PY) -m celery -A kimportal worker -B -l info

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DATABASE_URL=$${DATABASE_URL:-postgres://unused@localhost/unused} $(VENV)/bin/mypy
	# Layers and app boundaries (.importlinter); fails on any import against them.
	$(VENV)/bin/lint-imports
	DATABASE_URL=$${DATABASE_URL:-postgres://unused@localhost/unused} $(PY) manage.py makemigrations --check --dry-run

bench-registry: setup
	$(WITH_DB) $(PY) bench/registry.py $(BENCH_ARGS)

bench-monitoring: setup
	$(WITH_DB) $(PY) bench/monitoring.py $(BENCH_ARGS)

bench-metrics: setup
	$(WITH_DB) $(PY) bench/metrics.py $(BENCH_ARGS)

bench-mapping: setup
	$(WITH_DB) $(PY) bench/mapping.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules static/vendor var
