"""Links that add or remove one filter value while keeping the others."""

from __future__ import annotations

from django.http import QueryDict

# Parameters that never carry over to a link that changes the filters.
RESET_ON_CHANGE = ("page", "cursor")


def _copy(params: QueryDict) -> QueryDict:
    q = params.copy()
    for name in RESET_ON_CHANGE:
        q.pop(name, None)
    return q


def _encode(q: QueryDict) -> str:
    encoded = q.urlencode()
    return f"?{encoded}" if encoded else "?"


def toggled(params: QueryDict, name: str, value: str) -> str:
    """The query string with `value` added to `name`, or removed if present."""
    q = _copy(params)
    values = q.getlist(name)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    q.setlist(name, values)
    return _encode(q)


def replaced(params: QueryDict, **values: str | None) -> str:
    """The query string with each named parameter set to one value (None: removed)."""
    q = _copy(params)
    for name, value in values.items():
        if value is None:
            q.pop(name, None)
        else:
            q.setlist(name, [value])
    return _encode(q)


def without(params: QueryDict, *names: str) -> str:
    return replaced(params, **{name: None for name in names})
