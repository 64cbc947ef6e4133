from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

# What may be translated: the public text of incidents, people and organizations.
TRANSLATABLE = {
    "incident": ["summary"],
    "person": ["description"],
    "organization": ["description"],
}


class TextTranslation(models.Model):
    """A staff member's translation of a record's public text (an incident's
    summary, a person's or organization's description) into Belarusian,
    Russian or Ukrainian. A page in that language shows it, through the same
    public redactor as the original; without one, the original, marked with
    its own language."""

    class Language(models.TextChoices):
        BELARUSIAN = "be", _("Belarusian")
        RUSSIAN = "ru", _("Russian")
        UKRAINIAN = "uk", _("Ukrainian")

    class Field(models.TextChoices):
        SUMMARY = "summary", _("summary")
        DESCRIPTION = "description", _("description")

    content_type = models.ForeignKey(
        ContentType,
        models.CASCADE,
        verbose_name=_("kind of record"),
        limit_choices_to={"app_label": "incidents", "model__in": list(TRANSLATABLE)},
    )
    object_id = models.PositiveBigIntegerField(_("record number"))
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("text"), max_length=20, choices=Field)
    language = models.CharField(_("language"), max_length=2, choices=Language)
    text = models.TextField(_("translation"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("translation of a public text")
        verbose_name_plural = _("translations of public texts")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_translation_per_text_and_language",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "language"])]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} {self.field} ({self.language})"
