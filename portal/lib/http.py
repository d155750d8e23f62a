"""What the portal knows about the request's origin, shared by the apps that count visitors."""

from django.conf import settings


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the last hop nginx added when the request came through it.

    X-Forwarded-For is believed only from the proxies in TRUSTED_PROXIES, and read from the right:
    the left part is whatever the client chose to send.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if address in settings.TRUSTED_PROXIES:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for hop in reversed(hops):
            if hop and hop not in settings.TRUSTED_PROXIES:
                return hop
    return address
