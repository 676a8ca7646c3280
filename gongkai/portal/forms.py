"""The filters of the column pages and the search pages. Bad values are ignored, never an error page."""

from __future__ import annotations

from datetime import date

from django import forms

from gongkai.common.forms import Form
from gongkai.core.catalogue import ITEM_KIND_LABELS
from gongkai.portal.selectors import column_ids, column_or_none
from gongkai.publishing.search import MAX_QUERY_CHARS

KIND_CHOICES = [("", "全部类别"), *((k.value, v) for k, v in ITEM_KIND_LABELS.items())]
VALID_CHOICES = [("", "全部"), ("1", "有效"), ("0", "已废止或失效")]
ORDER_CHOICES = [("relevance", "按相关度"), ("date", "按发布日期")]
MAX_PAGE = 10_000


class SearchForm(Form):
    q = forms.CharField(label="关键词", required=False, max_length=MAX_QUERY_CHARS)
    body = forms.ChoiceField(label="发布机关", required=False)
    column = forms.SlugField(label="栏目", required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="信息类别", required=False, choices=KIND_CHOICES)
    year = forms.IntegerField(label="发布年份", required=False, min_value=2000, max_value=2100)
    valid = forms.ChoiceField(label="有效性", required=False, choices=VALID_CHOICES)
    order = forms.ChoiceField(label="排序", required=False, choices=ORDER_CHOICES)
    page = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, bodies=None, body=None, **kwargs):
        """`bodies` (from selectors.named_bodies) to choose from, or one fixed `body`."""
        super().__init__(*args, **kwargs)
        self.bodies = {b.code: b for b in bodies} if bodies is not None else {}
        self.fixed_body = body
        if body is not None or bodies is None:
            del self.fields["body"]
        else:
            self.fields["body"].choices = [
                ("", "全部机关"),
                *((code, b.current_name) for code, b in self.bodies.items()),
            ]

    def clean_page(self) -> int:
        value = self.cleaned_data.get("page") or ""
        return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1

    def chosen_body(self):
        if self.fixed_body is not None:
            return self.fixed_body
        code = self.cleaned_data.get("body") if self.is_bound and self.is_valid() else ""
        return self.bodies.get(code)

    def _valid(self) -> bool | None:
        return {"1": True, "0": False}.get(self.cleaned_data.get("valid") or "")

    def _column_ids(self, body) -> list[int] | None:
        code = self.cleaned_data.get("column")
        if not code or body is None:
            return None
        column = column_or_none(body, code)
        return column_ids(column) if column else []

    def search_options(self, *, default_body_ids) -> dict:
        body = self.chosen_body()
        return {
            "body_ids": [body.id] if body else default_body_ids,
            "column_ids": self._column_ids(body),
            "kind": self.cleaned_data.get("kind") or None,
            "year": self.cleaned_data.get("year"),
            "valid": self._valid(),
            "order": self.cleaned_data.get("order") or "relevance",
        }

    def listing_key(self) -> tuple:
        """What filter_listing narrows by, as a key for the kept count of a column."""
        return tuple(self.cleaned_data.get(name) or None for name in ("kind", "year", "valid"))

    def filter_listing(self, items):
        """The column page's filters on a queryset of published items."""
        if self.cleaned_data.get("kind"):
            items = items.filter(kind=self.cleaned_data["kind"])
        year = self.cleaned_data.get("year")
        if year:
            items = items.filter(
                first_published_on__gte=date(year, 1, 1), first_published_on__lt=date(year + 1, 1, 1)
            )
        valid = self._valid()
        if valid is not None:
            items = items.filter(repealed_on__isnull=valid)
        return items
