from django.apps import AppConfig


class ConversionConfig(AppConfig):
    name = "gongkai.conversion"
    verbose_name = "依申请公开转为主动公开"
