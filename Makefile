# Two commands on a fresh machine with Python 3.11 and make:
#   make run   – .venv, install, migrate, load the statement, serve on http://127.0.0.1:8000
#   make test  – the whole suite (on DATABASE_URL; SQLite by default)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# On SQLite, tests that need PostgreSQL are deselected (not skipped).
ifneq ($(filter postgres://% postgresql://% pgsql://%,$(DATABASE_URL)),)
TEST_MARKERS ?=
else
TEST_MARKERS ?= not postgres
endif

.PHONY: run test venv migrate superuser lint fixture clean

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
	$(BIN)/python -m pytest $(if $(TEST_MARKERS),-m "$(TEST_MARKERS)") $(PYTEST_ARGS)

superuser: venv
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py createsuperuser

lint: venv
	$(BIN)/ruff check .

# Rebuild fixtures/statement.json after editing fixtures/build_statement.py.
fixture: venv
	$(BIN)/python fixtures/build_statement.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
