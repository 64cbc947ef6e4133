"""Redaction: a protected person's name never leaves the staff side.

- `matcher` (re-exported here): the one matcher that finds a name in any
  spacing, case and script, and withholds it; it imports no model, so that the
  models, the search index and migrations can use it;
- `public`: the redactor of every protected name for public pages, kept per
  worker for each counts version.
"""

from .matcher import NO_ONE, WITHHELD, Redactor, name_forms, skeleton

__all__ = ["NO_ONE", "WITHHELD", "Redactor", "name_forms", "skeleton"]
