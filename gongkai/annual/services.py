from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from gongkai.annual.models import AnnualFigures
from gongkai.auditlog.services import audit_record
from gongkai.bodies.services import ServiceError
from gongkai.core.reports.layouts import DECIMAL_COLUMNS, LAYOUTS, SIGNED_COLUMNS, template_for_year


@transaction.atomic
def figures_save(*, actor, body, year: int, table1: dict[str, dict[str, str]]) -> AnnualFigures:
    """Store the table-1 figures a clerk entered; every value is checked against its column's domain."""
    layout = LAYOUTS[template_for_year(year)].table("t1")
    clean: dict[str, dict[str, str]] = {}
    for row in layout.rows:
        for column in row.columns:
            text = str(table1.get(row.key, {}).get(column, "")).strip()
            if not text:
                continue
            try:
                value = Decimal(text)
            except InvalidOperation:
                raise ServiceError(
                    f"“{row.label} / {layout.column(column).label}”应为数字，实际为“{text}”。"
                ) from None
            if value < 0 and column not in SIGNED_COLUMNS:
                raise ServiceError(f"“{row.label} / {layout.column(column).label}”不能为负数。")
            if value != value.to_integral() and column not in DECIMAL_COLUMNS:
                raise ServiceError(f"“{row.label} / {layout.column(column).label}”应为整数。")
            clean.setdefault(row.key, {})[column] = text
    figures, _ = AnnualFigures.objects.get_or_create(body=body, year=year, defaults={"entered_by": actor})
    before = figures.table1
    figures.table1, figures.entered_by = clean, actor
    figures.save()
    audit_record(
        actor=actor,
        action="annual.figures",
        summary=f"录入{year}年度年报主动公开情况数据",
        body=body,
        target=figures,
        before=before,
        after=clean,
        legal_basis="《政府信息公开条例》第五十条",
    )
    return figures
