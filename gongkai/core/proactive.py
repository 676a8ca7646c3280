"""When an answered application may be turned into 主动公开 (条例第四十四条), and into which column.

Art. 44 第一款: when several applicants ask the same body for the same information and it may be
disclosed, the body may 纳入主动公开的范围. 第二款: an applicant may suggest it; the body reviews the
suggestion. Either way the information must be disclosable, so only a case answered 予以公开 or
部分公开 qualifies; what is published is a draft that goes through the body's review like any other
item (保密审查 included), never a published item.

Scope / Known limits: "the same information" is what the case page's similar-request detection
finds (applications.selectors.similar_applications, a text similarity); the clerk confirms it by
turning the case. The column suggestion only compares words of the request with column names and a
small list of everyday names of the default columns; the clerk always chooses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.core.outcomes import OUTCOMES_BY_CODE, OutcomeGroup

# 予以公开 and 部分公开: the information (or its disclosable part) "属于可以公开的".
DISCLOSED_GROUPS = frozenset({OutcomeGroup.GRANTED, OutcomeGroup.PARTIAL})
# 第一款 speaks of 多个申请人: this case and at least one other applicant's like request.
OTHER_APPLICANTS_NEEDED = 1

SUGGESTION_LABEL = "建议将该信息纳入主动公开范围"


@dataclass(frozen=True)
class ConversionCase:
    """What the rule needs to know of one case."""

    outcome_code: str  # "" while the case is not answered
    applicant_suggested: bool  # 第二款
    other_applicants_alike: int  # other applicants' requests for the same information, same body
    already_converted: bool


def discloses(outcome_code: str) -> bool:
    """Whether the answer gave the information, or its disclosable part (予以公开, 部分公开)."""
    known = OUTCOMES_BY_CODE.get(outcome_code)
    return known is not None and known.group in DISCLOSED_GROUPS


def conversion_grounds(case: ConversionCase) -> list[str]:
    """Why the case may be turned, each with its paragraph of art. 44 (empty: no ground)."""
    grounds = []
    if case.other_applicants_alike >= OTHER_APPLICANTS_NEEDED:
        grounds.append(
            f"另有{case.other_applicants_alike}件其他申请人的申请所需信息相同（条例第四十四条第一款）"
        )
    if case.applicant_suggested:
        grounds.append("申请人建议将该信息纳入主动公开范围（条例第四十四条第二款）")
    return grounds


def conversion_refusal(case: ConversionCase) -> str | None:
    """Why the case may not be turned to 主动公开, or None when it may."""
    if case.already_converted:
        return "本申请已转为主动公开，不能重复转入。"
    known = OUTCOMES_BY_CODE.get(case.outcome_code)
    if known is None:
        return "本申请尚未答复，答复予以公开或部分公开后才能转为主动公开（条例第四十四条）。"
    if not discloses(case.outcome_code):
        return (
            f"本申请的办理结果为“{known.label}”，只有予以公开或部分公开的信息"
            "才能转为主动公开（条例第四十四条）。"
        )
    if not conversion_grounds(case):
        return (
            "转为主动公开须有多个申请人申请相同信息（条例第四十四条第一款），"
            "或申请人建议纳入主动公开范围（第二款）。"
        )
    return None


# Everyday names for the default columns (core.catalogue), which a request uses more often than the
# column's formal name: "低保" for 最低生活保障. Bodies that renamed a column still match its name.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "dibao": ("低保", "最低生活保障"),
    "jiuzhu": ("救助", "救灾", "优抚"),
    "yujuesuan": ("预算", "决算", "三公经费"),
    "caigou": ("采购", "招标"),
    "xuke": ("许可", "审批", "办事"),
    "chufa": ("处罚", "强制"),
    "shoufei": ("收费",),
    "zhaokao": ("招考", "录用", "招聘"),
    "jianshe": ("建设项目", "工程"),
    "guihuajihua": ("规划", "计划"),
    "tongji": ("统计",),
    "tudi": ("征收", "宅基地", "土地流转"),
    "zhengshou": ("征收", "拆迁", "治安"),
    "gongyi": ("改造", "市政", "公益"),
    "shebao": ("社保", "医疗", "教育", "就业", "养老"),
    "yingji": ("应急", "灾害"),
    "jiancha": ("检查", "监督"),
}
FALLBACK_COLUMNS = ("qitafading", "qitawenjian")  # 其他法定主动公开信息, 其他文件


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def suggested_column(request_text: str, columns: Sequence[tuple[str, str]]) -> str | None:
    """The code of the column (code, name) that best fits the request, or a catch-all column.

    A column scores one point per alias found in the request and one per two-character piece of
    its name found there; ties go to the column listed first (the catalogue's order).
    """
    best, best_score = None, 0
    for code, name in columns:
        score = sum(1 for alias in COLUMN_ALIASES.get(code, ()) if alias in request_text)
        score += len(_bigrams(name) & _bigrams(request_text))
        if score > best_score:
            best, best_score = code, score
    if best is not None:
        return best
    codes = [code for code, _ in columns]
    return next((code for code in FALLBACK_COLUMNS if code in codes), None)
