"""The admin that documentation officers enter incidents in, many a day.

- the site itself is `incidents.admin_site` (two-factor whenever OTP_REQUIRED),
  beside this package rather than in it: Django builds the default site when
  another app's admin first registers, and importing the site must not import
  these modules, which register with it;
- `common`: read-only records for staff who cannot publish, the duplicate
  confirmation, links to records;
- `large_tables`: changelists, autocompletes and searches at a million rows;
- one module per record: `cities`, `organizations`, `people`, `sources`,
  `incidents` (each registers its admin with the site).

Person, organization, city and source are autocompletes, never a <select> of
every row. "Save and add another" carries kind, date and source into the next
form, because staff enter a whole statement in a row. Creating a person or
organization whose name matches an existing name or alias (ignoring case,
diacritics and script) asks for confirmation first.
"""

from . import cities, incidents, organizations, people, records, sources

__all__ = ["cities", "incidents", "organizations", "people", "records", "sources"]
