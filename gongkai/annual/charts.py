"""Horizontal stacked bar charts as inline SVG, drawn on the server (no JavaScript, no CDN).

Each chart has a title and a description inside the SVG (read by screen readers through
role="img" and aria-labelledby) and the same numbers as a table (Chart.rows) printed next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

# Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
BAR_WIDTH, BAR_HEIGHT, GAP, LEGEND_LINE = 420, 18, 6, 18
# A CJK glyph at font-size 12 is 12 units wide. A label longer than LABEL_CHARS wraps onto further
# lines (a body's full name is never cut: 「示范区人民政府办公室（区政务公开办）」 is 17 characters).
CHAR_WIDTH, LABEL_CHARS, LABEL_LINE = 12, 14, 14
LABEL_WIDTH = LABEL_CHARS * CHAR_WIDTH + 8
WIDTH = LABEL_WIDTH + BAR_WIDTH + 60


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page, used for element ids
    title: str
    categories: list[str]  # one bar each
    series: list[tuple[str, list[int]]]  # (label, one value per category), stacked in this order

    @property
    def rows(self) -> list[tuple[str, list[int], int]]:
        """(category, its value in each series, their sum): the chart's text equivalent."""
        rows = []
        for i, category in enumerate(self.categories):
            values = [values[i] for _, values in self.series]
            rows.append((category, values, sum(values)))
        return rows

    @property
    def description(self) -> str:
        parts = [f"{category}合计{total}件" for category, _, total in self.rows]
        return "；".join(parts) + "。" if parts else "没有数据。"

    def svg(self) -> SafeString:
        """The chart drawn by the template annual/chart.svg (which escapes every text)."""
        return render_to_string("annual/chart.svg", {"chart": self, **self._geometry()})

    def _geometry(self) -> dict:
        largest = max((total for _, _, total in self.rows), default=0) or 1
        legend = self._legend()
        top = (legend[-1]["y"] + LEGEND_LINE if legend else 0) + GAP
        bars, y = [], top
        for category, values, total in self.rows:
            bar = self._bar(y, category, values, total, largest)
            bars.append(bar)
            y += bar["row_height"] + GAP
        return {
            "width": WIDTH,
            "height": y + GAP,
            "label_x": LABEL_WIDTH - 6,
            "bar_height": BAR_HEIGHT,
            "legend": legend,
            "bars": bars,
        }

    def _legend(self) -> list[dict]:
        """One key per series, wrapped onto further lines when the chart's width is used up."""
        items, x, y = [], 0, 4
        for index, (label, _) in enumerate(self.series):
            width = 24 + 13 * len(label)
            if x and x + width > WIDTH:
                x, y = 0, y + LEGEND_LINE
            colour = PALETTE[index % len(PALETTE)]
            items.append(
                {"x": x, "y": y, "text_x": x + 16, "text_y": y + 10, "colour": colour, "label": label}
            )
            x += width
        return items

    def _bar(self, y: int, category: str, values: list[int], total: int, largest: int) -> dict:
        segments, x = [], LABEL_WIDTH
        for index, value in enumerate(values):
            length = round(BAR_WIDTH * value / largest, 1)
            if value:
                segments.append(
                    {
                        "x": x,
                        "width": length,
                        "colour": PALETTE[index % len(PALETTE)],
                        "title": f"{category}：{self.series[index][0]}{value}件",
                    }
                )
            x += length
        lines = [category[i : i + LABEL_CHARS] for i in range(0, len(category), LABEL_CHARS)] or [""]
        return {
            "y": y,
            "text_y": y + 13,
            "label_lines": [{"y": y + 13 + n * LABEL_LINE, "text": line} for n, line in enumerate(lines)],
            "row_height": max(BAR_HEIGHT, 13 + (len(lines) - 1) * LABEL_LINE + 4),
            "segments": segments,
            "total": total,
            "total_x": x + 4,
        }
