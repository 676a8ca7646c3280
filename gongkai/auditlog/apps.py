from django.apps import AppConfig


class AuditlogConfig(AppConfig):
    name = "gongkai.auditlog"
    verbose_name = "审计日志"
