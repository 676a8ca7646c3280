"""Permission-matrix rows of the public portal and the staff search (see tests/access.py)."""

from tests.access import ACTORS, EVERYONE_LOGGED_IN, Row

SAMPLE_TITLE = "2026年第三季度低保资金发放情况公示"

ROWS = [
    Row("portal-search", "get", "/open/search/?q=低保", set(ACTORS)),
    Row("portal-home", "get", "/open/{body}/", set(ACTORS)),
    Row("portal-column", "get", "/open/{body}/columns/{portal_column}/", set(ACTORS)),
    Row("portal-column-rss", "get", "/open/{body}/columns/{portal_column}/rss/", set(ACTORS)),
    Row("portal-column-atom", "get", "/open/{body}/columns/{portal_column}/atom/", set(ACTORS)),
    Row("portal-item", "get", "/open/{body}/items/{portal_item}/", set(ACTORS)),
    Row(
        "portal-attachment",
        "get",
        "/open/{body}/items/{portal_item}/attachments/{portal_attachment}/",
        set(ACTORS),
    ),
    Row("portal-kiosk", "get", "/kiosk/{body}/", set(ACTORS)),
    Row("staff-search", "get", "/work/search/?q=低保", EVERYONE_LOGGED_IN),
]


def placeholders(cast) -> dict:
    from gongkai.portal.sample import ItemSpec, publish
    from gongkai.publishing.models import Publication

    item = Publication.objects.filter(body=cast.body, versions__title=SAMPLE_TITLE).first()
    if item is None:
        spec = ItemSpec("dibao", SAMPLE_TITLE, "本季度共保障120户。", attachments=[("名册.pdf", "低保名册")])
        item = publish(actor=cast.clerk, body=cast.body, spec=spec)
    attachment = item.published_version.attachments.get()
    # Named apart from the publishing area's {column}/{attachment}: all areas share one namespace.
    return {"portal_item": item.pk, "portal_column": item.column.code, "portal_attachment": attachment.pk}
