"""Atom feed of the filtered set (the same parameters as the list)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .filters import IncidentFilter, IncidentQuery
from .models import Incident
from .redaction.public import public_redactor
from .views import bad_request

FEED_SIZE = 50


class IncidentFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, query: IncidentQuery) -> None:
        super().__init__()
        self.query = query

    def get_object(self, request: HttpRequest) -> IncidentQuery:
        self.redact = public_redactor()
        return self.query

    def title(self, obj: IncidentQuery) -> str:
        return _("Incident tracker: latest published incidents")

    def subtitle(self, obj: IncidentQuery) -> str:
        return _("Searches, detentions and disappearances, each with its source.")

    def link(self, obj: IncidentQuery) -> str:
        query = obj.params.urlencode()
        return reverse("incidents:incident_list") + (f"?{query}" if query else "")

    def items(self, obj: IncidentQuery) -> QuerySet[Incident]:
        return obj.incidents().with_related().order_by("-date", "-id")[:FEED_SIZE]

    def item_title(self, item: Incident) -> str:
        return item.public_title

    def item_description(self, item: Incident) -> str:
        return self.redact(item.summary)

    def item_pubdate(self, item: Incident) -> dt.datetime:
        return dt.datetime.combine(item.date, dt.time(), tzinfo=dt.UTC)

    def item_updateddate(self, item: Incident) -> dt.datetime:
        return item.updated_at

    def item_categories(self, item: Incident) -> list[str]:
        return [item.kind]


@require_safe
def incident_feed(request: HttpRequest) -> HttpResponse:
    f = IncidentFilter(request.GET)
    if not f.is_valid():
        return bad_request(request, f.error_messages(), html=False)
    return IncidentFeed(f.query)(request)  # one per request: it holds its query and redactor
