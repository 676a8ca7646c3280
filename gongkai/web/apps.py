from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "gongkai.web"
    verbose_name = "界面"

    def ready(self):
        from gongkai.common.todo import TODO_PROVIDERS
        from gongkai.web.todo import WEB_PROVIDERS

        # First in INSTALLED_APPS, so the home page's own items come first, as before.
        for provider in reversed(WEB_PROVIDERS):
            if provider not in TODO_PROVIDERS:
                TODO_PROVIDERS.insert(0, provider)
