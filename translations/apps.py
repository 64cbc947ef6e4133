from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The site in Belarusian, Russian and Ukrainian: the language a visitor
    chooses (middleware, switch view, context processor), the project's message
    catalogs (extracted and compiled in pure Python: catalogs.py), Belarusian
    formats, and the cities' names from the gazetteer (gazetteer.py)."""

    name = "translations"
    verbose_name = _("Translations")

    def ready(self) -> None:
        # The admin has registered every model by now (django.contrib.admin is
        # first in INSTALLED_APPS): the other apps' unmarked admin labels.
        from . import vendor_labels

        vendor_labels.translate()
