from django.contrib.admin.apps import AdminConfig


class TrackerAdminConfig(AdminConfig):
    """django.contrib.admin, with the site that requires two-factor when set."""

    default_site = "incidents.admin_site.TrackerAdminSite"
