"""Catalogues for tests of what reads published items; the items come from gongkai.portal.sample.publish."""

from __future__ import annotations

from datetime import date

from gongkai.publishing.models import CatalogueNode
from gongkai.publishing.services import catalogue_install_default


def fresh_catalogue(cast, body=None, today=date(2027, 1, 10)):
    body = body or cast.body
    CatalogueNode.objects.filter(body=body).delete()
    catalogue_install_default(actor=cast.superuser, body=body, today=today)
    return CatalogueNode.objects.filter(body=body)
