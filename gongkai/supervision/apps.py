from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    verbose_name = "监督检查"

    def ready(self):
        from gongkai.common.todo import TODO_PROVIDERS
        from gongkai.supervision.urging import urging_todo

        if urging_todo not in TODO_PROVIDERS:
            TODO_PROVIDERS.append(urging_todo)
