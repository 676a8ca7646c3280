"""Forms of the annual report pages."""

from __future__ import annotations

from django import forms

from gongkai.common.forms import Form


class FiguresForm(Form):
    """Table 1's figures as typed in: one field per row and column of the year's layout, named
    `row__column`, except the rows the catalogue counts (`counted`)."""

    def __init__(self, *args, layout, existing: dict, counted: set[str], **kwargs):
        # Set before Form.__init__, which copies base_fields and puts SafeText on each.
        self.base_fields = {
            f"{row.key}__{column}": forms.CharField(
                label=f"{row.label}：{layout.column(column).label}",
                required=False,
                max_length=20,
                initial=existing.get(row.key, {}).get(column, ""),
            )
            for row in layout.rows
            if row.key not in counted
            for column in row.columns
        }
        super().__init__(*args, **kwargs)

    def table1(self) -> dict[str, dict[str, str]]:
        """The cleaned values as figures_save takes them: {row: {column: text}}."""
        table1: dict[str, dict[str, str]] = {}
        for name, value in self.cleaned_data.items():
            row, column = name.split("__")
            table1.setdefault(row, {})[column] = value
        return table1
