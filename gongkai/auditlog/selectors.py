from gongkai.auditlog.models import AuditEntry


def audit_entries_for_body(*, body, limit: int = 200):
    return AuditEntry.objects.filter(body=body).select_related("actor")[:limit]
