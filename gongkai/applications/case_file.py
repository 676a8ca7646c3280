"""The case file (案卷): the papers kept on a case besides its letters, and who may see them.

The scanned application, the applicant's 身份证明 copy (条例第二十九条), supplementary material,
the proof of delivery and a third party's reply carry personal data, so they are for the body's
own staff only: not for 督查 above the body, who read the case itself. Files are checked like
every upload (type from the content, size, count) and stored with the row or not at all.
"""

from __future__ import annotations

from datetime import date

from gongkai.applications.audit import audit_on
from gongkai.applications.models import Application, AttachmentKind, CaseAttachment
from gongkai.bodies.selectors import roles_held
from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files, sniff_file, store, upload_name, upload_problems
from gongkai.common.text import unsafe_text_problem

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 10  # in one upload
MAX_PER_CASE = 50
# Scans come as PDF or photographs; a third party's reply may be a Word file.
ACCEPTED_TYPES = {"pdf", "jpeg", "png", "docx"}
ACCEPTED_LABEL = "案卷材料只接受 pdf、jpg、png、docx"
IMAGE_TYPES = {"jpeg": "image/jpeg", "png": "image/png"}
CONTENT_TYPES = {
    **IMAGE_TYPES,
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MAX_NOTE = 200


def can_see_case_file(user, application: Application, today: date) -> bool:
    """The body's own staff, in any role or as AB岗 backup; a superuser. Not inspectors above it."""
    return user.is_authenticated and (
        user.is_superuser or bool(roles_held(user=user, body=application.body, on=today))
    )


def can_add_to_case_file(user, application: Application, today: date) -> bool:
    from gongkai.applications.permissions import HANDLING_ROLES

    return user.is_authenticated and (
        user.is_superuser
        or bool(roles_held(user=user, body=application.body, on=today) & set(HANDLING_ROLES))
    )


@atomic_with_files()
def attachment_add(
    *,
    actor,
    application: Application,
    kind: str,
    files: list[tuple[str, bytes]],
    note: str = "",
    today: date,
) -> list[CaseAttachment]:
    """Keep files on the case; every problem is named at once, and nothing is kept if there is one."""
    if not can_add_to_case_file(actor, application, today):
        raise ServiceError("案卷材料由本机关的办理人员上传。")
    files, note = list(files), (note or "").strip()
    problems = [] if kind in AttachmentKind.values else ["“材料类别”不是案卷材料的类别之一。"]
    if not files:
        problems.append("“文件”请至少选择一个文件。")
    if problem := unsafe_text_problem(note):
        problems.append(f"“说明”{problem}。")
    elif len(note) > MAX_NOTE:
        problems.append(f"“说明”不能超过{MAX_NOTE}个字（现有{len(note)}个字）。")
    problems += upload_problems(
        files,
        accepted=ACCEPTED_TYPES,
        accepted_label=ACCEPTED_LABEL,
        max_bytes=MAX_FILE_BYTES,
        max_files=MAX_FILES,
    )
    held = application.attachments.count()
    if held + len(files) > MAX_PER_CASE:
        problems.append(f"每件申请最多保存{MAX_PER_CASE}个案卷材料（已有{held}个）。")
    if problems:
        raise ServiceError(problems)
    kept = []
    for name, data in files:
        name = upload_name(name)
        attachment = CaseAttachment(
            application=application,
            kind=kind,
            name=name,
            file_type=sniff_file(data, name),
            size=len(data),
            note=note,
            uploaded_by=actor,
        )
        store(attachment.file, name, data)
        attachment.save()
        kept.append(attachment)
    audit_on(
        application,
        actor=actor,
        action="application.attachment_add",
        summary=f"{application.number} 案卷添加{AttachmentKind(kind).label}："
        + "、".join(a.name for a in kept)[:200],
        after={"kind": kind, "files": [{"id": a.pk, "name": a.name, "size": a.size} for a in kept]},
    )
    return kept


def attachments_of(application: Application) -> list[CaseAttachment]:
    """The case's attachments in the order of AttachmentKind, then as uploaded."""
    order = {kind: i for i, kind in enumerate(AttachmentKind.values)}
    return sorted(application.attachments.all(), key=lambda a: (order.get(a.kind, 99), a.uploaded_at, a.pk))
