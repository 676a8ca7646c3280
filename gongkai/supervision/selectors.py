"""Reads of uploaded and audited reports, for the supervisor's roll-up."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.supervision.models import AuditedFile

SUMMARY_CELLS = {
    "new": ("t2", "new", "total"),
    "carried_in": ("t2", "carried_in", "total"),
    "total": ("t2", "total", "total"),
    "carried_out": ("t2", "carried_out", "total"),
}


@dataclass(frozen=True)
class UploadedReport:
    """A body's published report as the auditor read it; a number it could not read is None."""

    audited: AuditedFile
    numbers: dict[str, int | None]  # the table-2 summary totals, keyed as SUMMARY_CELLS


def _numbers(result: dict | None) -> dict[str, int | None]:
    cells = {(c["table"], c["row"], c["column"]): c for c in (result or {}).get("cells", [])}
    numbers: dict[str, int | None] = {}
    for name, key in SUMMARY_CELLS.items():
        cell = cells.get(key)
        readable = cell is not None and cell["status"] in ("read", "blank", "nothing")
        numbers[name] = int(Decimal(cell["value"] or 0)) if readable else None
    return numbers


def uploaded_reports(*, owner_ids, year: int) -> list[UploadedReport]:
    """The newest upload of each body's report for the year, in the batches of the given bodies."""
    files = (
        AuditedFile.objects.filter(batch__owner_id__in=list(owner_ids), year=year)
        .exclude(body_name="")
        .select_related("batch")
        .order_by("body_name", "-batch__created_at", "-id")
    )
    newest: dict[str, AuditedFile] = {}
    for audited in files:
        newest.setdefault(audited.body_name, audited)
    return [UploadedReport(audited, _numbers(audited.result)) for audited in newest.values()]
