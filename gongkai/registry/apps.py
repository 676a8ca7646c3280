from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "gongkai.registry"
    label = "registry"
    verbose_name = "共用登记簿"
