"""Settings read the environment and fail fast in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import tracker.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS, "
            "s.DATABASES['default']['ENGINE'], s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
            "s.DATABASES['default'].get('OPTIONS', {}))",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off() -> None:
    result = load_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_by_default() -> None:
    result = load_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_settings_are_strict() -> None:
    result = load_settings(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="tracker.example.org, www.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "['tracker.example.org',",
        "'www.example.org']",
        "django.db.backends.sqlite3",
        "True",
        "31536000",
        "{}",
    ]


def test_debug_runs_without_a_key_on_loopback() -> None:
    result = load_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True ['127.0.0.1', 'localhost']")


def test_database_url_selects_postgresql() -> None:
    result = load_settings(DJANGO_DEBUG="1", DATABASE_URL="postgres://u:p@127.0.0.1:5432/tracker")
    assert "django.db.backends.postgresql" in result.stdout
    # No JIT: it compiles plans for longer than the public queries take to run.
    assert "{'options': '-c jit=off'}" in result.stdout


def test_sqlite_gets_no_postgresql_options() -> None:
    result = load_settings(DJANGO_DEBUG="1")
    assert result.stdout.rstrip().endswith("{}")


def test_malformed_values_are_named() -> None:
    result = load_settings(DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG must be 1 or 0, not 'maybe'" in result.stderr
    result = load_settings(DJANGO_DEBUG="1", DATABASE_URL="mysqlx://nowhere")
    assert "DATABASE_URL is not a database URL" in result.stderr


def test_migrating_on_sqlite_prints_no_warning_about_postgresql_only_index_columns(
    tmp_path: Path,
) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env={**clean, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    # The list index's INCLUDE columns are for PostgreSQL (migration 0016).
    assert "W040" not in result.stdout + result.stderr


def test_it_refuses_to_start_without_allowed_hosts_when_debug_is_off() -> None:
    result = load_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_each_log_line_is_written_once() -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('Not Found: /x/'); "
        "logging.getLogger('django.server').info('GET /x/ 404'); "
        "logging.getLogger('incidents').warning('ours')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "tracker.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["Not Found: /x/", "GET /x/ 404", "ours"]
