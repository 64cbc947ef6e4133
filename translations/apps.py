from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The site in Belarusian, Russian and Ukrainian: the language a visitor
    chooses (middleware, switch view, context processor), the project's message
    catalogs (extracted and compiled in pure Python: catalogs.py), Belarusian
    formats, and the cities' names from the gazetteer (gazetteer.py)."""

    name = "translations"
    verbose_name = _("Translations")
