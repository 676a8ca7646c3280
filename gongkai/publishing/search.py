"""Full-text search over items (titles, text, attachment text), public and staff.

Placeholder until the search index is built: services call index_publication() after every
change of an item, so the index never lags behind the records.
"""

from __future__ import annotations


def index_publication(publication) -> None:
    """Bring the item's SearchEntry rows (public and staff) up to date."""
