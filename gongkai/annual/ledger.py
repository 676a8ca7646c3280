"""The 工作台账: what only the office knows (meetings, trainings, inspections ...), recorded during the
year by its 经办人 or 管理员 so that the annual report's 总体情况 is drafted from it (issue 16).

Each entry is dated and may carry files (minutes, sign-in sheets, notices); adding and removing
are audited, and once the year's report is published the year's 台账 is locked like the report.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.annual.audit import annual_audit
from gongkai.annual.models import LedgerAttachment, LedgerEntry, LedgerKind, ReportStatus
from gongkai.bodies.models import Role
from gongkai.bodies.selectors import roles_held
from gongkai.common.dates import DateKind, date_problem
from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files, sniff_file, store, upload_name, upload_problems
from gongkai.common.text import unsafe_text_problem

if TYPE_CHECKING:
    from django.contrib.auth.models import User


LEDGER_ROLES = {Role.CLERK, Role.ADMIN}
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 10
# Minutes, notices and sign-in sheets: documents, spreadsheets and scans as PDF.
ACCEPTED_TYPES = {"docx", "pdf", "xlsx", "text"}
MAX_TITLE, MAX_DETAIL, MAX_ATTENDEES = 200, 2000, 100000


def can_keep_ledger(user, body, today: date) -> bool:
    return user.is_authenticated and (
        user.is_superuser or bool(roles_held(user=user, body=body, on=today) & LEDGER_ROLES)
    )


def _year_locked(body, year: int) -> bool:
    from gongkai.annual.models import AnnualReportVersion

    return AnnualReportVersion.objects.filter(body=body, year=year, status=ReportStatus.PUBLISHED).exists()


def _snapshot(entry: LedgerEntry) -> dict:
    """What the audit log keeps of an entry."""
    return {
        "kind": entry.kind,
        "on": entry.on.isoformat(),
        "title": entry.title,
        "detail": entry.detail,
        "attendees": entry.attendees,
        "files": [a.name for a in entry.attachments.all()],
    }


def _entry_problems(*, kind: str, on, title: str, detail: str, attendees, today: date) -> list[str]:
    problems = []
    if kind not in LedgerKind.values:
        problems.append("“类别”不是台账的类别之一。")
    if not isinstance(on, date):
        problems.append("“日期”应为日期。")
    elif problem := date_problem(on, DateKind.HAPPENED, today=today):
        problems.append(f"“日期”{problem}。")
    for label, value, limit in (("事项", title, MAX_TITLE), ("内容", detail, MAX_DETAIL)):
        if problem := unsafe_text_problem(value):
            problems.append(f"“{label}”{problem}。")
        elif len(value) > limit:
            problems.append(f"“{label}”不能超过{limit}个字（现有{len(value)}个字）。")
    if not title:
        problems.append("“事项”不能为空。")
    if attendees is not None and not (isinstance(attendees, int) and 0 <= attendees <= MAX_ATTENDEES):
        problems.append(f"“参加人数”应为0至{MAX_ATTENDEES}之间的整数。")
    return problems


def _file_problems(files: list[tuple[str, bytes]]) -> list[str]:
    return upload_problems(
        files,
        accepted=ACCEPTED_TYPES,
        accepted_label="台账附件只接受 docx、pdf、xlsx、txt",
        max_bytes=MAX_FILE_BYTES,
        max_files=MAX_FILES,
    )


@atomic_with_files()
def ledger_entry_add(
    *,
    actor: User,
    body,
    kind: str,
    on: date,
    title: str,
    detail: str = "",
    attendees: int | None = None,
    files: list[tuple[str, bytes]] = (),
    today: date,
) -> LedgerEntry:
    """Record one dated piece of the year's work; all problems are named at once, nothing half-saved."""
    if not can_keep_ledger(actor, body, today):
        raise ServiceError("工作台账由本机关的经办人或管理员录入。")
    title, detail, files = (title or "").strip(), (detail or "").strip(), list(files)
    problems = _entry_problems(kind=kind, on=on, title=title, detail=detail, attendees=attendees, today=today)
    problems += _file_problems(files)
    if not problems and _year_locked(body, on.year):
        problems.append(f"{on.year}年度年报已发布，该年度的工作台账已锁定。")
    if problems:
        raise ServiceError(problems)
    entry = LedgerEntry.objects.create(
        body=body,
        year=on.year,
        kind=kind,
        on=on,
        title=title,
        detail=detail,
        attendees=attendees,
        entered_by=actor,
    )
    for name, data in files:
        name = upload_name(name)
        attachment = LedgerAttachment(
            entry=entry, name=name, file_type=sniff_file(data, name), size=len(data)
        )
        store(attachment.file, name, data)
        attachment.save()
    annual_audit(
        actor,
        "ledger_add",
        f"录入工作台账：{entry.get_kind_display()}“{title}”",
        body=body,
        target=entry,
        after=_snapshot(entry),
    )
    return entry


@transaction.atomic
def ledger_entry_remove(*, actor: User, entry: LedgerEntry, today: date, reason: str) -> None:
    """Remove an entry recorded by mistake; the audit log keeps what it said and why it went."""
    if not can_keep_ledger(actor, entry.body, today):
        raise ServiceError("工作台账由本机关的经办人或管理员录入。")
    reason = (reason or "").strip()
    if not reason or (problem := unsafe_text_problem(reason)):
        raise ServiceError("“删除原因”" + (f"{problem}。" if reason else "不能为空。"))
    if _year_locked(entry.body, entry.year):
        raise ServiceError(f"{entry.year}年度年报已发布，该年度的工作台账已锁定。")
    stored = [a.file for a in entry.attachments.all()]
    before = _snapshot(entry)
    annual_audit(
        actor,
        "ledger_remove",
        f"删除工作台账：{entry.get_kind_display()}“{entry.title}”（{reason[:100]}）",
        body=entry.body,
        target=entry,
        before=before,
        after={"reason": reason[:300]},
    )
    entry.delete()
    # The files go once the removal is committed; a rolled-back removal keeps them.
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in stored])


def ledger_of(*, body, year: int) -> dict[str, list[LedgerEntry]]:
    """The year's entries by kind, in date order."""
    by_kind: dict[str, list[LedgerEntry]] = {kind: [] for kind in LedgerKind.values}
    for entry in LedgerEntry.objects.filter(body=body, year=year).order_by("on", "id"):
        by_kind[entry.kind].append(entry)
    return by_kind
