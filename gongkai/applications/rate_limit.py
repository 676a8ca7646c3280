"""The public form's limit: GONGKAI_PUBLIC_APPLY_PER_HOUR online applications per client per hour.

The client is the trusted address (gongkai/common/client_ip.py), so citizens behind the same
reverse proxy keep separate quotas. Taking a place is one atomic increment of a counter in the
cache (`add` then `incr`): reading the count and writing it back would let concurrent
submissions past the limit. Redis (production) and the per-process memory cache increment
atomically; Django's database cache does not, so without Redis the limit may be passed by a
few under concurrency. Only a submission that is about to be registered takes a place.
"""

from django.conf import settings
from django.core.cache import cache

from gongkai.common.client_ip import client_ip

WINDOW_SECONDS = 3600


def _key(request) -> str:
    return f"apply-rate:{client_ip(request)}"


def submission_place_take(request) -> bool:
    """Take one of this hour's places for the client; False when they are all taken."""
    key = _key(request)
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add and incr: this is the first of a new one
        cache.add(key, 0, timeout=WINDOW_SECONDS)
        count = cache.incr(key)
    return count <= settings.PUBLIC_APPLY_PER_HOUR


def submission_place_return(request) -> None:
    """Give back a place taken by a submission that was then refused."""
    try:
        cache.decr(_key(request))
    except ValueError:  # the window has expired meanwhile; nothing to give back
        pass
