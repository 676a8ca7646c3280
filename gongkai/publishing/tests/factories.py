"""Published items for tests of what reads them (counts, drafting), made without the review steps."""

from __future__ import annotations

from datetime import date

from gongkai.publishing.models import CatalogueNode, Publication, PublicationVersion
from gongkai.publishing.services import catalogue_install_default, publication_create


def fresh_catalogue(cast, body=None, today=date(2027, 1, 10)):
    body = body or cast.body
    CatalogueNode.objects.filter(body=body).delete()
    catalogue_install_default(actor=cast.superuser, body=body, today=today)
    return CatalogueNode.objects.filter(body=body)


def published_item(
    cast,
    *,
    column: str,
    kind: str = "other",
    published: date,
    written: date | None = None,
    repealed: date | None = None,
    interprets: Publication | None = None,
    title: str | None = None,
    body=None,
) -> Publication:
    body = body or cast.body
    publication = publication_create(
        actor=cast.superuser,
        body=body,
        column=CatalogueNode.objects.get(body=body, code=column),
        kind=kind,
        details={
            "title": title or f"{kind} {published}",
            "issuer": str(body),
            "formed_on": written or published,
            "written_on": written,
        },
        today=max(published, written or published),
    )
    version = publication.versions.get()
    PublicationVersion.objects.filter(pk=version.pk).update(
        status="published", published_on=published, published_text=version.text
    )
    Publication.objects.filter(pk=publication.pk).update(
        published_version=version, first_published_on=published, repealed_on=repealed, interprets=interprets
    )
    publication.refresh_from_db()
    return publication
