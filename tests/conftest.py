"""Shared actors and the rules for PostgreSQL- and browser-only tests."""

from __future__ import annotations

import os
import shutil

import factory.random
import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, Phase, settings

from incidents.redaction import public as public_redaction

from .factories import (
    CityFactory,
    IncidentFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
    UserFactory,
)

# Property tests (hypothesis): "ci" by default, derandomized so that a failure in
# CI reproduces, without shrinking (a failure is reported with its draws at
# once); `--hypothesis-profile=thorough` for ten times the examples, shrunk.
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("ci")


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


@pytest.fixture(autouse=True)
def _empty_cache(request: pytest.FixtureRequest) -> None:
    # Cached counts are forgotten on commit, and a test's changes never commit:
    # each test starts with an empty cache (the database cache, as in
    # production: only tests that use the database can touch it).
    if "django_db" in request.keywords or {"db", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("_django_db_helper")  # the database first
        cache.clear()
        public_redaction.forget()


@pytest.fixture(autouse=True)
def _seeded() -> None:
    # The same data whatever the order tests run in: Faker's names and every
    # factory sequence start afresh for each test.
    factory.random.reseed_random(20210714)
    for f in (CityFactory, OrganizationFactory, PersonFactory, SourceFactory, IncidentFactory):
        f.reset_sequence(force=True)


@pytest.fixture
def anonymous() -> Client:
    return Client()


def _staff(username: str, group: str) -> Client:
    """A staff member in one of the groups the data migration creates."""
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def editor(db: None) -> Client:
    """Creates and edits records, submits for review; cannot publish."""
    return _staff("editor", "Editors")


@pytest.fixture
def reviewer(db: None) -> Client:
    """Also publishes, unpublishes and deletes."""
    return _staff("reviewer", "Reviewers")


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


@pytest.fixture
def committed(django_capture_on_commit_callbacks):  # noqa: ANN001, ANN201
    """`with committed():` runs what the block schedules on commit (the counts'
    version bump, the redactor's refresh) as production would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
