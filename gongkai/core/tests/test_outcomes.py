from collections import Counter

import pytest

from gongkai.core.outcomes import OUTCOMES, OutcomeGroup, outcome


def test_every_leaf_row_of_the_2021_table_has_exactly_one_outcome():
    # statute.md §2.4: 1 + 1 + 8 + 3 + 5 + 3 leaf rows.
    per_group = Counter(o.group for o in OUTCOMES)
    assert per_group == {
        OutcomeGroup.GRANTED: 1,
        OutcomeGroup.PARTIAL: 1,
        OutcomeGroup.WITHHELD: 8,
        OutcomeGroup.UNAVAILABLE: 3,
        OutcomeGroup.NOT_PROCESSED: 5,
        OutcomeGroup.OTHER: 3,
    }
    assert len({o.row_2021 for o in OUTCOMES}) == 21


def test_row_labels_in_both_formats():
    assert outcome("withheld_state_secret").row_2021 == "（三）不予公开 1.属于国家秘密"
    assert outcome("other_fee_unpaid").row_2021.startswith("（六）其他处理 2.申请人逾期未按收费通知")
    # The 2019 trial table has a single 其他处理 row.
    assert {o.row_2019 for o in OUTCOMES if o.group is OutcomeGroup.OTHER} == {"（六）其他处理"}
    assert len({o.row_2019 for o in OUTCOMES}) == 19


def test_unconfirmed_mappings_are_marked():
    assert {o.code for o in OUTCOMES if not o.confirmed} == {
        "withheld_inquiry_matter",
        "not_processed_confirmation",
    }


def test_unknown_code():
    with pytest.raises(ValueError, match="未知的办理结果"):
        outcome("granted_maybe")
