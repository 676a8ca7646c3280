from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "gongkai.registry"
    label = "registry"
    verbose_name = "共用登记簿"

    def ready(self):
        from gongkai.common.todo import TODO_PROVIDERS
        from gongkai.registry.deadlines import calendar_year_missing

        # Before the apps that register after it (INSTALLED_APPS order), as when applications held it.
        if calendar_year_missing not in TODO_PROVIDERS:
            TODO_PROVIDERS.append(calendar_year_missing)
