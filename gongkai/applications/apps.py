from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.applications.recompute import DEADLINES
        from gongkai.applications.todo import (
            drafts_to_approve,
            due_and_overdue,
            my_open_applications,
            supervised_overdue,
            unassigned_applications,
        )
        from gongkai.common.todo import TODO_PROVIDERS
        from gongkai.registry.deadlines import register_deadline_area

        providers = (
            drafts_to_approve,
            due_and_overdue,
            supervised_overdue,
            unassigned_applications,
            my_open_applications,
        )
        for provider in providers:
            if provider not in TODO_PROVIDERS:
                TODO_PROVIDERS.append(provider)
        register_deadline_area(DEADLINES)
