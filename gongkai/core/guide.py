"""What the 政府信息公开指南 must say (条例第十二条), as data the portal and documents render.

The 指南 covers the classification and arrangement of the body's information, how to obtain it
(proactive disclosure and applications, with deadlines and fees), and the disclosure office's
name, address, hours, telephone, fax and internet contact. Statutory texts are summarised in the
body's own voice; article numbers refer to the 2019 Regulation.
"""

from __future__ import annotations

from dataclasses import dataclass

# 条例第二十条: the 15 kinds of information every body must publish proactively (statute.md §3.3).
ARTICLE_20_ITEMS = (
    "行政法规、规章和规范性文件",
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "国民经济和社会发展统计信息",
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "财政预算、决算信息",
    "行政事业性收费项目及其依据、标准",
    "政府集中采购项目的目录、标准及实施情况",
    "重大建设项目的批准和实施情况",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "突发公共事件的应急预案、预警信息及应对情况",
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
)

# 条例第二十一条: the further items for township governments (and, by practice, 街道办事处).
ARTICLE_21_TOWNSHIP_ITEMS = (
    "贯彻落实农业农村政策措施的情况",
    "农田水利工程建设运营情况",
    "农村土地承包经营权流转情况",
    "宅基地使用情况审核",
    "土地征收、房屋征收情况",
    "筹资筹劳情况",
    "社会救助款物管理、使用和分配情况",
)
ARTICLE_21_COUNTY_ITEMS = (
    "市政建设、公共服务、公益事业情况",
    "土地征收、房屋征收、治安管理、社会救助等方面的政府信息",
)


@dataclass(frozen=True)
class GuideSection:
    heading: str
    paragraphs: tuple[str, ...]
    items: tuple[str, ...] = ()


def proactive_items(level: str) -> tuple[str, ...]:
    """The proactive-disclosure items for a body of the given level (bodies.Level values)."""
    if level == "township":
        return ARTICLE_20_ITEMS + ARTICLE_21_TOWNSHIP_ITEMS
    if level in ("county", "city"):
        return ARTICLE_20_ITEMS + ARTICLE_21_COUNTY_ITEMS
    return ARTICLE_20_ITEMS


def guide_sections(
    *, body_name: str, level: str, office: dict[str, str], supervisor_name: str
) -> list[GuideSection]:
    contact = tuple(
        f"{label}：{office[key]}"
        for key, label in (
            ("office_name", "工作机构"),
            ("office_address", "办公地址"),
            ("office_hours", "办公时间"),
            ("office_phone", "联系电话"),
            ("office_fax", "传真"),
            ("office_email", "电子邮箱"),
            ("office_web", "网址"),
        )
        if office.get(key)
    )
    return [
        GuideSection(
            "一、主动公开",
            (
                f"{body_name}依照《中华人民共和国政府信息公开条例》第十九条至第二十一条主动公开下列政府信息，"
                "按政府信息公开目录分类编排，每条信息标明索引号、名称、内容概述和生成日期（第十二条）：",
                "属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开（第二十六条），"
                "通过政府网站、政府信息公开专栏和政府信息查阅场所等途径公开（第二十三条、第二十四条）。",
            ),
            proactive_items(level),
        ),
        GuideSection(
            "二、依申请公开",
            (
                "公民、法人或者其他组织可以向本机关申请获取主动公开以外的政府信息（第二十七条）。",
                "申请应当采用书面形式，包括信件、数据电文等；可以当面提交、邮寄、传真或者在线提交。"
                "采用书面形式确有困难的，可以口头提出，由工作人员代为填写申请（第二十九条）。",
                "申请应当包括：申请人的姓名或者名称、身份证明、联系方式；所需政府信息的名称、文号或者便于查询的其他特征性描述；"
                "获取信息的方式、途径（第二十九条）。申请内容不明确的，本机关自收到申请之日起7个工作日内一次性告知补正（第三十条）。",
                "能够当场答复的，当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意"
                "并告知申请人，延长期限不超过20个工作日。征求第三方和其他机关意见所需时间不计算在内（第三十三条）。",
                "提供政府信息不收取费用。申请数量、频次明显超过合理范围的，可以依照《政府信息公开信息处理费管理办法》"
                "（国办函〔2020〕109号）收取信息处理费（第四十二条）。",
            ),
            contact,
        ),
        GuideSection(
            "三、监督和救济",
            (
                f"认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者{supervisor_name}投诉、举报，"
                "也可以依法申请行政复议或者提起行政诉讼（第五十一条）。",
            ),
        ),
    ]
