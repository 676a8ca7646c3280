from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "gongkai.annual"
    verbose_name = "年度报告"

    def ready(self):
        from gongkai.annual.selectors import year_locked
        from gongkai.annual.todo import annual_report_countdown
        from gongkai.common.todo import TODO_PROVIDERS
        from gongkai.registry.record_locks import YEAR_LOCK_RULES

        # Applications refuse changes to a published year through registry.record_locks.
        if year_locked not in YEAR_LOCK_RULES:
            YEAR_LOCK_RULES.append(year_locked)

        if annual_report_countdown not in TODO_PROVIDERS:
            TODO_PROVIDERS.append(annual_report_countdown)
