"""Demo cases for the quick start: a few applications of 东湖街道 in different states, so that the
home pages, the case pages, the overdue list and the letters have something to show."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.applications import approval, handling
from gongkai.applications.case_file import attachment_add
from gongkai.applications.demo_answering import load_answering_cases
from gongkai.applications.models import Application
from gongkai.applications.services import ApplicantDetails, application_assign, application_register
from gongkai.bodies.models import Body

PEOPLE = [
    ApplicantDetails("natural_person", "张三", "resident_id", "11010519491231002X", "13800000001"),
    ApplicantDetails("natural_person", "李四", "resident_id", "440305199001010018", "13800000002"),
    ApplicantDetails("legal_service", "某某律师事务所", "credit_code", "91350100M000100Y43", "0755-80000003"),
]
REQUESTS = [
    "2025年东湖街道最低生活保障金发放名单及金额",
    "东湖路老旧小区改造项目的招标文件和中标结果",
    "2024年街道办事处部门预算和决算",
    "东湖社区违法建筑拆除决定书",
]


PARTIAL_ANSWER = {
    "ground": "37",
    "access": "请于收到本答复之日起15个工作日内到东湖街道政务服务中心领取纸质件",
    "withheld": "中标单位的银行账户信息",
    "reason": "属于商业秘密，公开会对第三方合法权益造成损害（条例第十五条）",
}
GRANTED_ANSWER = {
    "ground": "36-2",
    "access": "随本答复书邮寄纸质件",
    "withheld": "",
    "reason": "",
}


def load_demo_cases() -> int:
    """Register the demo cases once, then those of answering (demo_answering); return how many
    were created."""
    body = Body.objects.get(code="donghu")
    if Application.objects.filter(body=body).exists():
        return load_answering_cases()
    return _load_quick_start_cases(body) + load_answering_cases()


def _load_quick_start_cases(body: Body) -> int:
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="donghu-")}
    clerk, head = users["donghu-jb"], users["donghu-fz"]
    today = timezone.localdate()
    plan = [  # (days ago received, applicant, request, what happens)
        (40, 0, 0, "overdue"),
        (25, 1, 1, "answered"),
        (10, 2, 2, "supplement"),
        (2, 0, 3, "new"),
    ]
    for days_ago, person, request, fate in plan:
        received = today - timedelta(days=days_ago)
        case = application_register(
            actor=clerk,
            body=body,
            channel="in_person",
            received_on=received,
            applicant=PEOPLE[person],
            information_requested=REQUESTS[request],
            form_wanted="纸质",
            today=today,
        )
        if fate != "new":
            application_assign(actor=head, application=case, clerk=clerk, today=today)
        if fate == "answered":  # 拟办 → 审核 → 签发, as the body's default flow asks
            draft = approval.draft_propose(
                actor=clerk, application=case, step="decide", facts=PARTIAL_ANSWER, on=today, today=today
            )
            approval.draft_review(actor=users["donghu-sh"], draft=draft, today=today)
            approval.draft_sign(actor=head, draft=draft, on=received + timedelta(days=12), today=today)
            _demo_case_file(clerk, case, today)
        elif fate == "overdue":  # late, and its answer is still waiting for the 审核人
            approval.draft_propose(
                actor=clerk, application=case, step="decide", facts=GRANTED_ANSWER, on=today, today=today
            )
        elif fate == "supplement":
            handling.supplement_request(
                actor=clerk,
                application=case,
                on=received + timedelta(days=1),
                missing="请写明所需预算的年份和科目。",
                working_days=10,
                today=today,
            )
    return len(plan)


def _demo_png(width: int = 240, height: int = 120) -> bytes:
    """A plain grey-striped PNG standing in for a photographed EMS receipt (no imaging library)."""
    import struct
    import zlib

    rows = b"".join(b"\x00" + (b"\xc0" if y % 20 < 10 else b"\xf0") * width for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _demo_case_file(clerk, case, today) -> None:
    """The answered demo case's 案卷: its scanned application form and the EMS receipt."""
    from gongkai.documents.fonts import html_to_pdf

    scan = html_to_pdf(
        "<html><body><h1>政府信息公开申请表</h1>"
        f"<p>申请人：{case.applicant_name}</p><p>所需信息：{case.information_requested}</p></body></html>"
    )
    attachment_add(
        actor=clerk,
        application=case,
        kind="application_scan",
        files=[("申请表扫描件.pdf", scan)],
        today=today,
    )
    attachment_add(
        actor=clerk,
        application=case,
        kind="delivery_proof",
        files=[("EMS回执.png", _demo_png())],
        note="答复书邮寄送达回执",
        today=today,
    )
