from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    verbose_name = "监督检查"

    def ready(self):
        from gongkai.supervision.urging import urging_todo
        from gongkai.web.todo import TODO_PROVIDERS

        if urging_todo not in TODO_PROVIDERS:
            TODO_PROVIDERS.append(urging_todo)
