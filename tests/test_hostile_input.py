"""Hostile text and dates sent to every form and endpoint that takes them.

Each row of TARGETS is one form or endpoint: where it is, who posts, a payload it accepts, and the
text and date fields to poison. Every poisoned payload must come back as a 4xx whose message names
the field, with no row written anywhere (the audit log included). Adding a form is one line; the
guards at the end fail when a route of the urlconf or a POST operation of docs/openapi.json has
neither a row here nor a stated reason to have none. Other hostile input (uploads, lengths, wrong
ids) is in tests/test_bad_input.py and gongkai/publishing/tests/test_hostile_input.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from gongkai.annual.ledger import ledger_entry_add
from gongkai.applications import approval
from gongkai.applications import services as application_services
from gongkai.applications.appeals import appeal_record
from gongkai.applications.calendar_import import calendar_year_import
from gongkai.applications.consultations import consultation_answer, consultation_send
from gongkai.applications.models import ApplicantNotice
from gongkai.applications.tests.test_register import VALID_ID, person
from gongkai.common.forms import SafeTextMixin
from gongkai.publishing import services as publishing_services
from gongkai.publishing.tests.helpers import draft, install_catalogue
from gongkai.supervision.urging import urging_issue

CONTROLS = {"SOH": "\x01", "VT": "\x0b", "ESC": "\x1b", "NUL": "\x00"}
BAD_DATES = ["0001-01-01", "1900-01-01", "9999-12-31"]
TEXT_PROBLEM = "含有不可见的控制字符"
DATE_PROBLEM = "应在"


def today():
    return timezone.localdate()


@dataclass(frozen=True)
class Target:
    route: str  # the urlconf name (or "api:" + the OpenAPI operation) this row covers
    url: str  # formatted with the world's ids
    user: str | None  # a member of the cast, or None for the public
    valid: dict  # a payload the target accepts; "{today}" and the world's ids are filled in
    text: tuple[tuple[str, str], ...] = ()  # (field, what the message calls it)
    dates: tuple[tuple[str, str], ...] = ()
    api: bool = False
    ok: tuple[int, ...] = (302,)
    labels: dict = field(default_factory=dict)


def action(key: str, user: str, valid: dict, text=(), dates=(("on", "日期"),)) -> Target:
    """A handling step of the case page: its fields carry the step's prefix."""
    return Target(
        "application-action",
        f"/bodies/donghu/applications/{{application}}/do/{key}/",
        user,
        {f"{key}-{name}": value for name, value in valid.items()},
        tuple((f"{key}-{name}", label) for name, label in text),
        tuple((f"{key}-{name}", label) for name, label in dates),
    )


APPLICANT = {
    "applicant_kind": "natural_person",
    "applicant_name": "李四",
    "id_document_type": "resident_id",
    "id_document_number": VALID_ID,
    "contact_phone": "13800000000",
    "contact_address": "东湖路1号",
    "information_requested": "2025年东湖街道低保发放名单",
    "form_wanted": "纸质",
}
APPLICANT_TEXT = (
    ("applicant_name", "申请人姓名或名称"),
    ("contact_address", "通信地址"),
    ("information_requested", "所需政府信息的名称"),
    ("proactive_suggestion", "建议的理由"),
)
CALENDAR_2027 = {
    "year": 2027,
    "notice": "国务院办公厅关于2027年部分节假日安排的通知",
    "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-01"}],
    "makeup_workdays": [],
}
ITEM = {
    "title": "关于低保发放的公示",
    "issuer": "东湖街道办事处",
    "formed_on": "{today}",
    "topic": "综合政务",
}
ITEM_DATES = (
    ("formed_on", "信息形成或变更日期"),
    ("written_on", "成文日期"),
    ("effective_until", "有效期至"),
)

TARGETS = [
    # Public
    Target(
        "public-apply",
        "/apply/donghu/",
        None,
        {**APPLICANT, "submission_key": "k-hostile", "confirm": "on"},
        APPLICANT_TEXT,
    ),
    # Bodies and people
    Target(
        "body-edit",
        "/bodies/donghu/edit/",
        "admin",
        {"name": "示范区东湖街道办事处", "level": "township", "effective_from": "2030-01-01"},
        (("name", "名称"), ("office_address", "地址")),
        (("effective_from", "生效日期"),),
    ),
    Target(
        "body-roles",
        "/bodies/donghu/roles/",
        "admin",
        {"user": "{clerk}", "role": "head", "valid_from": "{today}"},
        dates=(("valid_from", "起始日期"),),
    ),
    Target(
        "role-end",
        "/bodies/donghu/roles/{assignment}/end/",
        "admin",
        {"valid_to": "2030-01-01"},
        dates=(("valid_to", "终止日期"),),
    ),
    Target(
        "user-new",
        "/bodies/donghu/users/new/",
        "admin",
        {"username": "donghu-new", "full_name": "王五", "password": "Qiang-mima-2026", "role": "clerk"}
        | {"valid_from": "{today}"},
        (("full_name", "姓名"),),
        (("valid_from", "起始日期"),),
    ),
    Target(
        "absence-new",
        "/me/absences/new/",
        "clerk",
        {"starts_on": "{today}", "ends_on": "{later}", "reason": "出差"},
        (("reason", "事由"),),
        (("starts_on", "开始日期"), ("ends_on", "结束日期")),
    ),
    # Applications
    Target(
        "application-new",
        "/bodies/donghu/applications/new/",
        "clerk",
        {**APPLICANT, "channel": "in_person", "received_on": "{today}"},
        APPLICANT_TEXT,
        (("received_on", "收到申请日期"),),
    ),
    action("acknowledge", "clerk", {"on": "{today}"}),
    action(
        "supplement",
        "clerk",
        {"on": "{today}", "missing": "身份证明", "working_days": "15"},
        (("missing", "需要补正的内容"),),
        (("on", "告知日期"),),
    ),
    action(
        "consult",
        "clerk",
        {"on": "{today}", "party_kind": "third_party", "third_party": "某公司", "concerns": "商业秘密"},
        (("third_party", "征求意见对象名称"), ("concerns", "可能涉及的权益")),
        (("on", "发函日期"),),
    ),
    Target(
        "application-action",
        "/bodies/donghu/applications/{consulted}/do/consult_answered/",
        "clerk",
        {
            "consult_answered-on": "{today}",
            "consult_answered-position": "object",
            "consult_answered-reason": "涉及商业秘密",
        },
        (("consult_answered-reason", "不同意公开的理由"),),
        (("consult_answered-on", "收到意见日期"),),
    ),
    Target(
        "application-action",
        "/bodies/donghu/applications/{objected}/do/public_interest/",
        "head",
        {
            "public_interest-on": "{today}",
            "public_interest-content": "中标价格",
            "public_interest-reason": "涉及公共利益",
        },
        (("public_interest-content", "决定公开的政府信息内容"), ("public_interest-reason", "决定公开的理由")),
        (("public_interest-on", "告知日期"),),
    ),
    action(
        "extend",
        "head",
        {"on": "{today}", "days": "10", "reason": "需调取档案"},
        (("reason", "延期理由"),),
        (("on", "批准日期"),),
    ),
    # 条例第三十五条 (art35). The record and the delay need a 说明理由 step on the case first: the
    # world's case has none, so their valid payload reaches the rule and is refused there (400).
    action(
        "art35_reason",
        "clerk",
        {"on": "{today}", "grounds": "一月内申请20件", "reply_by": "{later}"},
        (("grounds", "认为申请数量、频次明显超过合理范围的情况"),),
        (("on", "通知日期"), ("reply_by", "说明理由期限")),
    ),
    replace(
        action(
            "art35_reason_record",
            "clerk",
            {"on": "{today}", "verdict": "reasonable", "text": "用于研究"},
            (("text", "申请人说明的理由"),),
            (("on", "收到理由日期"),),
        ),
        ok=(400,),
    ),
    replace(
        action(
            "art35_delay",
            "clerk",
            {"on": "{today}", "due_on": "{later}", "reason": "档案分散"},
            (("reason", "无法在规定期限内答复的原因"),),
            (("on", "确定日期"), ("due_on", "延迟答复期限")),
        ),
        ok=(400,),
    ),
    action(
        "decide",
        "head",
        {
            "on": "{today}",
            "ground": "37",
            "access": "当面领取",
            "withheld": "身份证号码",
            "reason": "个人隐私",
        },
        (("access", "获取信息的方式、途径和时间"), ("withheld", "不予公开的内容"), ("reason", "理由及说明")),
        (("on", "答复日期"),),
    ),
    action(
        "redirect",
        "head",
        {"on": "{today}", "competent_body": "区财政局", "contact": "0755-12345678"},
        (("competent_body", "负责公开该信息的机关"), ("contact", "该机关联系方式")),
        (("on", "答复日期"),),
    ),
    Target(
        "appeal-list",
        "/bodies/donghu/appeals/",
        "clerk",
        {"kind": "review", "filed_on": "{today}", "authority": "示范区人民政府", "note": "不服答复"},
        (("authority", "复议机关或受理法院"), ("note", "说明")),
        (("filed_on", "申请或起诉日期"),),
    ),
    Target(
        "appeal-conclude",
        "/bodies/donghu/appeals/{appeal}/conclude/",
        "clerk",
        {"result": "upheld", "concluded_on": "{today}"},
        dates=(("concluded_on", "审结日期"),),
    ),
    Target(
        "calendar-years",
        "/work/calendar/",
        "superuser",
        {
            "data": json.dumps(CALENDAR_2027),
            "reason": "国办发明电〔2026〕1号",
        },
        (("reason", "依据或更正原因"), ("data", "节假日安排")),
    ),
    # Approval of a drafted answer, and the body's answer settings
    Target(
        "draft-action",
        "/bodies/donghu/applications/{draft_case}/drafts/{draft}/return/",
        "head",
        {"draft-return-reason": "依据写错了"},
        (("draft-return-reason", "退回理由"),),
    ),
    Target(
        "draft-action",
        "/bodies/donghu/applications/{draft_case}/drafts/{draft}/sign/",
        "head",
        {"draft-sign-on": "{today}"},
        dates=(("draft-sign-on", "签发日期"),),
    ),
    Target(
        "answer-settings",
        "/bodies/donghu/applications/settings/",
        "admin",
        {"flow": "three_steps", "review_authority": "示范区人民政府", "court": "示范区人民法院"},
        (("review_authority", "行政复议机关"), ("court", "行政诉讼受理法院")),
    ),
    Target(
        "letter-template",
        "/bodies/donghu/applications/settings/letters/36-4/",
        "admin",
        {"extra": "如有疑问请来电。", "closing": "特此告知。"},
        (("extra", "补充段落"), ("closing", "结束语")),
    ),
    # Annual report
    Target(
        "annual-step", "/bodies/donghu/annual/2025/draft/", "clerk", {"reason": "起草"}, (("reason", "理由"),)
    ),
    Target(
        "annual-ledger",
        "/bodies/donghu/annual/{ledger_year}/ledger/",
        "clerk",
        {
            "kind": "training",
            "on": "{today}",
            "title": "开展政务公开培训",
            "detail": "讲解条例",
            "attendees": "20",
        },
        (("title", "事项"), ("detail", "内容")),
        (("on", "日期"),),
    ),
    Target(
        "annual-ledger-remove",
        "/bodies/donghu/annual/{ledger_year}/ledger/{ledger_entry}/remove/",
        "clerk",
        {"reason": "重复录入"},
        (("reason", "删除原因"),),
    ),
    # Proactive disclosure
    Target(
        "publishing-new",
        "/bodies/donghu/publishing/new/",
        "clerk",
        {**ITEM, "column": "{column}", "kind": "other"},
        (("title", "标题"), ("issuer", "发布机构"), ("text", "正文")),
        ITEM_DATES,
    ),
    Target(
        "publishing-edit",
        "/bodies/donghu/publishing/{publication}/edit/",
        "clerk",
        ITEM,
        (("title", "标题"), ("doc_number", "文号")),
        ITEM_DATES,
    ),
    Target(
        "publishing-column-new",
        "/bodies/donghu/publishing/catalogue/new/",
        "admin",
        {"name": "新栏目", "code": "xinlanmu", "position": "0"},
        (("name", "栏目名称"),),
    ),
    Target(
        "publishing-index-rule",
        "/bodies/donghu/publishing/index-rule/",
        "admin",
        {"rule": "{credit_code}/{year}-{seq:05d}"},
        (("rule", "索引号规则"),),
    ),
    Target(
        "publishing-step",
        "/bodies/donghu/publishing/{submitted}/do/return/",
        "reviewer",
        {"return-reason": "请补充依据"},
        (("return-reason", "退回理由"),),
    ),
    Target(
        "notices-resend",
        "/bodies/donghu/applications/{consulted}/notices/resend/",
        "clerk",
        {"resend-contact_phone": "13900000000", "resend-contact_email": "lisi@example.cn"},
        (("resend-contact_phone", "更正后的联系电话"), ("resend-contact_email", "更正后的电子邮箱")),
    ),
    # The JSON API
    Target(
        "api:POST /api/v1/bodies/{code}/applications",
        "/api/v1/bodies/donghu/applications",
        "clerk",
        {**APPLICANT, "channel": "in_person", "received_on": "{today}"},
        (("applicant_name", "applicant_name"), ("information_requested", "information_requested")),
        (("received_on", "received_on"),),
        api=True,
        ok=(201,),
    ),
    Target(
        "api:POST /api/v1/bodies/{code}/appeals",
        "/api/v1/bodies/donghu/appeals",
        "clerk",
        {"kind": "review", "filed_on": "{today}", "authority": "示范区人民政府"},
        (("authority", "authority"), ("case_number", "case_number")),
        (("filed_on", "filed_on"),),
        api=True,
        ok=(201,),
    ),
    Target(
        "api:POST /api/v1/bodies/{code}/applications/{number}/draft/{step}",
        "/api/v1/bodies/donghu/applications/{draft_number}/draft/return",
        "head",
        {"reason": "依据写错了"},
        (("reason", "reason"),),
        api=True,
        ok=(200,),
    ),
    Target(
        "api:POST /api/v1/bodies/{code}/applications/{number}/draft/{step}",
        "/api/v1/bodies/donghu/applications/{draft_number}/draft/sign",
        "head",
        {"on": "{today}"},
        dates=(("on", "on"),),
        api=True,
        ok=(200,),
    ),
    Target(
        "api:POST /api/v1/bodies/{code}/applications/{number}/actions/{action}",
        "/api/v1/bodies/donghu/applications/{number}/actions/supplement",
        "clerk",
        {"on": "{today}", "missing": "身份证明", "working_days": 15},
        (("missing", "missing"),),
        (("on", "on"),),
        api=True,
        ok=(200,),
    ),
    Target(
        "api:POST /api/v1/bodies/{code}/roles",
        "/api/v1/bodies/donghu/roles",
        "admin",
        {"username": "donghu-jb", "role": "head", "valid_from": "{today}"},
        (("username", "username"),),
        (("valid_from", "valid_from"),),
        api=True,
        ok=(201,),
    ),
]

TARGETS += [
    Target(
        "application-proactive-suggestion",
        "/bodies/donghu/applications/{application}/proactive/suggestion/",
        "clerk",
        {"suggest-reason": "涉及公众利益调整，需要公众广泛知晓"},
        (("suggest-reason", "申请人建议的理由"),),
    ),
    Target(
        "urging-new",
        "/work/overdue/{overdue}/urge/",
        "inspector",
        {"note": "请于3个工作日内答复。"},
        (("note", "督办意见"),),
    ),
    Target(
        "urging-detail",
        "/work/urgings/{urging}/",
        "clerk",
        {"reply": "已于今日答复申请人。"},
        (("reply", "办理情况"),),
    ),
]

# Routes that take no text or date from a form, or are covered elsewhere, and why.
NOT_IN_TABLE = {
    "front-page": "GET only",
    "work-home": "GET only",
    "body-guide": "GET only",
    "login": "Django's own login form: a wrong name is just a failed login (tests/test_login.py)",
    "logout": "no input",
    "password_change": "Django's own form; passwords are never printed in a document",
    "password_change_done": "GET only",
    "body-list": "GET only",
    "body-detail": "GET only",
    "role-backup": "a choice from the body's people only",
    "body-audit": "GET only",
    "application-list": "GET only (query string: test_nul_in_the_query_string)",
    "application-detail": "GET only",
    "application-assign": "a choice of clerk by id only",
    "letter-download": "GET only",
    "draft-preview": "GET only",
    "case-file-upload": "an upload: gongkai/applications/tests/test_dossier.py (hostile files and notes)",
    "case-file-download": "GET only",
    "dossier-download": "GET only",
    "overdue-list": "GET only; its filter is a Form of gongkai.common.forms (guard below)",
    "overdue-xlsx": "GET only, the same filter as overdue-list",
    "status-lookup": "GET form; a RegexField of letters and digits",
    "application-status": "GET only (path: test_nul_in_the_path)",
    "annual-report": "GET only",
    "annual-figures": "numbers only, each checked by figures_save",
    "annual-figures-import": "an upload: test_a_figures_file_with_control_characters_stores_nothing",
    "annual-figures-template": "GET only",
    "annual-cell": "GET only",
    "annual-download": "GET only",
    "annual-ledger-file": "GET only",
    "annual-rollup": "GET only",
    "annual-rollup-xlsx": "GET only",
    "public-report": "GET only",
    "public-report-version": "GET only",
    "public-report-file": "GET only",
    "portal-search": "GET only; bad filters are ignored (query string: the middleware)",
    "portal-home": "GET only",
    "portal-column": "GET only",
    "portal-column-rss": "GET only",
    "portal-column-atom": "GET only",
    "portal-item": "GET only",
    "portal-attachment": "GET only",
    "portal-kiosk": "GET only",
    "staff-search": "GET only",
    "publishing-list": "GET only (query string: test_nul_in_the_query_string)",
    "publishing-catalogue": "GET only",
    "publishing-catalogue-install": "no input",
    "publishing-column-edit": "the same ColumnForm as publishing-column-new",
    "publishing-detail": "GET only",
    "publishing-attachment-add": "an upload (uploads are tested in gongkai/publishing/tests)",
    "publishing-attachment-remove": "no input",
    "publishing-attachment-download": "GET only",
    "publishing-hit": "a choice and a reason in HitForm, a Form of gongkai.common.forms (guard below)",
    "publishing-hit-reopen": "no input",
    "application-proactive": "needs a case answered with disclosure: gongkai/conversion/tests/test_turn_page.py",
    "application-proactive-join": "a choice of item by id only",
    "application-identity": "no input (a POST with the CSRF token only; see test_identity_on_case_page.py)",
    "audit-batches": "an upload with a batch name in UploadForm, a Form of gongkai.common.forms",
    "audit-batch": "GET only",
    "audit-file": "GET only",
    "audit-export": "GET only",
    "jobs": "GET only",
    "job": "GET only",
    "job-status": "GET only",
    "job-retry": "no input (a POST with the CSRF token only; see gongkai/jobs/tests/test_jobs.py)",
}


def target_id(target: Target) -> str:
    return target.url.rsplit("/do/", 1)[-1].strip("/") if "/do/" in target.url else target.route


def received_case(cast, information_requested: str, days_ago: int = 1):
    return application_services.application_register(
        actor=cast.clerk,
        body=cast.body,
        channel="in_person",
        received_on=today() - timedelta(days=days_ago),
        applicant=person(),
        information_requested=information_requested,
        form_wanted="纸质",
        today=today(),
    )


@pytest.fixture
def world(cast):
    """The records the targets act on, and the ids that fill their URLs and payloads."""
    # An extension from December runs into next year, whose holidays must be known.
    calendar_year_import(actor=cast.superuser, data=CALENDAR_2027, reason="测试")
    application = received_case(cast, "2025年东湖街道低保发放名单")
    appeal = appeal_record(
        actor=cast.clerk,
        body=cast.body,
        kind="review",
        filed_on=today(),
        authority="示范区人民政府",
        today=today(),
        application=application,
    )
    # 督办: a case three months old and never answered, urged once by the district's inspector.
    overdue = received_case(cast, "2025年东湖街道低保发放名单", days_ago=90)
    urging = urging_issue(actor=cast.inspector, application=overdue, note="请尽快答复。", today=today())
    drafted = received_case(cast, "2025年东湖街道临时救助名单")
    answer_draft = approval.draft_propose(
        actor=cast.head,
        application=drafted,
        step="decide",
        facts={"ground": "36-2", "access": "当面领取"},
        on=today(),
        today=today(),
    )
    approval.draft_review(actor=cast.reviewer, draft=answer_draft, today=today())
    # 征求意见: one waiting for the third party's position, one it objected to.
    consulted = received_case(cast, "东湖路改造项目中标价格")
    consultation_send(
        actor=cast.clerk, application=consulted, on=today(), third_party="某公司", concerns="", today=today()
    )
    # A text message that failed (the 重新发送 form's case): on the 征求意见函's row, as a letter is needed.
    ApplicantNotice.objects.create(
        application=consulted,
        letter=consulted.letters.get(),
        channel="sms",
        address="13800000000",
        state="failed",
        error="号码不存在",
    )
    objected = received_case(cast, "东湖路改造项目工期")
    consultation_send(
        actor=cast.clerk, application=objected, on=today(), third_party="某公司", concerns="", today=today()
    )
    consultation_answer(
        actor=cast.clerk,
        application=objected,
        on=today(),
        position="object",
        reason="商业秘密",
        today=today(),
    )
    publication, _ = draft(cast)
    submitted, version = draft(cast, title="另一则公示", text="正文。")
    publishing_services.version_submit(actor=cast.clerk, version=version, today=today())
    entry = ledger_entry_add(
        actor=cast.clerk, body=cast.body, kind="training", on=today(), title="开展政务公开培训", today=today()
    )
    return {
        "ledger_year": today().year,
        "ledger_entry": entry.pk,
        "today": today().isoformat(),
        "later": (today() + timedelta(days=3)).isoformat(),
        "application": application.pk,
        "number": application.number,
        "appeal": appeal.pk,
        "overdue": overdue.pk,
        "urging": urging.pk,
        "draft_case": drafted.pk,
        "consulted": consulted.pk,
        "objected": objected.pk,
        "draft_number": drafted.number,
        "draft": answer_draft.pk,
        "publication": publication.pk,
        "submitted": submitted.pk,
        "column": install_catalogue(cast.body, cast.admin).get(code="dibao").pk,
        "clerk": cast.clerk.pk,
        "assignment": cast.body.assignments.get(user=cast.clerk, role="clerk").pk,
    }


def fill(value, world):
    """The world's ids in place of {name}; other braces (an index rule, JSON) stay as they are."""
    if not isinstance(value, str):
        return value
    return re.sub(r"\{(\w+)\}", lambda m: str(world.get(m[1], m[0])), value)


def send(client, cast, target: Target, world, **changes):
    if target.user:
        client.force_login(getattr(cast, target.user))
    data = {key: fill(value, world) for key, value in target.valid.items()} | changes
    url = fill(target.url, world)
    if target.api:
        return client.post(url, json.dumps(data), content_type="application/json")
    return client.post(url, data)


def row_counts() -> dict[str, int]:
    """Every table of ours, the audit log included: a refusal writes nothing anywhere."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("gongkai.") and not model._meta.proxy
    }


def assert_refused(response, target: Target, field: str, label: str, problem: str, before: dict):
    assert 400 <= response.status_code < 500, response.content.decode()[:500]
    content = response.content.decode()
    if target.api:
        body = response.json()
        errors = body.get("errors") or [{"field": "", "message": body.get("detail", "")}]
        assert any(e["field"] == field and problem in e["message"] for e in errors), body
    else:
        assert label in content and problem in content, content[-1500:]
    assert row_counts() == before


def poisoned(value: str, control: str) -> str:
    # In the middle: Django strips leading and trailing whitespace (and \x0b is whitespace).
    return f"{value[:1] or '甲'}{control}{value[1:] or '乙'}"


TEXT_CASES = [
    pytest.param(target, name, label, control, id=f"{target_id(target)}-{name}-{cname}")
    for target in TARGETS
    for name, label in target.text
    for cname, control in CONTROLS.items()
]
DATE_CASES = [
    pytest.param(target, name, label, day, id=f"{target_id(target)}-{name}-{day}")
    for target in TARGETS
    for name, label in target.dates
    for day in BAD_DATES
]


@pytest.mark.parametrize("target", TARGETS, ids=target_id)
def test_the_valid_payload_is_accepted(client, cast, world, target):
    """Otherwise a refusal below would prove nothing."""
    response = send(client, cast, target, world)
    assert response.status_code in target.ok, response.content.decode()[-1500:]


@pytest.mark.parametrize(("target", "field", "label", "control"), TEXT_CASES)
def test_control_characters_are_refused_naming_the_field(client, cast, world, target, field, label, control):
    value = str(fill(target.valid.get(field, ""), world))
    if field.endswith("data"):  # the calendar's JSON: the character escaped inside a string
        value = json.dumps(CALENDAR_2027 | {"notice": f"通{control}知"})
    else:
        value = poisoned(value, control)
    before = row_counts()
    response = send(client, cast, target, world, **{field: value})
    assert_refused(response, target, field, label, TEXT_PROBLEM, before)


@pytest.mark.parametrize(("target", "field", "label", "day"), DATE_CASES)
def test_implausible_dates_are_refused_naming_the_field(client, cast, world, target, field, label, day):
    before = row_counts()
    response = send(client, cast, target, world, **{field: day})
    assert_refused(response, target, field, label, DATE_PROBLEM, before)


# Guards: a new route, API operation or form cannot slip past the table.


def _route_names(resolver: URLResolver) -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "api-v1"):
                continue
            names |= _route_names(pattern)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_route_has_a_row_or_a_reason():
    covered = {t.route for t in TARGETS} | set(NOT_IN_TABLE)
    assert sorted(_route_names(get_resolver()) - covered) == []


def test_every_post_operation_of_the_api_has_a_row():
    schema = json.loads((Path(__file__).parents[1] / "docs" / "openapi.json").read_text())
    posts = {f"api:POST {path}" for path, operations in schema["paths"].items() if "post" in operations}
    assert posts and sorted(posts - {t.route for t in TARGETS}) == []


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_form_of_ours_checks_its_text():
    get_resolver().url_patterns  # noqa: B018 - imports every view, and with them every form
    ours = {c for c in _subclasses(forms.BaseForm) if c.__module__.startswith("gongkai.")}
    assert ours and sorted(c.__qualname__ for c in ours if not issubclass(c, SafeTextMixin)) == []


# NUL in the address: PostgreSQL refuses it in a lookup (DataError), so it must never get that far.
# These run on both databases; the `postgres` mark selects them for the PostgreSQL run.


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("user", "path"),
    [
        (None, "/status/%00/"),
        ("clerk", "/bodies/donghu/applications/?status=%00"),
        ("clerk", "/bodies/donghu/publishing/?column=%00&status=%00&kind=%00"),
        ("clerk", "/api/v1/bodies/donghu/applications?status=%00"),
        (None, "/open/search/?q=%1B"),
        (None, "/open/donghu/columns/guifanxing/?page=%00"),
    ],
)
def test_nul_in_the_path_or_query_string_is_a_400_in_chinese(client, cast, user, path):
    if user:
        client.force_login(getattr(cast, user))
    response = client.get(path)
    assert response.status_code == 400
    assert TEXT_PROBLEM in response.content.decode(response.charset or "utf-8")
    assert ("网址路径" if "?" not in path else "查询参数") in response.content.decode()


@pytest.mark.postgres
def test_nul_in_api_json_is_a_400_naming_the_field(client, cast):
    client.force_login(cast.clerk)
    before = row_counts()
    payload = {**APPLICANT, "channel": "in_person", "received_on": today().isoformat()}
    response = client.post(
        "/api/v1/bodies/donghu/applications",
        json.dumps(payload | {"applicant_name": "x\u0000y"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "applicant_name", "message": "含有不可见的控制字符（第2个字符），请删除后重新提交"}
    ]
    assert row_counts() == before


# The Host header: refused before authentication, so the error page has no user to read.


def test_an_invalid_host_header_is_a_plain_400_with_debug_off(client, settings):
    settings.DEBUG = False
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


# Imports: a figures file with a control character is refused as a whole.


def test_a_figures_file_with_control_characters_stores_nothing(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.clerk)
    before = row_counts()
    data = "项目,数值\n规\x01章,3\n".encode()
    response = client.post(
        "/bodies/donghu/annual/2025/figures/import/", {"file": SimpleUploadedFile("figures.csv", data)}
    )
    assert response.status_code == 400
    assert row_counts() == before


# Text stored before the rule (older data, or written past the forms) still renders.


def test_a_case_stored_with_control_characters_still_gets_its_letters(cast, weasyprint_available):
    import io

    import pdfplumber
    from docx import Document

    from gongkai.applications import handling
    from gongkai.applications.models import Application

    application = application_services.application_register(
        actor=cast.clerk,
        body=cast.body,
        channel="in_person",
        received_on=today() - timedelta(days=1),
        applicant=person(),
        information_requested="低保名单",
        form_wanted="纸质",
        today=today(),
    )
    Application.objects.filter(pk=application.pk).update(
        applicant_name="张\x01三", information_requested="低保\x0b名单\x1b"
    )
    application.refresh_from_db()
    notice = handling.supplement_request(
        actor=cast.clerk,
        application=application,
        on=today(),
        missing="身份\x01证明",
        working_days=15,
        today=today(),
    )
    handling.supplement_receive(actor=cast.clerk, application=application, on=today(), today=today())
    answer = handling.application_decide(
        actor=cast.clerk,
        application=application,
        outcome_code="granted",
        on=today(),
        access="当面领取",
        today=today(),
    )
    texts = {}
    for letter in (notice, answer):
        with letter.docx.open("rb") as handle:
            texts[letter.pk] = "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)
        assert "张三：" in texts[letter.pk]
        with letter.pdf.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
            assert "张三" in "".join(page.extract_text() for page in pdf.pages)
    assert "身份证明" in texts[notice.pk]


def test_a_report_stored_with_control_characters_still_renders(weasyprint_available):
    from gongkai.documents import report_tables as rt

    parts = [rt.Part("一、总体情况", "本年度\x01共受理申请\x0b3件。")]
    assert rt.render_docx(parts, "年度\x1b报告", ("东湖街道", "2026年1月20日"))
    assert rt.render_pdf(parts, "年度\x1b报告").startswith(b"%PDF")
