"""The public site in headless Chromium (Debian's), driven by Playwright:
a visitor narrows the list by facets, reads an incident, follows its source and
downloads the CSV, at phone and desktop widths. axe checks each page."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect, sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# the tests themselves happen before or after the browser acts.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Browser, live_server) -> Iterator[Page]:  # noqa: ANN001
    call_command("loaddata", "statement", verbosity=0)
    context = browser.new_context(
        viewport=WIDTHS[request.param],
        base_url=live_server.url,
        accept_downloads=True,
        bypass_csp=True,
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    serious = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], page.url


def test_a_visitor_narrows_reads_cites_and_downloads(page: Page) -> None:
    page.goto("/")
    expect(page).to_have_title("Overview · Incident tracker")
    expect(page.locator(".counts")).to_contain_text("23")
    assert_accessible(page)

    page.get_by_role("link", name="Browse and filter all incidents").click()
    expect(page.locator(".total")).to_contain_text("32")
    assert_accessible(page)

    # Narrow by city through a facet, then by organization.
    page.locator("#facet-city + ul").get_by_role("link", name="Brest").click()
    expect(page.locator(".total")).to_contain_text("1 incident")
    expect(page.locator(".active-filters")).to_contain_text("Brest")
    page.locator("#facet-organization + ul").get_by_role("link", name="Human Constanta").click()
    # Wait for the navigation rather than reading page.url at once.
    expect(page).to_have_url(
        re.compile(
            r"city=brest.*organization=human-constanta|organization=human-constanta.*city=brest"
        )
    )
    expect(page.locator("table.incidents tbody tr")).to_have_count(1)
    assert_accessible(page)

    # Open the incident, follow its source.
    page.locator("table.incidents tbody tr").first.get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text("Kirill Kofanov, Human Constanta")
    expect(page.locator("blockquote")).to_have_count(2)
    expect(page.locator("blockquote", has_text="In Brest, human rights activist")).to_be_visible()
    assert_accessible(page)
    page.locator("figure.citation figcaption a").first.click()
    expect(page.locator("h1")).to_contain_text("Joint statement on another wave")
    expect(page.locator(".full-text mark").first).to_be_visible()
    assert_accessible(page)

    # Back to the filtered list; download exactly what is shown.
    page.go_back()
    page.go_back()
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename == "incidents_city-brest_organization-human-constanta.csv"
    with open(download.path(), encoding="utf-8") as fh:
        rows = list(csv.DictReader(io.StringIO(fh.read())))
    assert [(r["person"], r["city"], r["organization"], r["kind"]) for r in rows] == [
        ("Kirill Kofanov", "Brest", "Human Constanta", "search")
    ]


def test_the_filter_form_submits_without_javascript_and_removes_chips(page: Page) -> None:
    page.goto("/incidents/")
    page.get_by_label("Detention").check()
    page.get_by_label("Words").fill("Matskevich")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".total")).to_contain_text("1 incident")
    expect(page.locator("table.incidents")).to_contain_text("Oleg Matskevich")
    page.locator(".active-filters").get_by_role("link", name="Detention").click()
    expect(page.locator(".total")).to_contain_text("3 incidents")  # Sergei, Tamara, Oleg


@pytest.mark.parametrize(
    "path",
    [
        "/people/",
        "/organizations/",
        "/cities/",
        "/sources/",
        "/people/ales-bialiatski/",
        "/organizations/viasna-human-rights-centre/",
        "/cities/mozyr/",
        "/incidents/?kind=x",
    ],
)
def test_every_kind_of_page_is_accessible(page: Page, path: str) -> None:
    page.goto(path)
    assert_accessible(page)


def test_the_site_is_usable_with_the_keyboard(page: Page) -> None:
    page.goto("/incidents/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    # Following a fragment link updates the URL asynchronously: wait for it.
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_in_viewport()
    # Walk forward until a facet link takes the focus, then follow it.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.facet') !== null"):
            break
    else:
        pytest.fail("no facet link reachable by Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".active-filters")).to_be_visible()


@pytest.fixture
def strict_page(browser: Browser, live_server) -> Iterator[Page]:  # noqa: ANN001
    """A page under the site's real CSP (no bypass), which records every
    violation the browser reports (the securitypolicyviolation event and the
    console)."""
    call_command("loaddata", "statement", verbosity=0)
    context = browser.new_context(viewport=WIDTHS["desktop"], base_url=live_server.url)
    context.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation', e => "
        "window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));"
    )
    page = context.new_page()
    page.violations = []  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda msg: (
            page.violations.append(msg.text)  # type: ignore[attr-defined]
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    yield page
    context.close()


def csp_violations(page: Page) -> list[str]:
    return [*page.violations, *page.evaluate("window.__csp || []")]  # type: ignore[attr-defined]


def test_the_public_pages_run_under_the_csp(strict_page: Page) -> None:
    page = strict_page
    for path in [
        "/",
        "/incidents/",
        "/incidents/?city=hrodna&kind=search",
        "/people/",
        "/people/ales-bialiatski/",
        "/organizations/viasna-human-rights-centre/",
        "/cities/mozyr/",
        "/sources/",
        "/incidents/?kind=x",
        "/no-such-page/",
    ]:
        page.goto(path)
        page.wait_for_load_state("load")
        assert csp_violations(page) == [], path
    # The overview's chart details open and the incident's source link works.
    page.goto("/")
    page.get_by_text("The figures as a table").click()
    assert csp_violations(page) == []


def test_the_csp_test_sees_an_inline_style(strict_page: Page) -> None:
    # The guard itself: a page that breaks the policy is reported.
    page = strict_page
    page.goto("/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(100)
    assert any("style-src" in v for v in csp_violations(page))


def test_the_admin_runs_under_the_csp_and_autocompletes(strict_page: Page) -> None:
    from incidents.models import Incident, Person
    from tests.factories import UserFactory

    page = strict_page
    UserFactory(username="staffer", is_staff=True, is_superuser=True)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("staffer")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    incident = Incident.objects.order_by("pk").first()
    incident.staff_notes = "Checked."
    incident.save()  # a version to list on its history page
    person = Person.objects.order_by("pk").first()
    for path in [
        "/admin/",
        "/admin/incidents/incident/",
        "/admin/incidents/incident/?q=Lapta",
        f"/admin/incidents/incident/{incident.pk}/change/",
        f"/admin/incidents/incident/{incident.pk}/history/",
        "/admin/incidents/person/",
        f"/admin/incidents/person/{person.pk}/change/",
        "/admin/incidents/source/",
        "/admin/incidents/organization/add/",
        "/admin/incidents/city/add/",
    ]:
        page.goto(path)
        page.wait_for_load_state("load")
        assert csp_violations(page) == [], path
    page.goto("/admin/incidents/incident/add/")
    # The person autocomplete (select2) works: type, pick, see it chosen.
    page.locator("#id_person + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill("Lapt")
    page.locator(".select2-results__option", has_text="Alyona Lapta").click()
    expect(page.locator("#select2-id_person-container")).to_have_attribute("title", "Alyona Lapta")
    # The collapsed "Staff only" fieldset opens; the calendar widget opens.
    page.get_by_text("Staff only").click()
    page.locator(".datetimeshortcuts a").last.click()
    assert csp_violations(page) == []
