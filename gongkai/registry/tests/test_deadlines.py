"""Each app that stores a deadline registers it with registry.deadlines once, in INSTALLED_APPS order."""

from django.apps import apps

from gongkai.registry.deadlines import DEADLINE_AREAS, deadlines_refresh


def test_cases_then_items_are_registered_and_a_second_ready_adds_nothing():
    assert [area.key for area in DEADLINE_AREAS] == ["applications", "publishing"]
    apps.get_app_config("applications").ready()
    apps.get_app_config("publishing").ready()
    assert [area.key for area in DEADLINE_AREAS] == ["applications", "publishing"]


def test_the_refresh_counts_every_area_by_its_key(cast):
    assert deadlines_refresh(actor=None, reason="每日核对") == {"applications": 0, "publishing": 0}
