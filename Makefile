# Cổng: developer entry points. The provisioning logic lives in scripts/provision.sh.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
MANAGE := $(VENV)/bin/python manage.py
RUFF := $(VENV)/bin/ruff
PROVISION := bash scripts/provision.sh
PYTEST_ARGS ?=

.PHONY: help install install-dev db run test bench audit lint format messages demo backup restore clean

help: ## list the targets
	@awk -F ':.*## ' '/^[a-z-]+:.*## / { printf "  make %-12s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# Stamps: pip runs again only when pyproject.toml is newer than the last install.
$(VENV)/.installed: pyproject.toml
	@$(PROVISION) venv
$(VENV)/.installed-dev: pyproject.toml
	@$(PROVISION) venv-dev

install: $(VENV)/.installed ## create .venv and install the runtime pins
install-dev: $(VENV)/.installed-dev ## the same plus the test and lint tools

db: $(VENV)/.installed ## find or provision PostgreSQL and create the database
	@$(PROVISION) db

# As the default deployment runs: counters and the shared cache in Redis (REDIS_URL, unless you set
# one), and stats_flush beside the server moving the counts to PostgreSQL every 5 seconds.
RUN_REDIS_URL ?= redis://127.0.0.1:6379/1

run: $(VENV)/.installed ## provision, migrate, load the demo data, serve on 127.0.0.1:8000
	@$(PROVISION) db redis gettext espeak
	$(MANAGE) migrate
	$(MANAGE) compilemessages --ignore=.venv
	$(MANAGE) load_demo_data
	REDIS_URL=$${REDIS_URL:-$(RUN_REDIS_URL)} sh -c '$(MANAGE) stats_flush --loop 5 --verbosity 0 & \
		trap "kill $$! 2>/dev/null" EXIT INT TERM; $(MANAGE) runserver 127.0.0.1:8000'

test: $(VENV)/.installed-dev ## provision, lint, Django checks, whole pytest suite (PYTEST_ARGS=...)
	@$(PROVISION) db redis gettext chromium espeak nginx java vnu
	$(RUFF) check .
	$(RUFF) format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) compilemessages --ignore=.venv
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev ## load figures under gunicorn + wrk, as ratios to a baseline (BENCH_SECONDS=...)
	@$(PROVISION) db redis gettext wrk nginx
	$(VENV)/bin/python -m tests.benchmarks.run

audit: $(VENV)/.installed-dev ## Lighthouse (mobile) on each page type of the demo data, with thresholds
	@$(PROVISION) db gettext chromium espeak lighthouse
	$(MANAGE) compilemessages --ignore=.venv
	$(VENV)/bin/python -m tests.audit.run

lint: $(VENV)/.installed-dev ## ruff check + ruff format --check
	$(RUFF) check .
	$(RUFF) format --check .

format: $(VENV)/.installed-dev ## ruff format + ruff check --fix
	$(RUFF) format .
	$(RUFF) check --fix .

messages: $(VENV)/.installed ## update the vi catalogues, then compile them
	@$(PROVISION) gettext
	$(MANAGE) makemessages -l vi --no-location --no-obsolete --ignore=.venv --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

demo: db ## migrate + load_demo_data
	$(MANAGE) migrate
	$(MANAGE) load_demo_data

backup: $(VENV)/.installed ## dump the database and the media into BACKUP_DIR (var/backups)
	$(MANAGE) backup

restore: $(VENV)/.installed ## replace the database and the media with ARCHIVE=var/backups/cong-....tar
	@[[ -n "$(ARCHIVE)" ]] || { echo "usage: make restore ARCHIVE=var/backups/cong-YYYYMMDD-HHMMSS.tar" >&2; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)"

clean: ## remove .venv and var/
	rm -rf $(VENV) var
