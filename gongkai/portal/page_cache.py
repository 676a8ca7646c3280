"""A server-side cache of the public portal's pages, emptied whenever what they show changes.

Every anonymous visitor gets the same page for the same URL, so a page is rendered once and then
served from the cache - a cached page costs about a millisecond, a rendered one tens of them over a
million items. Nothing the portal shows may go stale: every key carries a generation number, and
any change the portal could show (an item signed, repealed or linked, the 目录 edited, a body
renamed, an annual report published) bumps it, at once and again when its transaction commits,
which empties the whole portal cache without listing its keys. Keys carry the day too, since what
is valid changes at midnight. Old pages expire by themselves.

The bump must reach every app-server process, so the server-side copy is used only with a cache
they share (Redis through GONGKAI_CACHE_URL, or the database cache); see PORTAL_PAGE_CACHE_SECONDS.
Visitors with a session or messages cookie (staff, or someone just told something) are never
served from it, and pages that set cookies, hold a CSRF token or stream files are never stored.
"""

from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from gongkai.annual.models import ReportStatus
from gongkai.publishing.models import OPEN_STATUSES

GENERATION_KEY = "portal:generation"
HEADER = "X-Portal-Cache"
# Models whose rows the portal shows. PublicationVersion and SearchEntry change as drafts are
# written too; only their public rows matter (see _shows_on_portal).
WATCHED = (
    "publishing.Publication",
    "publishing.PublicationVersion",
    "publishing.CatalogueNode",
    "publishing.SearchEntry",
    "bodies.Body",
    "bodies.BodyVersion",
    "annual.AnnualReportVersion",
)
# Versions and reports not (yet) public: saving them changes nothing the portal shows.
HIDDEN_STATUSES = {*OPEN_STATUSES, ReportStatus.DRAFT, ReportStatus.REVIEWED}


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, so that a generation lost with an evicted key is never reused.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump() -> None:
    """Make every cached portal page out of date."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (evicted, or never read): a fresh start is as good
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _enabled() -> bool:
    return settings.PORTAL_PAGE_CACHE_SECONDS > 0


def _anonymous_without_state(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _storable(request, response) -> bool:
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds this visitor's CSRF token
        return False
    return response.status_code == 200 and not response.streaming and not response.cookies


def _key(request) -> str:
    # The scheme and host are part of it: feeds carry absolute links. So is the day: what is
    # valid changes at midnight without any save (a body's new name from a date, say).
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"portal:page:{generation()}:{timezone.localdate().isoformat()}:{digest}"


def cached_page(view):
    """Serve the view's page from the shared cache when the visitor is anonymous."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (_enabled() and _anonymous_without_state(request)):
            return view(request, *args, **kwargs)
        key = _key(request)
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if _storable(request, response):
            cache.set(key, response, settings.PORTAL_PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response

    return wrapped


def _shows_on_portal(instance) -> bool:
    if getattr(instance, "public", True) is False:  # a staff search entry
        return False
    if hasattr(instance, "published_version_id") and instance.published_version_id is None:
        return False  # an item not yet published
    return getattr(instance, "status", None) not in HIDDEN_STATUSES


def _tracked() -> bool:
    # The generation also keys what processes keep of the portal's rows (selectors.current_body),
    # which they do with a shared cache even when no page is stored.
    return _enabled() or settings.SHARED_CACHE


def _changed(sender, instance, **kwargs) -> None:
    if _tracked() and _shows_on_portal(instance):
        # Now, and again after the commit: a page rendered from the old rows in between would
        # otherwise be stored under the new generation.
        bump()
        transaction.on_commit(bump, using=kwargs.get("using"))


def connect_signals() -> None:
    """Called once from PortalConfig.ready()."""
    for label in WATCHED:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"portal-cache-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"portal-cache-delete-{label}")
