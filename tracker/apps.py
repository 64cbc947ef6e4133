from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class TrackerAdminConfig(AdminConfig):
    """django.contrib.admin, with the site that requires two-factor when set."""

    default_site = "incidents.admin_site.TrackerAdminSite"


class LockoutConfig(AxesAppConfig):
    """django-axes, named in the admin in the staff member's language (its
    own name is "Axes" in every language)."""

    verbose_name = _("Sign-in lockout")


class TwoFactorDevicesConfig(TOTPConfig):
    """django-otp's TOTP devices, named in the staff member's language (its
    own name is "Otp_Totp")."""

    verbose_name = _("Two-factor devices")
