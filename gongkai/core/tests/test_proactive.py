import pytest

from gongkai.core.catalogue import default_catalogue
from gongkai.core.outcomes import OUTCOMES, OutcomeGroup
from gongkai.core.proactive import (
    ConversionCase,
    conversion_grounds,
    conversion_refusal,
    discloses,
    suggested_column,
)


def case(**overrides) -> ConversionCase:
    values = {
        "outcome_code": "granted",
        "applicant_suggested": False,
        "other_applicants_alike": 1,
        "already_converted": False,
    }
    return ConversionCase(**{**values, **overrides})


def test_granted_or_partial_with_another_applicant_alike_may_be_turned():
    assert conversion_refusal(case()) is None
    assert conversion_refusal(case(outcome_code="partial")) is None
    assert conversion_grounds(case(other_applicants_alike=2)) == [
        "另有2件其他申请人的申请所需信息相同（条例第四十四条第一款）"
    ]


def test_the_applicants_suggestion_alone_is_a_ground():
    suggested = case(other_applicants_alike=0, applicant_suggested=True)
    assert conversion_refusal(suggested) is None
    assert conversion_grounds(suggested) == ["申请人建议将该信息纳入主动公开范围（条例第四十四条第二款）"]


def test_one_applicant_without_a_suggestion_is_no_ground():
    assert "多个申请人" in conversion_refusal(case(other_applicants_alike=0))


@pytest.mark.parametrize(
    "code", [o.code for o in OUTCOMES if o.group not in (OutcomeGroup.GRANTED, OutcomeGroup.PARTIAL)]
)
def test_every_outcome_that_discloses_nothing_is_refused(code):
    refusal = conversion_refusal(case(outcome_code=code, applicant_suggested=True))
    assert refusal is not None and "只有予以公开或部分公开" in refusal


def test_an_unanswered_case_is_refused():
    assert "尚未答复" in conversion_refusal(case(outcome_code=""))


def test_a_case_is_turned_once():
    assert "不能重复" in conversion_refusal(case(already_converted=True))


def columns(level="street"):
    return [(leaf.code, leaf.name) for leaf in _leaves(default_catalogue(level))]


def _leaves(nodes):
    for node in nodes:
        if node.children:
            yield from _leaves(node.children)
        else:
            yield node


def test_column_suggested_from_everyday_words_and_column_names():
    assert suggested_column("2025年东湖街道低保发放名单及金额", columns()) == "dibao"
    assert suggested_column("本街道2024年部门预算和决算", columns()) == "yujuesuan"
    assert suggested_column("老旧小区改造计划", columns()) in {"guihuajihua", "gongyi"}


def test_without_a_match_the_catch_all_column_is_suggested():
    assert suggested_column("某某", columns()) == "qitafading"
    assert suggested_column("某某", [("a", "甲"), ("b", "乙")]) is None


def test_only_granted_and_partial_disclose():
    disclosing = {o.code for o in OUTCOMES if discloses(o.code)}
    assert disclosing == {"granted", "partial"} and not discloses("")
