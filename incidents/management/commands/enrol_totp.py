"""Give a staff member a TOTP device for two-factor login to the admin.

    python manage.py enrol_totp USERNAME

Prints the otpauth:// link and a QR code to scan with an authenticator app
(FreeOTP, Aegis, Google Authenticator…). Run it again with --replace to issue a
new device, for instance after a lost phone.
"""

from __future__ import annotations

import io
from typing import Any

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Enrol a staff member for two-factor (TOTP) login and print the QR code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--replace", action="store_true", help="Remove the user's existing TOTP devices first."
        )
        parser.add_argument("--no-qr", action="store_true", help="Print only the link.")

    def handle(self, *args: Any, username: str, replace: bool, no_qr: bool, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model.objects.get(username=username)
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff; give them staff status first.")
        devices = TOTPDevice.objects.devices_for_user(user)
        if devices.exists() and not replace:
            raise CommandError(f"{username!r} already has a TOTP device; use --replace.")
        devices.delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        url = device.config_url
        self.stdout.write(f"TOTP device created for {username}.")
        self.stdout.write(f"Scan this link with an authenticator app:\n{url}")
        if not no_qr:
            qr = qrcode.QRCode(border=1)
            qr.add_data(url)
            out = io.StringIO()
            qr.print_ascii(out=out, invert=True)
            self.stdout.write(out.getvalue())
