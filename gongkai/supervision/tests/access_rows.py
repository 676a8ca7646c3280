"""Permission-matrix rows of the report-auditing pages (see tests/access.py)."""

from tests.access import Row

AUDITORS = {"admin", "inspector", "other_admin", "superuser"}
# A batch belongs to the district 政务公开办; its inspector and the superuser may open it.
BATCH_READERS = {"inspector", "superuser"}

ROWS = [
    Row("audit-batches", "get", "/supervision/audits/", AUDITORS),
    Row("audit-batch", "get", "/supervision/audits/{batch}/", BATCH_READERS),
    Row("audit-file", "get", "/supervision/audits/{batch}/files/{audited_file}/", BATCH_READERS),
    Row("audit-export", "get", "/supervision/audits/{batch}/export.xlsx", BATCH_READERS),
]


def placeholders(cast) -> dict:
    from gongkai.supervision.models import AuditBatch
    from gongkai.supervision.services import audit_batch_create

    batch = AuditBatch.objects.filter(owner=cast.office).first() or audit_batch_create(
        actor=cast.inspector,
        owner=cast.office,
        name="样例",
        uploads=[("a.txt", "某区2023年政府信息公开工作年度报告".encode())],
    )
    return {"batch": batch.pk, "audited_file": batch.files.first().pk}
