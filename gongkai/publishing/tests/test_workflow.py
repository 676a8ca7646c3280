"""The workflow table and the item page's steps describe the same transitions."""

from gongkai.publishing import workflow
from gongkai.publishing.models import VersionStatus
from gongkai.publishing.views import STEPS


def test_every_transition_has_a_step_on_the_item_page_and_no_step_is_unknown():
    assert set(STEPS) == set(workflow.TRANSITIONS) | {"interprets"}


def test_return_starts_exactly_where_someone_holds_the_version():
    assert set(workflow.TRANSITIONS["return"].statuses) == set(workflow.HOLDERS)
    assert VersionStatus.DRAFT not in workflow.HOLDERS and VersionStatus.PUBLISHED not in workflow.HOLDERS
