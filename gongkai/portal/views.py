"""The public 政府信息公开 portal of each body, its search, feeds and the service-hall kiosk.

Every page is public and shows published versions only. Anonymous GETs may be cached by
browsers and proxies for PORTAL_MAX_AGE seconds and answer conditional requests (ETag); the server
keeps them rendered in its shared cache until something they show changes (page_cache.py).
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import conditional_page, require_safe

from gongkai.bodies.models import Body
from gongkai.bodies.selectors import visible_bodies
from gongkai.portal import kept, selectors
from gongkai.portal.forms import SearchForm
from gongkai.portal.page_cache import cached_page
from gongkai.publishing.search import search
from gongkai.publishing.services import attachment_content_type

PAGE_SIZE = 20


def public_page(view):
    """GET/HEAD only; cacheable for anonymous visitors, private for staff; ETag and 304s."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with kept.request_scope():  # the generation read once for the whole page
            response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        elif response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.PORTAL_MAX_AGE)
        return response

    return require_safe(conditional_page(cached_page(wrapped)))


def kiosk_context(request, body: Body | None = None) -> dict:
    """The kiosk flag (?kiosk=1) and where the terminal returns to after inactivity."""
    kiosk = request.GET.get("kiosk") == "1"
    start = f"/kiosk/{body.code}/" if body else "/open/search/?kiosk=1"
    seconds = max(getattr(settings, "KIOSK_RETURN_SECONDS", 90), 1)
    return {"kiosk": kiosk, "kiosk_start": start, "kiosk_return_seconds": seconds}


def query_prefix(request) -> str:
    """The current query string without the page number, ready for "?{prefix}page=N"."""
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


def item_path(code: str) -> str:
    """An item's URL up to its id ("/open/donghu/items/"), for the body of that code: a listing's
    links are this and the id, one reverse() for the page rather than one per row (a fifth of a
    column page's render)."""
    return reverse("portal-item", args=[code, 0]).removesuffix("0/")


FILTERS = ("kind", "year", "valid")
SEARCH_FILTERS = ("body", *FILTERS, "order")


def kept_fields(request, form: SearchForm, template: str, names: tuple[str, ...]) -> str:
    """Filter fields, rendered. They show only what was asked for in those fields (and, on the
    search page, the portal's bodies, which the page cache's generation follows), so for short
    values (all real ones) and no errors the HTML is kept per process: the widgets were a fifth
    of a column page's render and a third of a search page's."""
    values = tuple(request.GET.get(name, "") for name in names)
    render_them = lambda: render_to_string(template, {"form": form})  # noqa: E731
    if any(len(value) > 16 for value in values) or (form.is_bound and form.errors):
        return render_them()
    return kept.kept((template, values), render_them)


def filter_fields(request, form: SearchForm) -> str:
    """The column page's three filter fields."""
    return kept_fields(request, form, "portal/_column_filters.html", FILTERS)


def _page(request, items, per_page: int = PAGE_SIZE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


@public_page
def portal_home(request, code: str):
    body, version = selectors.current_body(code)
    context = {
        "body": body,
        "version": version,
        "tree": selectors.catalogue_tree(body),
        "latest": selectors.latest_items(body),
        "item_path": item_path(body.code),
        "report_years": selectors.published_report_years(body),
        **kiosk_context(request, body),
    }
    return render(request, "portal/home.html", context)


@public_page
def portal_column(request, code: str, column: str):
    body, version = selectors.current_body(code)
    node = selectors.column_of(body, column)
    form = SearchForm(request.GET or None, body=body)
    valid = form.is_valid()
    items = selectors.ColumnListing(
        selectors.column_ids(node),
        narrow=form.filter_listing if valid else lambda rows: rows,
        key=form.listing_key() if valid else (),
    )
    context = {
        "body": body,
        "version": version,
        "column": node,
        "form": form,
        "page": _page(request, items),
        "item_path": item_path(body.code),
        "filter_fields": filter_fields(request, form),
        "query_prefix": query_prefix(request),
        **kiosk_context(request, body),
    }
    return render(request, "portal/column.html", context)


@public_page
def portal_item(request, code: str, pk: int):
    body, version = selectors.current_body(code)
    item = selectors.published_item(body, pk)
    context = {
        "body": body,
        "version": version,
        "item": item,
        "shown": item.published_version,
        **kiosk_context(request, body),
    }
    response = render(request, "portal/item.html", context)
    response["Last-Modified"] = http_date(item.published_version.updated_at.timestamp())
    return response


@public_page
def portal_attachment(request, code: str, pk: int, attachment: int):
    """The published (masked) copy of an attachment; the original is never served."""
    body, _ = selectors.current_body(code)
    found = selectors.published_attachment(body, pk, attachment)
    response = FileResponse(
        found.published.open("rb"),
        as_attachment=True,
        filename=found.name,
        content_type=attachment_content_type(found.file_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _search_context(request, *, public: bool, bodies) -> dict:
    form = SearchForm(request.GET or None, bodies=bodies)
    if not (form.is_valid() and form.cleaned_data["q"]):
        return {"form": form, "results": None, "page": None}
    options = form.search_options(default_body_ids=None if public else [b.id for b in bodies])
    # Within one body the matches are counted from the ranked window (「超过 200 条」): a full
    # count there is a second pass over all the matches of the whole portal's index.
    options["count_all"] = form.chosen_body() is None

    def run(number: int):
        offset = (number - 1) * PAGE_SIZE
        return search(form.cleaned_data["q"], public=public, limit=PAGE_SIZE, offset=offset, **options)

    wanted = form.cleaned_data["page"]
    results = run(wanted)
    if results.query.empty:  # nothing searchable in it, e.g. only punctuation
        return {"form": form, "results": None, "page": None}
    page = Paginator(range(results.reachable), PAGE_SIZE).get_page(wanted)
    if page.number != wanted:  # past the last page: show the last one
        results = run(page.number)
    paths = {code: item_path(code) for code in {hit.body_code for hit in results.hits}}
    # Each hit with its item's link, or "" for an item that has no public page.
    linked = [
        (hit, f"{paths[hit.body_code]}{hit.publication_id}/" if hit.linked else "") for hit in results.hits
    ]
    return {
        "form": form,
        "results": results,
        "hits": linked,
        "page": page,
        "query_prefix": query_prefix(request),
    }


@public_page
def portal_search(request):
    bodies = selectors.named_bodies()
    context = _search_context(request, public=True, bodies=bodies)
    body = context["form"].chosen_body()
    # The header names the chosen body from what named_bodies read, not from a query of its own.
    name = getattr(body, "current_name", "")
    context = {**context, "body": body, "body_name": name, **kiosk_context(request, body)}
    # Every visitor chooses among the same bodies: the filters' HTML can be kept (not so for staff).
    context["filters_html"] = kept_fields(
        request, context["form"], "portal/_search_filters.html", SEARCH_FILTERS
    )
    return render(request, "portal/search.html", context)


@public_page
def kiosk_start(request, code: str):
    """The start page of a service-hall terminal: big buttons only."""
    body, version = selectors.current_body(code)
    context = {"body": body, "version": version, "tree": selectors.catalogue_tree(body), "at_start": True}
    return render(request, "portal/kiosk.html", {**context, **kiosk_context(request, body), "kiosk": True})


@login_required
@require_safe
def staff_search(request):
    """Staff: search the newest versions, drafts included, of the bodies the user can view."""
    bodies = selectors.named_bodies(visible_bodies(user=request.user, on=timezone.localdate()))
    context = _search_context(request, public=False, bodies=bodies)
    return render(request, "portal/staff_search.html", context)
