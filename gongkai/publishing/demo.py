"""Demo items of proactive disclosure: every demo body gets the default 目录 and a year and a half of
realistic items (normative documents with interpretations, a repealed one, 低保 lists, budgets,
procurement notices), plus one draft with a sensitive hit waiting for the 审核人.

Everything goes through the services, dated on the day it would have happened, so statuses,
deadlines, the audit log and the published copies are consistent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.bodies.demo import BODIES
from gongkai.bodies.models import Body, Level
from gongkai.core.identity import id_check_character
from gongkai.publishing import services
from gongkai.publishing.models import CatalogueNode, Publication


@dataclass(frozen=True)
class DemoItem:
    key: str
    column: str
    kind: str
    title: str  # {name} = the body's name
    formed_on: date
    published_on: date
    text: str
    doc_number: str = ""
    topic: str = "综合政务"
    interprets: str = ""  # the key of the document a 政策解读 interprets


def _items(short: str) -> list[DemoItem]:
    return [
        DemoItem(
            "rules-a",
            "guifanxing",
            "normative",
            "{name}城乡居民最低生活保障审核确认办法",
            date(2025, 3, 3),
            date(2025, 3, 20),
            "第一条 为规范最低生活保障审核确认工作，根据《社会救助暂行办法》，制定本办法。\n"
            "第二条 本办法适用于本辖区城乡居民最低生活保障的申请、审核和确认。",
            f"{short}规〔2025〕1号",
            "民政、扶贫、救灾",
        ),
        DemoItem(
            "reading-a",
            "jiedu",
            "interpretation",
            "《{name}城乡居民最低生活保障审核确认办法》政策解读",
            date(2025, 3, 20),
            date(2025, 3, 24),
            "一、制定背景\n二、主要内容：明确申请条件、审核程序和公示要求。\n三、施行时间：自发布之日起施行。",
            topic="民政、扶贫、救灾",
            interprets="rules-a",
        ),
        DemoItem(
            "rules-b",
            "guifanxing",
            "normative",
            "{name}临时救助实施细则",
            date(2025, 6, 9),
            date(2025, 6, 27),
            "第一条 为及时解决群众遭遇的突发性、紧迫性、临时性基本生活困难，制定本细则。",
            f"{short}规〔2025〕2号",
            "民政、扶贫、救灾",
        ),
        DemoItem(
            "reading-b",
            "jiedu",
            "interpretation",
            "图解：{name}临时救助实施细则",
            date(2025, 6, 27),
            date(2025, 7, 1),
            "临时救助的对象、标准和办理流程一图读懂。",
            topic="民政、扶贫、救灾",
            interprets="rules-b",
        ),
        DemoItem(
            "rules-c",
            "guifanxing",
            "normative",
            "{name}老旧小区改造居民议事规则",
            date(2026, 2, 2),
            date(2026, 3, 16),  # published late: formed in February, out in the middle of March
            "第一条 为推动老旧小区改造中的居民协商，保障居民的知情权、参与权，制定本规则。",
            f"{short}规〔2026〕1号",
            "城乡建设、环境保护",
        ),
        DemoItem(
            "budget-2025",
            "yujuesuan",
            "other",
            "{name}2025年部门预算",
            date(2025, 2, 10),
            date(2025, 2, 24),
            "一、部门职责及机构设置情况\n二、收支预算总表\n三、一般公共预算“三公”经费支出情况说明",
            topic="财政、金融、审计",
        ),
        DemoItem(
            "budget-2026",
            "yujuesuan",
            "other",
            "{name}2026年部门预算",
            date(2026, 2, 9),
            date(2026, 2, 25),
            "一、部门职责及机构设置情况\n二、收支预算总表\n三、一般公共预算“三公”经费支出情况说明",
            topic="财政、金融、审计",
        ),
        DemoItem(
            "procurement-2025",
            "caigou",
            "other",
            "{name}办公设备采购项目公开招标公告",
            date(2025, 9, 1),
            date(2025, 9, 5),
            "项目编号：SFQ-2025-0912\n采购需求：台式计算机40台、打印机10台\n预算金额：36万元",
            topic="财政、金融、审计",
        ),
        DemoItem(
            "procurement-2026",
            "caigou",
            "other",
            "{name}物业管理服务采购项目中标结果公告",
            date(2026, 4, 13),
            date(2026, 4, 17),
            "项目编号：SFQ-2026-0415\n中标供应商：示范区某物业服务有限公司\n中标金额：每年48.6万元",
            topic="财政、金融、审计",
        ),
    ]


def _monthly_lists(today: date) -> list[DemoItem]:
    """低保 lists of the six months before this one, each published early the next month."""
    items = []
    first = today.replace(day=1)
    for back in range(6, 0, -1):
        month_start = (first - timedelta(days=28 * back)).replace(day=1)
        published = (month_start + timedelta(days=35)).replace(day=8)
        if published > today:
            continue
        items.append(
            DemoItem(
                f"dibao-{month_start:%Y-%m}",
                "dibao",
                "other",
                f"{{name}}{month_start.year}年{month_start.month}月城乡低保资金发放情况公示",
                published - timedelta(days=5),
                published,
                f"{month_start.year}年{month_start.month}月共发放城乡低保资金，保障对象名单见附件（已隐去个人身份信息）。",
                topic="民政、扶贫、救灾",
            )
        )
    return items


def _people(body: Body) -> dict[str, object]:
    users = get_user_model().objects.filter(username__startswith=f"{body.code}-")
    by_suffix = {u.username.removeprefix(f"{body.code}-"): u for u in users}
    return {
        "clerk": by_suffix["jb"],
        "reviewer": by_suffix["sh"],
        "secrecy": by_suffix["bm"],
        "head": by_suffix["fz"],
    }


def _publish(body: Body, people, item: DemoItem, name: str) -> Publication:
    column = CatalogueNode.objects.get(body=body, code=item.column)
    publication = services.publication_create(
        actor=people["clerk"],
        body=body,
        column=column,
        kind=item.kind,
        details={
            "title": item.title.format(name=name),
            "issuer": name,
            "doc_number": item.doc_number,
            "written_on": item.formed_on,
            "formed_on": item.formed_on,
            "topic": item.topic,
            "text": item.text,
        },
        today=item.formed_on,
    )
    version = publication.versions.get()
    on = item.published_on
    services.version_submit(actor=people["clerk"], version=version, today=on)
    services.version_review(actor=people["reviewer"], version=version, today=on)
    services.version_secrecy_clear(actor=people["secrecy"], version=version, today=on)
    services.version_sign(actor=people["head"], version=version, today=on)
    return publication


def demo_resident_id(serial: int) -> str:
    first = f"44030519800101{serial:03d}"
    return first + id_check_character(first)


def _draft_with_a_hit(body: Body, people, name: str, today: date, serial: int) -> None:
    """A 低保 review note naming an applicant's ID number: submitted, the hit waits for the 审核人."""
    publication = services.publication_create(
        actor=people["clerk"],
        body=body,
        column=CatalogueNode.objects.get(body=body, code="dibao"),
        kind="other",
        details={
            "title": f"{name}低保新增对象审核结果公示",
            "issuer": name,
            "formed_on": today - timedelta(days=3),
            "topic": "民政、扶贫、救灾",
            "text": f"经入户调查和民主评议，以下对象拟纳入低保：\n赵六（身份证号码{demo_resident_id(serial)}），家庭人口3人。",
        },
        today=today,
    )
    services.version_submit(actor=people["clerk"], version=publication.versions.get(), today=today)


def _load_body(body: Body, short: str, level: str, today: date, serial: int) -> int:
    name = body.versions.first().name
    people = _people(body)
    items = _items(short) + (_monthly_lists(today) if level == Level.TOWNSHIP else [])
    made: dict[str, Publication] = {}
    for item in sorted((i for i in items if i.published_on <= today), key=lambda i: i.published_on):
        made[item.key] = _publish(body, people, item, name)
        if item.interprets in made:
            services.publication_link_interpretation(
                actor=people["clerk"],
                interpretation=made[item.key],
                document=made[item.interprets],
                today=today,
            )
    correction, repeal = date(2026, 3, 2), date(2026, 5, 1)
    if "budget-2026" in made and correction <= today:
        _correct(made["budget-2026"], people, correction)
    if "rules-b" in made and repeal <= today:
        services.publication_repeal(
            actor=people["head"],
            publication=made["rules-b"],
            repealed_on=repeal,
            basis=f"《关于废止部分规范性文件的决定》（{short}规〔2026〕2号）",
            today=repeal,
        )
    _draft_with_a_hit(body, people, name, today, serial)
    return len(made) + 1


def _correct(publication: Publication, people, on: date) -> None:
    """A later change: a second version of the 2026 budget with a corrected table, reviewed afresh."""
    version = services.publication_new_version(
        actor=people["clerk"],
        publication=publication,
        change_note="更正收支预算总表中的合计数",
        formed_on=on,
        today=on,
    )
    services.version_edit(
        actor=people["clerk"],
        version=version,
        changes={"text": version.text + "\n（2026年3月2日更正）"},
        today=on,
    )
    services.version_submit(actor=people["clerk"], version=version, today=on)
    services.version_review(actor=people["reviewer"], version=version, today=on)
    services.version_secrecy_clear(actor=people["secrecy"], version=version, today=on)
    services.version_sign(actor=people["head"], version=version, today=on)


def load_demo_publications(today: date | None = None) -> int:
    """Load the items once per body; return how many were created."""
    today = today or timezone.localdate()
    created = 0
    for serial, spec in enumerate(BODIES, start=1):
        body = Body.objects.get(code=spec.code)
        if Publication.objects.filter(body=body).exists():
            continue
        if not CatalogueNode.objects.filter(body=body).exists():
            admin = get_user_model().objects.get(username=f"{body.code}-gl")
            services.catalogue_install_default(actor=admin, body=body, today=today)
        created += _load_body(body, spec.short_name, spec.level, today, serial)
    return created
