"""Realistic published items for tests and the benchmark: the one maker of published items.

publish() drafts an item through gongkai.publishing.services.publication_create (its 索引号 from the
body's rule and serial, the checks of a real draft, the audit entry), then skips the review steps
(review, secrecy check, signing) on purpose and stores the version as if it had been signed on the
spec's date, so that what reads published items (the portal, the search, the statistics and the
annual report) can be tested on its own. The review path itself is tested in gongkai.publishing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import EllipsisType
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.publishing.models import Attachment, CatalogueNode, Publication, PublicationVersion
from gongkai.publishing.search import index_publication
from gongkai.publishing.services import catalogue_install_default, publication_create

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def ensure_catalogue(*, actor: User, body: Body) -> dict[str, CatalogueNode]:
    """The body's columns by code, installing the default 目录 when it has none."""
    if not CatalogueNode.objects.filter(body=body).exists():
        catalogue_install_default(actor=actor, body=body, today=timezone.localdate())
    return {node.code: node for node in CatalogueNode.objects.filter(body=body)}


def body_name(body: Body, *, short: bool = False) -> str:
    version = body.versions.first()
    if version is None:
        return body.code
    return (version.short_name or version.name) if short else version.name


@dataclass
class ItemSpec:
    column: str
    title: str
    text: str = ""
    kind: str = "other"
    published_on: date = date(2026, 6, 1)
    # 成文日期, also the date the information was formed; ... = three days before publication.
    written_on: date | None | EllipsisType = ...
    doc_number: str = ""
    topic: str = "综合政务"
    repealed_on: date | None = None
    repeal_note: str = ""
    interprets: Publication | None = None
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (name, extracted text)


def publish(*, actor: User, body: Body, spec: ItemSpec, draft_only: bool = False) -> Publication:
    """One item with its first version published (or, with draft_only, a draft nobody published).

    The actor must be allowed to draft for the body (a 经办人, or a superuser)."""
    columns = ensure_catalogue(actor=actor, body=body)
    column = columns.get(spec.column) or columns["shebao"]  # 乡镇 columns are missing in departments
    written_on = spec.published_on - timedelta(days=3) if spec.written_on is ... else spec.written_on
    formed_on = written_on or spec.published_on
    publication = publication_create(
        actor=actor,
        body=body,
        column=column,
        kind=spec.kind,
        details={
            "title": spec.title,
            "issuer": body_name(body),
            "doc_number": spec.doc_number,
            "written_on": written_on,
            "formed_on": formed_on,
            "topic": spec.topic,
            "text": spec.text,
        },
        today=max(timezone.localdate(), formed_on),
    )
    version = publication.versions.get()
    for position, (name, text) in enumerate(spec.attachments):
        add_attachment(version, name=name, text=text, position=position)
    signed = {} if draft_only else {"published_version": version, "first_published_on": spec.published_on}
    if not draft_only:  # as if reviewed, cleared and signed on the day (nothing to mask)
        PublicationVersion.objects.filter(pk=version.pk).update(
            status="published", published_on=spec.published_on, published_text=spec.text
        )
    Publication.objects.filter(pk=publication.pk).update(
        interprets=spec.interprets, repealed_on=spec.repealed_on, repeal_note=spec.repeal_note, **signed
    )
    publication.refresh_from_db()
    index_publication(publication)
    return publication


def add_attachment(version: PublicationVersion, *, name: str, text: str, position: int = 0) -> Attachment:
    attachment = Attachment(version=version, name=name, file_type="pdf", size=len(text.encode()), text=text)
    attachment.position = position
    attachment.original.save(name, ContentFile(b"%PDF-1.4 original " + text.encode()), save=False)
    attachment.published.save(name, ContentFile(b"%PDF-1.4 published " + text.encode()), save=False)
    attachment.save()
    return attachment


def new_draft(*, actor: User, publication: Publication, title: str, text: str) -> PublicationVersion:
    """A later version still in drafting: staff see it, the public keeps the published one."""
    base = publication.versions.order_by("-number").first()
    version = PublicationVersion.objects.create(
        publication=publication,
        number=base.number + 1,
        title=title,
        issuer=base.issuer,
        formed_on=base.formed_on,
        text=text,
        created_by=actor,
    )
    index_publication(publication)
    return version


# ---- generated items ----

SUBJECTS = (
    "特困人员救助供养",
    "高龄津贴发放",
    "残疾人两项补贴",
    "老旧小区改造",
    "垃圾分类",
    "防汛防台应急",
    "安全生产检查",
    "农村宅基地管理",
    "耕地保护",
    "社区工作者招聘",
    "文明城市创建",
    "燃气安全隐患排查",
    "退役军人优待",
)
PROCUREMENTS = ("办公设备", "物业管理服务", "道路保洁服务", "河道保洁服务", "绿化养护", "信息化运维")
QUARTERS = ("一", "二", "三", "四")


def _normative(rng: random.Random, place: str, short: str, year: int) -> ItemSpec:
    subject = rng.choice(SUBJECTS)
    number = rng.randint(1, 60)
    return ItemSpec(
        column="guifanxing",
        kind="normative",
        title=f"关于印发《{place}{subject}实施细则》的通知",
        doc_number=f"{short}发〔{year}〕{number}号",
        topic="民政、扶贫、救灾",
        text=(
            f"各社区居委会、各有关单位：现将《{place}{subject}实施细则》印发给你们，请认真贯彻执行。"
            f"本细则自{year}年{rng.randint(1, 12)}月1日起施行，由{place}负责解释。"
        ),
    )


def _dibao(rng: random.Random, place: str, short: str, year: int) -> ItemSpec:
    quarter = rng.choice(QUARTERS)
    households = rng.randint(80, 400)
    return ItemSpec(
        column="dibao",
        title=f"{year}年第{quarter}季度低保资金发放情况公示",
        topic="民政、扶贫、救灾",
        text=(
            f"根据城乡居民最低生活保障有关规定，现将{place}{year}年第{quarter}季度低保资金发放情况公示如下："
            f"本季度共保障{households}户，发放保障金{households * 1.2:.1f}万元。公示期七天，如有异议请来电反映。"
        ),
    )


def _budget(rng: random.Random, place: str, short: str, year: int) -> ItemSpec:
    kind = rng.choice(("部门预算", "部门决算", "“三公”经费预算"))
    return ItemSpec(
        column="yujuesuan",
        title=f"{place}{year}年{kind}",
        topic="财政、金融、审计",
        text=f"{place}{year}年{kind}公开说明，包括收支总表、财政拨款收支表和一般公共预算支出表。",
        attachments=[(f"{year}年{kind}公开表.pdf", f"{kind}收支总表 一般公共预算财政拨款支出")],
    )


def _procurement(rng: random.Random, place: str, short: str, year: int) -> ItemSpec:
    item = rng.choice(PROCUREMENTS)
    return ItemSpec(
        column="caigou",
        title=f"{place}{year}年{rng.randint(1, 12)}月政府采购意向公开（{item}）",
        topic="财政、金融、审计",
        text=f"为便于供应商及时了解政府采购信息，现将{item}项目采购意向公开如下，预算金额{rng.randint(5, 300)}万元。",
    )


def _relief(rng: random.Random, place: str, short: str, year: int) -> ItemSpec:
    quarter = rng.choice(QUARTERS)
    return ItemSpec(
        column="jiuzhu",
        title=f"{year}年第{quarter}季度临时救助款物发放情况",
        topic="民政、扶贫、救灾",
        text=f"{place}{year}年第{quarter}季度共实施临时救助{rng.randint(5, 60)}人次，救助款物均已发放到位。",
    )


def _recruitment(rng: random.Random, place: str, short: str, year: int) -> ItemSpec:
    return ItemSpec(
        column="zhaokao",
        title=f"{place}{year}年公开招聘社区工作者公告",
        topic="劳动、人事、监察",
        text=f"因工作需要，{place}面向社会公开招聘社区工作者{rng.randint(5, 30)}名，报名时间为公告发布之日起七日内。",
    )


def _meeting(rng: random.Random, place: str, short: str, year: int) -> ItemSpec:
    subject = rng.choice(SUBJECTS)
    return ItemSpec(
        column="qitafading",
        title=f"{place}召开{subject}工作推进会",
        text=f"会议通报了{year}年{subject}工作进展，部署下一阶段重点任务，要求各部门压实责任、抓好落实。",
    )


def _plan(rng: random.Random, place: str, short: str, year: int) -> ItemSpec:
    subject = rng.choice(SUBJECTS)
    return ItemSpec(
        column="guihuajihua",
        title=f"{place}{year}年{subject}工作计划",
        text=f"为做好{year}年{subject}工作，结合实际制定本计划，明确目标任务、时间节点和保障措施。",
    )


def _penalty(rng: random.Random, place: str, short: str, year: int) -> ItemSpec:
    number = rng.randint(1, 300)
    return ItemSpec(
        column="chufa",
        title=f"{place}行政处罚决定书（{short}罚〔{year}〕{number}号）",
        doc_number=f"{short}罚〔{year}〕{number}号",
        topic="市场监管、安全生产监管",
        text=f"当事人违反有关规定，依法作出罚款{rng.randint(1, 50)}千元的行政处罚。当事人如不服，可依法申请行政复议。",
    )


GENERATORS = (_normative, _dibao, _budget, _procurement, _relief, _recruitment, _meeting, _plan, _penalty)


def generated_spec(rng: random.Random, place: str) -> ItemSpec:
    """One realistic item of a body whose short name is `place`."""
    short = place[:2]
    year = rng.choice((2024, 2025, 2026))
    spec = rng.choice(GENERATORS)(rng, place, short, year)
    spec.published_on = date(year, rng.randint(1, 11), rng.randint(1, 28))
    if spec.kind == "normative" and rng.random() < 0.2:
        spec.repealed_on = spec.published_on + timedelta(days=300)
        spec.repeal_note = "已被新的实施细则替代"
    return spec


def generate_items(*, actor: User, bodies: list[Body], count: int, seed: int = 2026) -> list[Publication]:
    """`count` published items spread over the bodies, the same ones for the same seed."""
    rng = random.Random(seed)
    places = [body_name(body, short=True) for body in bodies]
    return [
        publish(actor=actor, body=bodies[i % len(bodies)], spec=generated_spec(rng, places[i % len(bodies)]))
        for i in range(count)
    ]
