"""A realistic 2025 工作台账 for each demo body, entered through the ledger service by its 经办人, so
that the demo's annual reports have a 总体情况 drawn from records like a real office's.

The entries differ from body to body (topics, dates, attendance, which points of the year's
工作要点 they carried out), as real offices' do; meetings carry their minutes as a DOCX.
"""

from __future__ import annotations

import io
from datetime import date

from gongkai.annual.ledger import ledger_entry_add
from gongkai.annual.models import LedgerKind
from gongkai.annual.narrative import GOVERNMENT_LEVELS

YEAR = 2025

# (month, what, content): a meeting's subject belongs to its time of the year.
MEETINGS = [
    (3, "召开政务公开工作领导小组会议", "研究部署本年度政务公开重点任务，调整充实领导小组成员"),
    (5, "召开政务公开工作推进会", "逐项对照工作要点检查落实进度，明确责任科室和完成时限"),
    (7, "召开领导小组专题会议", "听取上半年政务公开工作情况汇报，部署下半年依申请公开规范化工作"),
    (12, "召开领导小组年终会议", "审议本年度政务公开工作总结，研究年度报告编制"),
]
TRAININGS = [
    ("举办《政府信息公开条例》专题培训", "邀请区司法局业务骨干讲解依申请公开办理流程和答复文书规范"),
    ("开展保密审查和个人信息保护培训", "结合发布前敏感信息检查中发现的身份证号、手机号案例进行讲解"),
    ("组织政务新媒体内容管理培训", "讲解信息发布审核、错敏字词检查和留言回复要求"),
    ("参加区政务公开办组织的年报编制培训", "学习年度报告格式要求和常见问题"),
    ("开展新入职人员政务公开业务培训", "介绍公开目录、索引号编制和信息发布流程"),
]
WORK_POINTS = [
    ("落实优化营商环境要求", "集中公开涉企政策文件，在专栏设置政策问答"),
    ("推进基层政务公开标准化规范化", "对照标准目录逐项梳理公开事项，更新事项清单"),
    ("做好重大行政决策公众参与", "对涉及群众切身利益的决策事项公开征求意见并反馈采纳情况"),
    ("加强政策解读", "对本机关制发的规范性文件同步发布图文解读"),
    ("深化民生领域信息公开", "按月公开救助资金发放情况，及时更新办事指南"),
    ("推进决策和执行结果公开", "公开重点工作推进情况和年度目标完成情况"),
]
MANAGEMENT = [
    ("开展规范性文件清理", "对现行有效的规范性文件逐件评估，对不再适用的文件提出废止建议"),
    ("完善信息发布审查制度", "明确拟公开信息由经办科室初审、保密审查员复审、负责人签发"),
    ("开展历史信息核查", "对公开目录中的历史信息逐条核对有效性，标注已失效文件"),
]
PLATFORMS = [
    ("优化政府信息公开专栏", "调整栏目设置，统一信息发布日期和索引号的显示"),
    ("做好政务微信公众号运营", "全年推送政策解读、办事提醒等信息，及时回应群众留言"),
    ("在政务服务大厅设置政务公开专区", "配备查阅终端，方便群众现场查阅政府信息和办事指南"),
    ("开展政府网站常态化检查", "每周检查错链、断链和空白栏目，发现问题当日整改"),
]
INSPECTIONS = [
    ("接受区政务公开办季度检查", "检查发现栏目更新不及时等问题，已逐项整改"),
    ("开展政务公开工作自查", "对照考核指标逐项自查，形成自查报告"),
    ("组织对所属单位政务公开工作考核", "考核结果纳入年度绩效考核"),
]
EVALUATIONS = [
    ("开展政务公开社会评议", "在政务服务大厅和网站发放评议问卷，收集群众意见建议"),
    ("邀请群众代表参与政务公开评议", "听取对公开内容和办事指南的意见，逐条反馈处理情况"),
]
ACCOUNTABILITY = ("经自查，本年度未发生因政府信息公开工作被追究责任的情况", "")
PROPOSALS = [
    ("公开人大代表建议和政协委员提案办理结果", "承办的建议、提案均已按期办结，办理复文在专栏公开"),
    ("经核查，本年度未承办人大代表建议和政协委员提案", ""),
]
IMPROVEMENTS = [
    ("建立答复期限提醒机制", "对临近答复期限的申请提前五个工作日提醒经办人和负责人"),
    ("明确定期更新栏目的责任人", "每月初检查上月信息是否已按期更新，未更新的当日督促"),
    ("加强业务培训和案例学习", "每季度组织一次依申请公开疑难案例分析"),
    ("完善年度报告编制流程", "年报数据从办理记录自动生成，发布前逐项核对"),
]


def _minutes(body_name: str, title: str, on: date) -> bytes:
    """A short 会议纪要 as a real DOCX, attached to the meeting's entry."""
    from docx import Document

    document = Document()
    document.add_heading(f"{body_name}{title}纪要", level=1)
    document.add_paragraph(
        f"{on.year}年{on.month}月{on.day}日，{body_name}{title}。会议议定事项由各责任科室抓好落实。"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pick(pool: list, share: int, count: int) -> list:
    return [pool[(share + i) % len(pool)] for i in range(count)]


def load_demo_ledger(*, body, clerk, share: int, level: str, body_name: str, today: date) -> int:
    """The body's 2025 entries; `share` (the body's place in the demo) varies them. Returns how many."""
    entries: list[tuple[str, date, tuple[str, str], int | None, bool]] = []
    for month, *item in sorted(_pick(MEETINGS, share, 2 + share % 2)):
        entries.append(
            (LedgerKind.LEADING_GROUP, date(YEAR, month, 10 + share), tuple(item), 8 + share, True)
        )
    for i, item in enumerate(_pick(TRAININGS, share, 2 + (share + 1) % 2)):
        entries.append(
            (LedgerKind.TRAINING, date(YEAR, 4 + 3 * i, 15 + share), item, 20 + 7 * share + 5 * i, False)
        )
    for i, item in enumerate(_pick(WORK_POINTS, share, 3)):
        entries.append((LedgerKind.WORK_POINTS, date(YEAR, 2 + 3 * i, 20), item, None, False))
    entries.append(
        (LedgerKind.INFORMATION_MANAGEMENT, date(YEAR, 6, 5 + share), MANAGEMENT[share % 3], None, False)
    )
    for i, item in enumerate(_pick(PLATFORMS, share, 2)):
        entries.append((LedgerKind.PLATFORM, date(YEAR, 5 + 4 * i, 8 + share), item, None, False))
    entries.append((LedgerKind.INSPECTION, date(YEAR, 9, 12 + share), INSPECTIONS[share % 3], None, False))
    if level in GOVERNMENT_LEVELS:
        entries.append(
            (LedgerKind.EVALUATION, date(YEAR, 11, 6 + share), EVALUATIONS[share % 2], None, False)
        )
        entries.append((LedgerKind.ACCOUNTABILITY, date(YEAR, 12, 26), ACCOUNTABILITY, None, False))
    entries.append((LedgerKind.PROPOSALS, date(YEAR, 10, 20 + share), PROPOSALS[share % 2], None, False))
    for i, item in enumerate(_pick(IMPROVEMENTS, share, 2)):
        entries.append((LedgerKind.IMPROVEMENT, date(YEAR, 12, 15 + i), item, None, False))
    for kind, on, (title, detail), attendees, minutes in entries:
        files = [(f"{title}纪要.docx", _minutes(body_name, title, on))] if minutes else []
        ledger_entry_add(
            actor=clerk,
            body=body,
            kind=kind,
            on=on,
            title=title,
            detail=detail,
            attendees=attendees,
            files=files,
            today=today,
        )
    return len(entries)
