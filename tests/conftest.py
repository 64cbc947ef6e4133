"""Shared actors and the rules for PostgreSQL- and browser-only tests."""

from __future__ import annotations

import os
import shutil

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client

from .factories import UserFactory

STAFF_MODELS = [
    "incident",
    "citation",
    "person",
    "personalias",
    "organization",
    "organizationalias",
    "city",
    "cityalias",
    "source",
    "addressee",
    "affiliation",
]


def pytest_runtest_setup(item: pytest.Item) -> None:
    # A test marked postgres that lands on another backend fails: deselect it
    # with -m "not postgres" instead (make test does that on SQLite).
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.fail(
            f"{item.nodeid} needs PostgreSQL but DATABASE_URL points at {connection.vendor}. "
            "Set DATABASE_URL=postgres://… or deselect with -m 'not postgres'."
        )
    if (
        item.get_closest_marker("browser")
        and not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
        and not shutil.which("chromium")
    ):
        pytest.fail(f"{item.nodeid} needs Chromium: apt-get install chromium")


def _staff(username: str, *, codenames: list[str]) -> Client:
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="incidents", codename__in=codenames)
    )
    client = Client()
    client.force_login(user)
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def editor(db: None) -> Client:
    """Staff who enter and edit records."""
    codenames = [
        f"{action}_{model}" for model in STAFF_MODELS for action in ("view", "add", "change")
    ]
    return _staff("editor", codenames=codenames)


@pytest.fixture
def reviewer(db: None) -> Client:
    """Staff who also delete."""
    codenames = [
        f"{action}_{model}"
        for model in STAFF_MODELS
        for action in ("view", "add", "change", "delete")
    ]
    return _staff("reviewer", codenames=codenames)


@pytest.fixture
def superuser(db: None) -> Client:
    user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def outsider(db: None) -> Client:
    """Logged in, but not staff."""
    user = UserFactory(username="outsider")
    client = Client()
    client.force_login(user)
    return client
