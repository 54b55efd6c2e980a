# The two commands a newcomer needs: `make run` and `make test` (see README).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
TEST_ENV := DJANGO_SETTINGS_MODULE=config.settings.test
# site/ is a plain folder on the import path (it shadows the stdlib module `site` otherwise).
export PYTHONPATH := $(CURDIR)/site:$(CURDIR)
export PATH := $(CURDIR)/$(BIN):$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: lock run test install system-deps browser-deps lint migrations-check messages compilemessages bench bench-deps load clean

## Install Python and npm dependencies (only when their pin files changed).
install: $(VENV)/.installed node_modules/.installed system-deps

$(VENV)/.installed: requirements.lock requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

## After changing requirements*.txt: lock the whole tree again (pip-tools in a throwaway venv; `make` installs
## from the locks, the Dockerfile from requirements.lock).
LOCK_ARGS := --quiet --no-strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock:
	$(PYTHON) -m venv var/piptools && var/piptools/bin/pip install --quiet pip-tools==7.7.0
	var/piptools/bin/pip-compile $(LOCK_ARGS) --output-file=requirements.lock requirements.txt
	var/piptools/bin/pip-compile $(LOCK_ARGS) --output-file=requirements-dev.lock requirements-dev.txt

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Debian packages: gettext for the translations, Pango and the DejaVu fonts for WeasyPrint's paper forms.
system-deps:
	@command -v msgfmt >/dev/null && /sbin/ldconfig -p | grep -q libpango-1.0 && fc-list 2>/dev/null | grep -qi "DejaVu Sans" || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig; }

## Debian's Chromium for the browser tests (never a browser download).
browser-deps:
	@command -v /usr/bin/chromium >/dev/null || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

compilemessages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

## Refresh every catalogue after adding strings (then translate the new entries; English fills itself).
LOCALES := de de_X-ls en tr ar uk
messages: install
	$(MANAGE) makemessages $(addprefix -l ,$(LOCALES)) --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests
	$(MANAGE) translation_report --fill-english

## Start everything: migrate, demo content, web server, Celery worker and beat. Ctrl-C stops all.
## Every absolute link (mails from the worker, PDFs, feeds, iCal) uses BASE_URL: by default where this serves.
run: export BASE_URL ?= http://127.0.0.1:$(PORT)
run: install compilemessages
	mkdir -p var
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) load_demo_content
	@echo "Serving on http://127.0.0.1:$(PORT)/, links in mails and PDFs to $(BASE_URL)/ (Ctrl-C stops web, worker and beat)"
	PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start

RADON_SKIP := */migrations/*,site/tooling/*
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports  # the import contracts in pyproject.toml: core imports no feature app, and so on
	@# No production function above radon's C (cyclomatic complexity ≤ 20); tooling and the scan benchmarks'
	@# page generators are not production code.
	@complex="$$($(BIN)/radon cc -n D -s site participation volunteering blog accessibility -e '$(RADON_SKIP)')"; \
	  if [ -n "$$complex" ]; then echo "Functions above radon C (split them):"; echo "$$complex"; exit 1; fi

migrations-check: install
	$(TEST_ENV) $(MANAGE) check
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

## The CI gate, exactly as .ci/run runs it: ruff, check, makemigrations --check, pytest.
## PYTEST_WORKERS=2 runs the suite in two pytest-xdist workers, one per core; 0 (the default until it is measured
## on a quiet machine, docs/tests.md) in one process.
PYTEST_WORKERS ?= 0
test: install browser-deps compilemessages lint migrations-check
	@echo "Interface strings translated (German and English must be complete; tests check it):"
	@$(TEST_ENV) $(MANAGE) translation_report
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## Benchmarks (figures in docs/speed.md): the site under gunicorn with production settings, its own database
## seeded with 10,000 ideas, 10,000 responses, 5,000 shifts and 200 posts, measured against a hello-world view
## in the same run; exports, printing, scan reading and matching with their budgets. Under 15 minutes here.
BENCH_ENV := DJANGO_SETTINGS_MODULE=config.settings.bench
bench: install compilemessages bench-deps
	$(BENCH_ENV) $(MANAGE) bench $(BENCH_ARGS)

## Load test (docs/speed.md "Load test"): 50 visitors browse and take part for 10 minutes; zero 5xx, nothing lost.
load: install compilemessages $(VENV)/.load-installed
	$(BENCH_ENV) $(MANAGE) load_test $(LOAD_ARGS)

$(VENV)/.load-installed: requirements-load.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-load.txt
	touch $@

## Debian's wrk drives the HTTP benchmark.
bench-deps:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }

clean:
	rm -rf var .pytest_cache .ruff_cache
