"""Accounts and transport: lockout, two-factor, headers, deploy checks."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"
LOGIN = reverse("admin:login")


def test_repeated_failures_lock_the_account(anonymous: Client) -> None:
    UserFactory(username="staffer", is_staff=True)
    statuses = [
        anonymous.post(LOGIN, {"username": "staffer", "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # locked at the fifth failure
    response = anonymous.post(LOGIN, {"username": "staffer", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in anonymous.session


def test_a_correct_password_logs_in_before_the_limit(anonymous: Client) -> None:
    UserFactory(username="staffer", is_staff=True)
    anonymous.post(LOGIN, {"username": "staffer", "password": "wrong"})
    response = anonymous.post(LOGIN, {"username": "staffer", "password": PASSWORD})
    assert response.status_code == 302


@override_settings(OTP_REQUIRED=True)
def test_two_factor_is_required_for_staff(anonymous: Client) -> None:
    user = UserFactory(username="staffer", is_staff=True, is_superuser=True)
    assert 'name="otp_token"' in anonymous.get(LOGIN).content.decode()
    # Without a token the password alone does not open the admin.
    response = anonymous.post(LOGIN, {"username": "staffer", "password": PASSWORD})
    assert response.status_code == 200
    assert anonymous.get(reverse("admin:index")).status_code == 302
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    token = str(totp(device.bin_key)).zfill(6)
    response = anonymous.post(
        LOGIN,
        {
            "username": "staffer",
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": token,
        },
    )
    assert response.status_code == 302
    assert anonymous.get(reverse("admin:index")).status_code == 200


def test_without_two_factor_the_login_page_asks_only_for_a_password(anonymous: Client) -> None:
    with override_settings(OTP_REQUIRED=False):
        assert 'name="otp_token"' not in anonymous.get(LOGIN).content.decode()


@override_settings(OTP_REQUIRED=True)
def test_a_session_without_two_factor_is_not_staff(editor: Client) -> None:
    # force_login skips the second factor: the admin still refuses.
    assert editor.get(reverse("admin:index")).status_code == 302


def test_the_enrol_command_creates_a_device_and_prints_a_qr_code() -> None:
    UserFactory(username="staffer", is_staff=True)
    out = StringIO()
    call_command("enrol_totp", "staffer", stdout=out)
    assert "otpauth://totp/" in out.getvalue() and "█" in out.getvalue()
    assert TOTPDevice.objects.filter(user__username="staffer", confirmed=True).count() == 1
    with pytest.raises(CommandError, match="already has"):
        call_command("enrol_totp", "staffer", stdout=StringIO())
    call_command("enrol_totp", "staffer", "--replace", "--no-qr", stdout=StringIO())
    assert TOTPDevice.objects.filter(user__username="staffer").count() == 1


def test_the_enrol_command_refuses_non_staff() -> None:
    UserFactory(username="visitor")
    with pytest.raises(CommandError, match="not staff"):
        call_command("enrol_totp", "visitor", stdout=StringIO())
    with pytest.raises(CommandError, match="No user"):
        call_command("enrol_totp", "nobody", stdout=StringIO())


def test_weak_passwords_are_refused() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password123", "12345678901234", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("a long and unusual passphrase")


@pytest.mark.parametrize("url", ["/", "/incidents/", "/incidents/export.csv", "/admin/login/"])
def test_every_response_carries_the_security_headers(anonymous: Client, url: str) -> None:
    response = anonymous.get(url)
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_public_pages_have_no_inline_script(anonymous: Client) -> None:
    for url in ("/", "/incidents/", "/people/"):
        assert "<script" not in anonymous.get(url).content.decode()


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env |= {
        "DJANGO_SECRET_KEY": "k" * 20 + "a-long-random-production-key-for-the-check" * 2,
        "DJANGO_ALLOWED_HOSTS": "tracker.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


# --- Lockout behind a proxy ------------------------------------------------------------


def _fail_five_times(client: Client, username: str, **meta: str) -> list[int]:
    return [
        client.post(LOGIN, {"username": username, "password": "wrong"}, **meta).status_code
        for _ in range(5)
    ]


def test_without_a_proxy_forwarded_headers_are_ignored(anonymous: Client) -> None:
    UserFactory(username="staffer", is_staff=True)
    # Each attempt claims another address: all come from one connection.
    statuses = [
        anonymous.post(
            LOGIN,
            {"username": "staffer", "password": "wrong"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        ).status_code
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]


@override_settings(PROXY_COUNT=1)
def test_behind_one_proxy_the_lockout_keys_on_the_client_it_saw() -> None:
    UserFactory(username="staffer", is_staff=True)
    attacker, colleague = Client(), Client()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    # The attacker forges the header; nginx appends the address it really saw.
    forged = {**proxy, "HTTP_X_FORWARDED_FOR": "192.0.2.77, 203.0.113.9"}
    assert _fail_five_times(attacker, "staffer", **forged)[-1] == 429
    # The colleague, behind the same proxy from another address, is not locked.
    response = colleague.post(
        LOGIN,
        {"username": "staffer", "password": PASSWORD},
        **proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302
    # Forging the colleague's address changes nothing for the attacker.
    again = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.20, 203.0.113.9"}
    response = attacker.post(LOGIN, {"username": "staffer", "password": PASSWORD}, **again)
    assert response.status_code == 429


@override_settings(PROXY_COUNT=2)
def test_behind_two_proxies_the_client_is_the_second_address_from_the_right() -> None:
    from django.test import RequestFactory

    from tracker.client_ip import client_ip

    factory = RequestFactory()
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.1"
    )
    assert client_ip(request) == "203.0.113.9"
    # Fewer addresses than proxies, or one that is not an address: the connection's.
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="x")) == (
        "10.0.0.2"
    )
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"


def test_a_negative_proxy_count_is_refused(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env |= {"DJANGO_DEBUG": "1", "DJANGO_PROXY_COUNT": "-1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "DJANGO_PROXY_COUNT" in result.stderr


# --- CSP and the login page --------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/incidents/", "/sources/", "/admin/login/", "/admin/", "/no-such-page/"]
)
def test_no_directive_allows_anything_inline(superuser: Client, url: str) -> None:
    response = superuser.get(url)
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, csp
    assert "style-src 'self'" in csp


def test_no_template_writes_an_inline_style_or_script() -> None:
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        assert " style=" not in text and "<style" not in text, path
        assert "<script>" not in text and " onclick=" not in text, path


@override_settings(OTP_REQUIRED=True)
def test_the_second_login_step_does_not_write_the_password_back(anonymous: Client) -> None:
    UserFactory(username="staffer", is_staff=True)
    response = anonymous.post(LOGIN, {"username": "staffer", "password": PASSWORD})
    page = response.content.decode()
    assert 'name="otp_device"' in page  # the second step: pick a device, type the code
    assert PASSWORD not in page
