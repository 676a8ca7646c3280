from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "gongkai.annual"
    verbose_name = "年度报告"

    def ready(self):
        from gongkai.annual.todo import annual_report_countdown
        from gongkai.web.todo import TODO_PROVIDERS

        if annual_report_countdown not in TODO_PROVIDERS:
            TODO_PROVIDERS.append(annual_report_countdown)
