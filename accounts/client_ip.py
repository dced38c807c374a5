"""The client's address for login throttling, honest behind a known number of reverse proxies."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """Return the address that connected to the nearest untrusted hop.

    With ``PIA_TRUSTED_PROXY_COUNT = n`` (nginx in front: 1), the n-th address from the right of
    X-Forwarded-For is the client: everything left of it could have been typed by the client.
    """
    count = int(getattr(settings, "PIA_TRUSTED_PROXY_COUNT", 0))
    remote = request.META.get("REMOTE_ADDR")
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
