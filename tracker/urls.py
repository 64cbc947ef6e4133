from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Incident tracker — staff")
admin.site.site_title = _("Incident tracker")
admin.site.index_title = _("Documentation")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("incidents.urls")),
]
