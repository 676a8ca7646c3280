"""The draft's text as the review page shows it: every hit of the gate wrapped in <mark>."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from gongkai.core.sensitive import HIT_LABELS, HitKind


def marked_text(text: str, hits) -> SafeString:
    """HTML-escaped text with each hit (start, end, kind, value in this text) in a <mark> that
    names its kind. A hit that no longer matches the text (found before the draft was edited
    after a 退回) or overlaps one already marked is left out rather than marking the wrong words."""
    pieces, cursor = [], 0
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        if hit.start < cursor or text[hit.start : hit.end][: len(hit.value)] != hit.value:
            continue
        kind = HitKind(hit.kind)
        pieces.append(escape(text[cursor : hit.start]))
        pieces.append(
            format_html(
                '<mark class="hit {}" data-kind="{}" title="{}">{}</mark>',
                kind.severity.value,
                kind.value,
                HIT_LABELS[kind],
                text[hit.start : hit.end],
            )
        )
        cursor = hit.end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above
