"""The 工作台账: dated entries with their files, entered by 经办人 or 管理员, audited, locked with the year."""

import io
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.annual.ledger import ledger_entry_add, ledger_entry_remove
from gongkai.annual.models import LedgerAttachment, LedgerEntry
from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError

TODAY = timezone.localdate()
YEAR = TODAY.year


def minutes_docx(text: str = "会议纪要：研究部署政务公开工作。") -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def url(path: str = "") -> str:
    return f"/bodies/donghu/annual/{YEAR}/ledger/{path}"


def stored_files() -> list[str]:
    def walk(folder):
        try:
            folders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return []
        return [f"{folder}/{f}" for f in files] + [p for sub in folders for p in walk(f"{folder}/{sub}")]

    return walk("ledger")


def test_an_entry_with_its_minutes_is_recorded_audited_and_downloadable(client, cast):
    client.force_login(cast.clerk)
    data = minutes_docx()
    response = client.post(
        url(),
        {
            "kind": "leading_group",
            "on": date(YEAR, 1, 1).isoformat(),
            "title": "召开政务公开工作领导小组会议",
            "detail": "研究部署年度重点任务",
            "attendees": "9",
            "files": [SimpleUploadedFile("纪要.docx", data)],
        },
    )
    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    assert (entry.year, entry.kind, entry.attendees, entry.entered_by) == (
        YEAR,
        "leading_group",
        9,
        cast.clerk,
    )
    attachment = entry.attachments.get()
    assert attachment.file_type == "docx" and attachment.size == len(data)
    audit = AuditEntry.objects.get(action="annual.ledger_add")
    assert audit.body == cast.body and audit.after["files"] == ["纪要.docx"]
    page = client.get(url()).content.decode()
    assert "召开政务公开工作领导小组会议" in page and "（参加9人）" in page and "纪要.docx" in page
    download = client.get(url(f"files/{attachment.pk}/"))
    assert b"".join(download.streaming_content) == data
    client.force_login(cast.outsider)  # another body's clerk
    assert client.get(url(f"files/{attachment.pk}/")).status_code == 403


def test_a_bad_file_or_field_stores_nothing_and_names_every_problem_at_once(client, cast):
    client.force_login(cast.clerk)
    before = (LedgerEntry.objects.count(), AuditEntry.objects.count())
    response = client.post(
        url(),
        {
            "kind": "training",
            "on": TODAY.isoformat(),
            "title": "培训",
            "files": [
                SimpleUploadedFile("纪要.docx", minutes_docx()),
                SimpleUploadedFile("签到表.exe", b"MZ\x90\x00" + b"\x00" * 200),
            ],
        },
    )
    assert response.status_code == 400
    assert "附件“签到表.exe”不是可识别的文档" in response.content.decode()
    assert (LedgerEntry.objects.count(), AuditEntry.objects.count()) == before
    assert stored_files() == [] and LedgerAttachment.objects.count() == 0
    response = client.post(url(), {"kind": "nonsense", "on": "2019-13-01", "title": "", "attendees": "-3"})
    content = response.content.decode()
    assert response.status_code == 400
    # Each of the four fields is marked, with its message beside it.
    assert content.count('class="field has-error"') == 4
    assert "请输入有效日期" in content and "请填写事项。" in content and "确保该值大于或等于0" in content
    # A date in another year belongs to that year's 台账.
    response = client.post(
        url(), {"kind": "training", "on": date(YEAR - 1, 6, 1).isoformat(), "title": "培训"}
    )
    assert response.status_code == 400 and f"日期应在{YEAR}年内" in response.content.decode()
    assert LedgerEntry.objects.count() == 0


def test_a_failure_after_the_files_were_stored_leaves_no_file(cast, monkeypatch):
    """The files are stored before the audit entry: if that fails, they go with the transaction."""

    def broken(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("gongkai.annual.audit.audit_record", broken)  # under annual_audit
    with pytest.raises(RuntimeError):
        ledger_entry_add(
            actor=cast.clerk,
            body=cast.body,
            kind="training",
            on=TODAY,
            title="培训",
            files=[("纪要.docx", minutes_docx())],
            today=TODAY,
        )
    assert stored_files() == [] and LedgerEntry.objects.count() == 0


def test_who_may_keep_the_ledger(client, cast):
    def add(user):
        return ledger_entry_add(
            actor=user, body=cast.body, kind="platform", on=TODAY, title="优化专栏", today=TODAY
        )

    assert add(cast.admin).entered_by == cast.admin
    for user in (cast.reviewer, cast.head, cast.outsider, cast.inspector):
        with pytest.raises(ServiceError, match="经办人或管理员"):
            add(user)
    client.force_login(cast.reviewer)
    assert client.get(url()).status_code == 200  # staff of the body read it
    assert client.post(url(), {"kind": "platform", "on": TODAY.isoformat(), "title": "x"}).status_code == 403


def test_removing_needs_a_reason_is_audited_and_the_published_year_is_locked(cast):
    from gongkai.annual.models import AnnualReportVersion

    entry = ledger_entry_add(
        actor=cast.clerk,
        body=cast.body,
        kind="training",
        on=TODAY,
        title="开展培训",
        files=[("签到表.docx", minutes_docx("签到表"))],
        today=TODAY,
    )
    kept = entry.attachments.get().file.name
    with pytest.raises(ServiceError, match="删除原因"):
        ledger_entry_remove(actor=cast.clerk, entry=entry, today=TODAY, reason=" ")
    second = ledger_entry_add(
        actor=cast.clerk, body=cast.body, kind="training", on=TODAY, title="重复录入", today=TODAY
    )
    ledger_entry_remove(actor=cast.clerk, entry=second, today=TODAY, reason="重复录入")
    removed = AuditEntry.objects.get(action="annual.ledger_remove")
    assert removed.before["title"] == "重复录入" and removed.after == {"reason": "重复录入"}
    AnnualReportVersion.objects.create(body=cast.body, year=YEAR, status="published")
    with pytest.raises(ServiceError, match="已锁定"):
        ledger_entry_remove(actor=cast.clerk, entry=entry, today=TODAY, reason="误录")
    with pytest.raises(ServiceError, match="已锁定"):
        ledger_entry_add(
            actor=cast.clerk, body=cast.body, kind="training", on=TODAY, title="补录", today=TODAY
        )
    assert default_storage.exists(kept)


def test_control_characters_in_the_removal_reason_are_refused(client, cast):
    entry = ledger_entry_add(
        actor=cast.clerk, body=cast.body, kind="training", on=TODAY, title="培训", today=TODAY
    )
    client.force_login(cast.clerk)
    response = client.post(url(f"{entry.pk}/remove/"), {"reason": "误\x01录"})
    assert response.status_code == 400 and "删除原因" in response.content.decode()
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()
    assert client.post(url(f"{entry.pk}/remove/"), {"reason": "误录"}).status_code == 302
    assert not LedgerEntry.objects.filter(pk=entry.pk).exists()
