"""Logging the seed statement through intake in headless Chromium, as a staff
member signed in with two factors: how many page loads and clicks it takes."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect, sync_playwright

from incidents.models import Incident, Source

from .factories import UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def editors() -> Group:
    """The Editors group as its data migration makes it (a browser test before
    this one may have flushed the database; the permissions are made again by
    the flush, the groups are not)."""
    migration = importlib.import_module("incidents.migrations.0003_editor_and_reviewer_groups")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="incidents", codename__in=set(migration.EDITORS)
        )
    )
    return group


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STATEMENT = "fixtures/sources/joint-statement-2021-07-14.txt"


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


class Counted:
    """A page whose loads (main-frame navigations) and clicks are counted."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.loads = 0
        self.clicks = 0
        page.on("load", lambda _page: self._loaded())

    def _loaded(self) -> None:
        self.loads += 1

    def click(self, locator: object) -> None:
        """Click what opens another page, and wait until it has loaded."""
        self.clicks += 1
        with self.page.expect_navigation(wait_until="load"):
            locator.click()  # type: ignore[attr-defined]


def test_it_logs_the_seed_statement_in_few_loads_and_clicks(
    browser: Browser,
    live_server,  # noqa: ANN001
    settings,  # noqa: ANN001
) -> None:
    settings.OTP_REQUIRED = True
    call_command("loaddata", "statement", verbosity=0)
    Incident.objects.all().delete()  # the records stay; the incidents are to be logged
    Source.objects.all().delete()
    user = UserFactory(username="officer", is_staff=True)
    user.groups.add(editors())
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    text = open(STATEMENT, encoding="utf-8").read()

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    c = Counted(page)

    # Two factors: the password first (the page then lists the user's devices),
    # then the password again with the code of the device.
    page.goto("/admin/login/", wait_until="load")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("correct horse battery staple")
    c.click(page.get_by_role("button", name="Log in"))
    page.locator("[name=otp_device]").select_option(device.persistent_id)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.locator("[name=otp_token]").fill(str(totp(device.bin_key)).zfill(6))
    c.click(page.get_by_role("button", name="Log in"))
    expect(page).to_have_url(re.compile(r"/admin/$"))
    login = (c.loads, c.clicks)

    c.click(page.locator("tr.model-report a.addlink"))  # "Reports taken in: + Add"
    expect(page.locator("h1")).to_have_text("Add incidents from a report")
    page.get_by_label("Text of the report").fill(text)
    page.get_by_label("Title").fill("Joint statement of 14 July 2021")
    page.get_by_label("Date of the report").fill("14.07.2021")
    c.click(page.get_by_role("button", name="Propose incidents"))
    expect(page.locator(".intake-proposal")).to_have_count(32)
    expect(page.locator(".intake-report mark").first).to_be_visible()
    c.click(page.get_by_role("button", name="Create the ticked incidents as drafts"))
    expect(page).to_have_url(re.compile(r"/admin/incidents/incident/\?source=\d+"))
    expect(page.locator(".messagelist")).to_contain_text("32 draft incidents created")

    loads, clicks = c.loads - login[0], c.clicks - login[1]
    created = Incident.objects.count()
    print(
        f"intake of the seed statement: {created} incidents, {loads} page loads, {clicks} clicks "
        f"after signing in ({c.loads} loads, {c.clicks} clicks with it)"
    )
    assert created == 32
    assert set(Incident.objects.values_list("status", flat=True)) == {"draft"}
    assert loads <= created / 5
    assert errors == []
    context.close()
