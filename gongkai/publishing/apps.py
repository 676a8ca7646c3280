from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    verbose_name = "主动公开"

    def ready(self):
        from gongkai.publishing.todo import missing_column_updates, overdue_items, waiting_for_me
        from gongkai.web.todo import TODO_PROVIDERS

        for provider in (waiting_for_me, overdue_items, missing_column_updates):
            if provider not in TODO_PROVIDERS:
                TODO_PROVIDERS.append(provider)
