# Two commands on a fresh machine with Python 3.11 and make:
#   make run   – .venv, install, migrate, load the statement, serve on http://127.0.0.1:8000
#   make test  – the whole suite (on DATABASE_URL; SQLite by default)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# On SQLite, tests that need PostgreSQL are deselected (not skipped). Outside CI,
# browser tests are deselected when Debian's Chromium is missing; in CI (CI set)
# they run and fail without it.
PG := $(filter postgres://% postgresql://% pgsql://%,$(DATABASE_URL))
NO_BROWSER := $(if $(CI),,$(if $(wildcard /usr/bin/chromium),,yes))
TEST_MARKERS ?= $(if $(PG),,not postgres)$(if $(NO_BROWSER),$(if $(PG),, and )not browser)

.PHONY: run test venv migrate superuser lint fixture bench clean

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

venv: $(BIN)/.installed

migrate: venv
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py loaddata statement

run: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv
	$(if $(NO_BROWSER),@echo "No /usr/bin/chromium: browser tests deselected (apt-get install chromium).")
	$(BIN)/python -m pytest $(if $(TEST_MARKERS),-m "$(TEST_MARKERS)") $(PYTEST_ARGS)

superuser: venv
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py createsuperuser

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/mypy bench/intake.py

# The benchmark (README, "Scale and performance"): builds COUNT synthetic incidents
# under bench/out/ (or on BENCH_DATABASE_URL), serves them with gunicorn, drives
# the public pages, then the same queries on Datasette; then the exports and the
# admin. Not part of `make test`.
COUNT ?= 100000
bench: venv
	$(BIN)/python bench/run.py --count $(COUNT) --datasette $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))
	$(BIN)/python bench/export.py --count $(COUNT) --datasette $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))
	$(BIN)/python bench/admin.py --count $(COUNT) $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))

# Rebuild fixtures/statement.json after editing fixtures/build_statement.py.
fixture: venv
	$(BIN)/python fixtures/build_statement.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
