"""What intake records besides the incidents themselves.

- `Report`: one report taken in (who, when, the source it became, how many
  incidents it proposed, created and cited): the admin's "Add incidents from a
  report" is its add page;
- `PendingCitation`: a report cited by an editor for an incident that is
  already published. A published incident is public evidence, which only a
  reviewer changes: the citation waits here, unseen by the public, until a
  reviewer accepts it (it then becomes a `Citation`) or rejects it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incidents.models import Citation, Incident, Source


class Report(models.Model):
    source = models.ForeignKey(
        Source,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )
    language = models.CharField(_("language"), max_length=2, blank=True)
    proposed = models.PositiveIntegerField(_("proposed"), default=0)
    created = models.PositiveIntegerField(_("incidents created"), default=0)
    cited = models.PositiveIntegerField(_("citations added"), default=0)
    pending = models.PositiveIntegerField(_("citations awaiting a reviewer"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken in by"),
    )
    created_at = models.DateTimeField(_("taken in at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report taken in")
        verbose_name_plural = _("reports taken in")

    def __str__(self) -> str:
        return str(self.source) if self.source_id else str(_("Report %(id)s") % {"id": self.pk})


class PendingCitation(models.Model):
    incident = models.ForeignKey(
        Incident, models.CASCADE, related_name="+", verbose_name=_("incident")
    )
    source = models.ForeignKey(Source, models.CASCADE, related_name="+", verbose_name=_("source"))
    excerpt = models.TextField(_("excerpt"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("citation awaiting a reviewer")
        verbose_name_plural = _("citations awaiting a reviewer")

    def __str__(self) -> str:
        return f"{self.source}: “{self.excerpt[:80]}”"

    def accept(self) -> Citation:
        """The citation made public (a reviewer's act); this row is removed."""
        citation, _created = Citation.objects.get_or_create(
            incident=self.incident, source=self.source, excerpt=self.excerpt
        )
        self.delete()
        return citation
