"""The coded outcomes of a disclosure application (依申请公开的办理结果).

One taxonomy shared by decisions, answer letters and the annual report: every answer falls into
exactly one outcome, and each outcome names its table-2 row in both report formats and its
legal basis. Row labels are those of statute.md §1.4 (2019 trial) and §2.4 (2021).

In the 2019 trial format all three 其他处理 kinds fall into the single row （六）其他处理.
Mappings marked UNCONFIRMED in statute.md §3.6 carry `confirmed=False`, so the answer letter and
the settings screen can say that the basis is the system's reading, not an official one.
Two readings inside confirmed outcomes are UNCONFIRMED too: 36(一) (already published) counted as
予以公开, and 36(五) (not this body's information) counted as 本机关不掌握; both follow the
usual practice of published reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OutcomeGroup(StrEnum):
    GRANTED = "granted"  # （一）予以公开
    PARTIAL = "partial"  # （二）部分公开
    WITHHELD = "withheld"  # （三）不予公开
    UNAVAILABLE = "unavailable"  # （四）无法提供
    NOT_PROCESSED = "not_processed"  # （五）不予处理
    OTHER = "other"  # （六）其他处理


GROUP_LABELS = {
    OutcomeGroup.GRANTED: "（一）予以公开",
    OutcomeGroup.PARTIAL: "（二）部分公开",
    OutcomeGroup.WITHHELD: "（三）不予公开",
    OutcomeGroup.UNAVAILABLE: "（四）无法提供",
    OutcomeGroup.NOT_PROCESSED: "（五）不予处理",
    OutcomeGroup.OTHER: "（六）其他处理",
}


@dataclass(frozen=True)
class Outcome:
    code: str
    group: OutcomeGroup
    label: str  # the table-2 leaf label of the 2021 format, without its number
    number: int | None  # the leaf's number within its group (None for （一）and （二）)
    basis: str  # legal basis quoted in the answer letter
    confirmed: bool = True

    @property
    def row_2021(self) -> str:
        """Full label of the table-2 row in the 2021 format."""
        if self.number is None:
            return GROUP_LABELS[self.group]
        return f"{GROUP_LABELS[self.group]} {self.number}.{self.label}"

    @property
    def row_2019(self) -> str:
        """Full label of the table-2 row in the 2019 trial format (其他处理 had no sub-rows)."""
        if self.group is OutcomeGroup.OTHER:
            return GROUP_LABELS[self.group]
        return self.row_2021


def _o(
    code: str, group: OutcomeGroup, label: str, number: int | None, basis: str, confirmed: bool = True
) -> Outcome:
    return Outcome(code, group, label, number, basis, confirmed)


G = OutcomeGroup
OUTCOMES: tuple[Outcome, ...] = (
    _o("granted", G.GRANTED, "予以公开", None, "《政府信息公开条例》第三十六条第（一）项、第（二）项"),
    _o("partial", G.PARTIAL, "部分公开", None, "《政府信息公开条例》第三十七条"),
    _o("withheld_state_secret", G.WITHHELD, "属于国家秘密", 1, "《政府信息公开条例》第十四条"),
    _o(
        "withheld_prohibited_by_law",
        G.WITHHELD,
        "其他法律行政法规禁止公开",
        2,
        "《政府信息公开条例》第十四条",
    ),
    _o("withheld_security_stability", G.WITHHELD, "危及“三安全一稳定”", 3, "《政府信息公开条例》第十四条"),
    _o(
        "withheld_third_party",
        G.WITHHELD,
        "保护第三方合法权益",
        4,
        "《政府信息公开条例》第十五条、第三十二条",
    ),
    _o(
        "withheld_internal_affairs",
        G.WITHHELD,
        "属于三类内部事务信息",
        5,
        "《政府信息公开条例》第十六条第一款",
    ),
    _o(
        "withheld_process_information",
        G.WITHHELD,
        "属于四类过程性信息",
        6,
        "《政府信息公开条例》第十六条第二款",
    ),
    _o("withheld_enforcement_file", G.WITHHELD, "属于行政执法案卷", 7, "《政府信息公开条例》第十六条第二款"),
    _o(
        "withheld_inquiry_matter",
        G.WITHHELD,
        "属于行政查询事项",
        8,
        "《政府信息公开条例》第三十六条第（七）项",
        False,
    ),
    _o(
        "unavailable_not_held",
        G.UNAVAILABLE,
        "本机关不掌握相关政府信息",
        1,
        "《政府信息公开条例》第三十六条第（四）项、第（五）项",
    ),
    _o(
        "unavailable_needs_creation",
        G.UNAVAILABLE,
        "没有现成信息需要另行制作",
        2,
        "《政府信息公开条例》第三十八条",
    ),
    _o(
        "unavailable_still_unclear",
        G.UNAVAILABLE,
        "补正后申请内容仍不明确",
        3,
        "《政府信息公开条例》第三十条",
    ),
    _o(
        "not_processed_petition",
        G.NOT_PROCESSED,
        "信访举报投诉类申请",
        1,
        "《政府信息公开条例》第三十九条第一款",
    ),
    _o("not_processed_repeat", G.NOT_PROCESSED, "重复申请", 2, "《政府信息公开条例》第三十六条第（六）项"),
    _o(
        "not_processed_publication",
        G.NOT_PROCESSED,
        "要求提供公开出版物",
        3,
        "《政府信息公开条例》第三十九条第二款",
    ),
    _o(
        "not_processed_excessive",
        G.NOT_PROCESSED,
        "无正当理由大量反复申请",
        4,
        "《政府信息公开条例》第三十五条",
    ),
    _o(
        "not_processed_confirmation",
        G.NOT_PROCESSED,
        "要求行政机关确认或重新出具已获取信息",
        5,
        "《政府信息公开条例》（本项无直接对应条款）",
        False,
    ),
    _o(
        "other_no_supplement",
        G.OTHER,
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        1,
        "《政府信息公开条例》第三十条",
    ),
    _o(
        "other_fee_unpaid",
        G.OTHER,
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        2,
        "《政府信息公开信息处理费管理办法》",
    ),
    _o("other_other", G.OTHER, "其他", 3, ""),
)
OUTCOMES_BY_CODE = {outcome.code: outcome for outcome in OUTCOMES}


def outcome(code: str) -> Outcome:
    try:
        return OUTCOMES_BY_CODE[code]
    except KeyError:
        raise ValueError(f"未知的办理结果：{code}") from None
