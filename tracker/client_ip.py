"""The client's address, as django-axes keys a lockout on it.

With no proxy configured (DJANGO_PROXY_COUNT=0, the default) the address is the
connection's own and every forwarded header is ignored: a client could write
anything there. Behind N reverse proxies that each append the address they
received the request from to `X-Forwarded-For` (nginx's
`proxy_add_x_forwarded_for`, Caddy, HAProxy's `option forwardfor`), the client
is the N-th address from the right: the one the outermost proxy saw. Whatever
the client itself sent stands further left and is never read.

django-ipware (which axes would use if installed) counts proxies differently:
it expects the header to list the client and every proxy but the last, and
answers None when it does not, so that every request behind one nginx would
share one lockout key. This module is small enough to read and is tested with
forged headers (tests/test_accounts.py).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # Fewer addresses than proxies: the request did not come through them
        # all (or a proxy is misconfigured); the connection's address is all
        # that can be trusted.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
