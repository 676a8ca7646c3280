"""The grounds of an answer (答复书) and the legal wording each one must carry.

One outcome (the table-2 row, core.outcomes) can rest on different grounds that the letter must
state differently: 36(四) and 36(五) are both 本机关不掌握 in the report but are told apart in the
letter; 36(六) says 不予重复处理; a 信访/举报/投诉 request is told its proper channel (第三十九条).
Each ground names its outcome, its citation and the locked wording, with the facts the 经办人 must
fill in (the placeholders of `wording`). A body's 管理员 may add a paragraph and change the
closing of a letter, never these parts (applications.letter_texts composes them).
"""

from __future__ import annotations

from dataclasses import dataclass

REGULATION = "《中华人民共和国政府信息公开条例》"

# What the 经办人 fills in, by placeholder: the form's label, named in the error when it is missing.
FACTS = {
    "access": "获取信息的方式、途径和时间",
    "withheld": "不予公开的内容",
    "reason": "理由及说明",
    # 第三十五条: what the applicant said when asked (filled from the case's 说明理由 record)
    "art35_reply": "申请人说明理由的情况",
}


@dataclass(frozen=True)
class Ground:
    code: str
    outcome_code: str  # the table-2 row (core.outcomes)
    label: str  # shown in the decision form
    article: str  # e.g. 第三十六条第（四）项
    wording: str  # the locked paragraph, with {access} {withheld} {reason} placeholders
    needs: tuple[str, ...] = ()
    instrument: str = REGULATION

    @property
    def citation(self) -> str:
        return f"{self.instrument}{self.article}" if self.article else ""

    def missing(self, facts: dict[str, str]) -> list[str]:
        """The Chinese labels of the facts this ground needs and does not have."""
        return [FACTS[name] for name in self.needs if not (facts.get(name) or "").strip()]

    def paragraph(self, facts: dict[str, str]) -> str:
        values = {name: (facts.get(name) or "").strip().rstrip("。") for name in FACTS}
        return self.wording.format(**values)


def _withheld(code: str, outcome_code: str, label: str, article: str, why: str) -> Ground:
    return Ground(
        code,
        outcome_code,
        f"不予公开：{label}（第三十六条第（三）项、{article}）",
        f"第三十六条第（三）项、{article}",
        f"经审查，您申请获取的政府信息{why}。根据{REGULATION}{article}和第三十六条第（三）项的规定，"
        "本机关决定不予公开。理由：{reason}。",
        ("reason",),
    )


GROUNDS: tuple[Ground, ...] = (
    Ground(
        "36-1",
        "granted",
        "已经主动公开，告知获取方式（第三十六条第（一）项）",
        "第三十六条第（一）项",
        "经查，您申请获取的政府信息已经主动公开。根据"
        + REGULATION
        + "第三十六条第（一）项的规定，现告知您获取该政府信息的方式、途径：{access}。",
        ("access",),
    ),
    Ground(
        "36-2",
        "granted",
        "予以公开（第三十六条第（二）项）",
        "第三十六条第（二）项",
        "经审查，您申请获取的政府信息属于可以公开的政府信息。根据"
        + REGULATION
        + "第三十六条第（二）项的规定，本机关予以公开。获取该政府信息的方式、途径和时间：{access}。",
        ("access",),
    ),
    Ground(
        "37",
        "partial",
        "部分公开（第三十七条）",
        "第三十七条",
        "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据"
        + REGULATION
        + "第三十七条的规定，本机关向您提供可以公开的信息内容，获取的方式、途径和时间：{access}。"
        "不予公开的内容：{withheld}。不予公开的理由：{reason}。",
        ("access", "withheld", "reason"),
    ),
    _withheld("36-3-secret", "withheld_state_secret", "属于国家秘密", "第十四条", "属于国家秘密"),
    _withheld(
        "36-3-law",
        "withheld_prohibited_by_law",
        "法律、行政法规禁止公开",
        "第十四条",
        "属于法律、行政法规禁止公开的政府信息",
    ),
    _withheld(
        "36-3-security",
        "withheld_security_stability",
        "危及“三安全一稳定”",
        "第十四条",
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    ),
    _withheld(
        "36-3-third-party",
        "withheld_third_party",
        "保护第三方合法权益",
        "第十五条",
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
    ),
    _withheld(
        "36-3-internal",
        "withheld_internal_affairs",
        "内部事务信息",
        "第十六条第一款",
        "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
    ),
    _withheld(
        "36-3-process",
        "withheld_process_information",
        "过程性信息",
        "第十六条第二款",
        "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
    ),
    _withheld(
        "36-3-enforcement",
        "withheld_enforcement_file",
        "行政执法案卷信息",
        "第十六条第二款",
        "属于行政执法案卷信息",
    ),
    Ground(
        "36-4",
        "unavailable_not_held",
        "经检索没有该信息（第三十六条第（四）项）",
        "第三十六条第（四）项",
        "经检索，本机关没有您所申请公开的政府信息。根据"
        + REGULATION
        + "第三十六条第（四）项的规定，现告知您该政府信息不存在。",
    ),
    Ground(
        "36-5",
        "unavailable_not_held",
        "不属于本机关负责公开（第三十六条第（五）项）",
        "第三十六条第（五）项",
        "经审查，您申请获取的政府信息不属于本机关负责公开。根据"
        + REGULATION
        + "第三十六条第（五）项的规定，现告知您：{reason}。",
        ("reason",),
    ),
    Ground(
        "36-6",
        "not_processed_repeat",
        "重复申请，不予重复处理（第三十六条第（六）项）",
        "第三十六条第（六）项",
        "经审查，本机关已就您申请公开的政府信息作出答复，您重复申请公开相同的政府信息（{reason}）。根据"
        + REGULATION
        + "第三十六条第（六）项的规定，本机关不予重复处理。",
        ("reason",),
    ),
    Ground(
        "36-7",
        "withheld_inquiry_matter",
        "有关法律、行政法规对获取另有规定（第三十六条第（七）项）",
        "第三十六条第（七）项",
        "经审查，您申请获取的政府信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。根据"
        + REGULATION
        + "第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理：{reason}。",
        ("reason",),
    ),
    Ground(
        "38",
        "unavailable_needs_creation",
        "没有现成信息，需要另行制作（第三十八条）",
        "第三十八条",
        "经审查，本机关没有现成的您所申请的政府信息，提供该信息需要对现有政府信息进行加工、分析。根据"
        + REGULATION
        + "第三十八条的规定，本机关不予提供。说明：{reason}。",
        ("reason",),
    ),
    Ground(
        "30-unclear",
        "unavailable_still_unclear",
        "补正后申请内容仍不明确（第三十条）",
        "第三十条",
        "本机关已告知您补正申请，您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。根据"
        + REGULATION
        + "第三十条的规定，本机关无法提供。说明：{reason}。",
        ("reason",),
    ),
    Ground(
        "39-1",
        "not_processed_petition",
        "信访、投诉、举报（第三十九条第一款）",
        "第三十九条第一款",
        "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动。根据"
        + REGULATION
        + "第三十九条第一款的规定，本机关不作为政府信息公开申请处理。您反映的事项，可以通过以下渠道提出：{reason}。",
        ("reason",),
    ),
    Ground(
        "39-2",
        "not_processed_publication",
        "要求提供公开出版物（第三十九条第二款）",
        "第三十九条第二款",
        "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据"
        + REGULATION
        + "第三十九条第二款的规定，本机关不予提供，您可以通过以下途径获取：{reason}。",
        ("reason",),
    ),
    Ground(
        "35",
        "not_processed_excessive",
        "无正当理由大量、频繁申请（第三十五条）",
        "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，{art35_reply}。根据"
        + REGULATION
        + "第三十五条的规定，本机关不予处理。说明：{reason}。",
        ("art35_reply", "reason"),
    ),
    Ground(
        "confirmation",
        "not_processed_confirmation",
        "要求确认或重新出具已获取的信息",
        "",
        "经审查，您要求本机关确认或者重新出具您已经获取的政府信息，该要求不属于政府信息公开申请，本机关不予处理。说明：{reason}。",
        ("reason",),
    ),
    Ground(
        "30-abandoned",
        "other_no_supplement",
        "逾期不补正，不再处理（第三十条）",
        "第三十条",
        "您无正当理由逾期未补正，视为放弃申请。根据"
        + REGULATION
        + "第三十条的规定，本机关不再处理您的政府信息公开申请。",
    ),
    Ground(
        "fee-unpaid",
        "other_fee_unpaid",
        "逾期未缴纳信息处理费，不再处理",
        "",
        "您逾期未按收费通知的要求缴纳信息处理费，视为放弃申请。根据《政府信息公开信息处理费管理办法》的规定，"
        "本机关不再处理您的政府信息公开申请。",
    ),
    Ground(
        "other",
        "other_other",
        "其他处理",
        "",
        "本机关不再处理您的政府信息公开申请。说明：{reason}。",
        ("reason",),
    ),
)
GROUNDS_BY_CODE = {ground.code: ground for ground in GROUNDS}

# The ground an outcome gets when only the outcome is given (e.g. from older callers): the one
# stated first for it above.
DEFAULT_GROUND: dict[str, Ground] = {}
for _ground in GROUNDS:
    DEFAULT_GROUND.setdefault(_ground.outcome_code, _ground)


def ground(code: str) -> Ground:
    try:
        return GROUNDS_BY_CODE[code]
    except KeyError:
        raise ValueError(f"未知的答复依据：{code}") from None


def remedies(*, review_authority: str, court: str, decision: str = "本答复", document: str = "本答复") -> str:
    """Every answer closes with the applicant's remedies (条例第五十一条): 行政复议 within 60 days
    (《行政复议法》第二十条), 行政诉讼 within 6 months (《行政诉讼法》第四十六条), and where. A third
    party told of a disclosure over its objection has the same (the 第三方告知书: 本决定, 本告知书)."""
    return (
        f"如对{decision}不服，可以自收到{document}之日起60日内向{review_authority}申请行政复议，"
        f"或者自收到{document}之日起6个月内向{court}提起行政诉讼。"
    )
