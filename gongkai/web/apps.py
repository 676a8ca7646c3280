from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "gongkai.web"
    verbose_name = "界面"
