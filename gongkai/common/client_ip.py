"""The client's address, as far as the configured reverse proxies can vouch for it.

Behind GONGKAI_PROXY_COUNT proxies, each appends the address it saw to X-Forwarded-For, so the
client is the entry that many places from the right; anything further left was written by the
client itself and is not trusted. Login throttling (django-axes, through
AXES_CLIENT_IP_CALLABLE) and the public form's rate limit both key on this one address.
"""

from django.conf import settings
from ipware.ip import get_client_ip


def client_ip(request) -> str:
    """The trusted client address; REMOTE_ADDR when no proxy is configured or none vouched."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.CLIENT_IP_PROXY_COUNT
    if proxies < 1:
        return remote
    # ipware counts the proxies named in the header, after the client; the last proxy is REMOTE_ADDR.
    address, _routable = get_client_ip(
        request, proxy_count=proxies - 1, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
    )
    return address or remote
