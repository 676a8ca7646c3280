"""A whole demo year (2025) for every demo body, made through the services: applications of every
applicant kind with their outcomes (some carried into 2026), appeals, the table-1 figures from other
systems, each body's 工作台账 (demo_ledger.py), and the 2025 annual report drafted, reviewed and published - on time by most bodies, late
by one, not at all by another - so that each body's report and the district's roll-up have
something real to show."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.annual import services
from gongkai.annual.demo_ledger import load_demo_ledger
from gongkai.annual.models import AnnualReportVersion
from gongkai.applications import appeals, handling
from gongkai.applications.models import Application
from gongkai.applications.services import ApplicantDetails, application_register
from gongkai.bodies.models import Body

YEAR = 2025
APPLICANTS = [
    ApplicantDetails("natural_person", "王五", "resident_id", "11010519491231002X", "13800000011"),
    ApplicantDetails("natural_person", "赵六", "resident_id", "440305199001010018", "13800000012"),
    ApplicantDetails(
        "commercial", "某某建设工程有限公司", "credit_code", "91350100M000100Y43", "0755-80000013"
    ),
    ApplicantDetails("legal_service", "某某律师事务所", "credit_code", "91350100M000100Y43", "0755-80000014"),
    ApplicantDetails(
        "research", "某某大学公共管理学院", "credit_code", "91350100M000100Y43", "0755-80000015"
    ),
]
# (month, day received, applicant, outcome, days to answer); outcome None = still open at year end.
CASES = [
    (2, 10, 0, "granted", 9),
    (3, 3, 1, "partial", 15),
    (4, 7, 2, "granted", 12),
    (5, 12, 0, "unavailable_not_held", 6),
    (6, 16, 3, "withheld_third_party", 18),
    (8, 4, 4, "granted", 10),
    (9, 15, 1, "not_processed_repeat", 5),
    (11, 3, 2, "other_other", 14),
    (12, 22, 0, "granted", 12),  # answered in January 2026: carried into 2026
    (12, 29, 3, None, 0),  # still open
]
FIGURES = {"licensing": {"decisions": "126"}, "penalty": {"decisions": "18"}, "coercion": {"decisions": "2"}}
FEES = {"fees": {"fee_amount": "0"}}
# When each body published its 2025 report; a missing code did not publish.
PUBLISHED_ON = {
    "district": date(2026, 3, 20),
    "zwgkb": date(2026, 1, 20),
    "donghu": date(2026, 1, 16),
    "nanmen": date(2026, 1, 26),
    "czj": date(2026, 2, 9),  # late: 31 January is the deadline for a department
    "zjj": date(2026, 1, 29),
}


def _staff(code: str) -> dict:
    return {
        u.username.split("-")[-1]: u for u in get_user_model().objects.filter(username__startswith=f"{code}-")
    }


def _cases(body: Body, clerk, today: date, share: int) -> None:
    """The body's 2025 applications; `share` (0, 1, 2 ...) varies how many each body gets."""
    for month, day, who, outcome, days in CASES[share % 3 :]:
        received = date(YEAR, month, day)
        case = application_register(
            actor=clerk,
            body=body,
            channel="online" if who % 2 else "in_person",
            received_on=received,
            applicant=APPLICANTS[who],
            information_requested=f"{received.month}月{received.day}日申请：本机关{YEAR}年有关项目的批复文件",
            form_wanted="电子邮件",
            today=today,
        )
        if outcome is not None:
            handling.application_decide(
                actor=clerk,
                application=case,
                outcome_code=outcome,
                on=received + timedelta(days=days),
                reason="依法作出答复。",
                access="通过电子邮件发送至申请人邮箱",
                withheld="涉及个人信息的部分",
                today=today,
            )


def _appeals(body: Body, clerk, today: date) -> None:
    answered = Application.objects.filter(body=body, year=YEAR, outcome="withheld_third_party").first()
    review = appeals.appeal_record(
        actor=clerk,
        body=body,
        kind="review",
        filed_on=date(YEAR, 8, 1),
        authority="示范区人民政府",
        today=today,
        application=answered,
    )
    appeals.appeal_conclude(
        actor=clerk, appeal=review, result="upheld", concluded_on=date(YEAR, 10, 9), today=today
    )


def _report(body: Body, staff: dict, published_on: date | None) -> None:
    version = services.report_draft_create(actor=staff["jb"], body=body, year=YEAR)
    if published_on is None:
        return
    services.report_review(actor=staff["sh"], version=version, today=published_on)
    services.report_publish(actor=staff["fz"], version=version, today=published_on)


def load_demo_year() -> int:
    """Load the demo year once; return the number of bodies it was loaded for."""
    if AnnualReportVersion.objects.filter(year=YEAR).exists():
        return 0
    today = timezone.localdate()
    loaded = 0
    for share, body in enumerate(Body.objects.order_by("code")):
        staff = _staff(body.code)
        if not {"jb", "sh", "fz"} <= staff.keys():
            continue
        _cases(body, staff["jb"], today, share)
        if body.code in ("donghu", "czj"):
            _appeals(body, staff["jb"], today)
        services.figures_save(actor=staff["jb"], body=body, year=YEAR, table1=FIGURES | FEES)
        version = body.version_on(date(YEAR, 12, 31)) or body.versions.first()
        load_demo_ledger(
            body=body,
            clerk=staff["jb"],
            share=share,
            level=version.level,
            body_name=version.name,
            today=today,
        )
        _report(body, staff, PUBLISHED_ON.get(body.code))
        loaded += 1
    return loaded
