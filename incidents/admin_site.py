"""The admin site: two-factor (TOTP) required for staff whenever OTP_REQUIRED
(on by default when debug is off). The admins themselves are in
incidents/admin/ (see its docstring for why the site is not)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class TwoStepLoginForm(OTPAdminAuthenticationForm):
    """django-otp's admin login, which never writes the password back into the
    page when it asks for the code (django-otp renders it back for
    convenience; a password in a page's HTML ends up in caches and screenshots)."""

    def _update_form(self, user: Any) -> None:
        super()._update_form(user)
        if "password" in self.fields:
            self.fields["password"].widget.render_value = False


class TrackerAdminSite(OTPAdminSite):
    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    @property
    def login_form(self) -> type | None:
        return TwoStepLoginForm if settings.OTP_REQUIRED else None

    @property
    def login_template(self) -> str | None:
        return "otp/admin111/login.html" if settings.OTP_REQUIRED else None

    def has_permission(self, request: HttpRequest) -> bool:
        if settings.OTP_REQUIRED:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super().get_urls()
        # "View on site" only for what the staff member may see in the admin:
        # it reveals a record's public address (a protected person's public
        # identifier) by its row number.
        for i, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                urls[i] = path(
                    "r/<int:content_type_id>/<path:object_id>/",
                    self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return urls

    def view_on_site(
        self, request: HttpRequest, content_type_id: int, object_id: str
    ) -> HttpResponse:
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        model_admin = self._registry.get(model) if model is not None else None
        if model_admin is None or not model_admin.has_view_permission(request):
            raise Http404
        try:
            obj = model_admin.get_object(request, object_id)
        except (ValueError, TypeError):
            obj = None
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)
