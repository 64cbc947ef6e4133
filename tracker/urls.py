from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Incident tracker — staff")
admin.site.site_title = _("Incident tracker")
admin.site.index_title = _("Documentation")

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/switch/", include("translations.urls")),  # the language switcher
]
# Every page in each language: /be/…, /ru/…, /uk/…, English unprefixed.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("incidents.urls")),
    prefix_default_language=False,
)
