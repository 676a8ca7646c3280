from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.applications.todo import my_open_applications, unassigned_applications
        from gongkai.web.todo import TODO_PROVIDERS

        for provider in (unassigned_applications, my_open_applications):
            if provider not in TODO_PROVIDERS:
                TODO_PROVIDERS.append(provider)
