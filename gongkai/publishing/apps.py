from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    verbose_name = "主动公开"

    def ready(self):
        from gongkai.common.todo import TODO_PROVIDERS
        from gongkai.publishing.deadlines import DEADLINES
        from gongkai.publishing.todo import missing_column_updates, overdue_items, waiting_for_me
        from gongkai.registry.deadlines import register_deadline_area

        for provider in (waiting_for_me, overdue_items, missing_column_updates):
            if provider not in TODO_PROVIDERS:
                TODO_PROVIDERS.append(provider)
        register_deadline_area(DEADLINES)
