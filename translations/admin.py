from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import TRANSLATABLE, TextTranslation


class TextTranslationForm(forms.ModelForm):
    class Meta:
        model = TextTranslation
        fields = ["content_type", "object_id", "field", "language", "text"]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        content_type, field = cleaned.get("content_type"), cleaned.get("field")
        if content_type and field and field not in TRANSLATABLE.get(content_type.model, []):
            self.add_error("field", _("This kind of record has no such public text."))
        object_id = cleaned.get("object_id")
        if content_type and object_id:
            model = content_type.model_class()
            if model is None or not model._default_manager.filter(pk=object_id).exists():
                self.add_error("object_id", _("There is no such record."))
        return cleaned


@admin.register(TextTranslation)
class TextTranslationAdmin(admin.ModelAdmin):
    form = TextTranslationForm
    list_display = ["content_type", "object_id", "field", "language", "updated_at"]
    list_filter = ["language", "field", "content_type"]
    search_fields = ["text"]
