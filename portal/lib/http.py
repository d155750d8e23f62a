"""What the portal knows about the request's origin, shared by the apps that count visitors."""

import ipaddress

from django.conf import settings

# One home line or phone gets a whole /64 and may take any address in it.
IPV6_CLIENT_PREFIX = 64


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


def client_network(request):
    """The visitor as the limits count one (the feedback rate limit, the admin login lockout).

    An IPv4 address as it is (an IPv4-mapped IPv6 address as its IPv4 address); an IPv6 address as
    the first address of its /64, which is what one subscriber holds: counted by full address, one
    visitor could take a new address for every try. The answer is itself an address, so it fits
    where an address is stored (django-axes' `ip_address` column). None when the client's address is
    not an IP address at all.
    """
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network((address, IPV6_CLIENT_PREFIX), strict=False).network_address)
    return str(address)
