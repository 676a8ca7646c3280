"""Permission-matrix rows of the report-auditing pages (see tests/access.py)."""

from tests.access import HANDLERS, STAFF, Row

AUDITORS = {"admin", "inspector", "other_admin", "superuser"}
# A batch belongs to the district 政务公开办; its inspector and the superuser may open it.
BATCH_READERS = {"inspector", "superuser"}

# 督办: the district's inspector urges; the case's readers read the urging; its handlers reply.
URGING_READERS = STAFF | {"inspector", "superuser"}

ROWS = [
    Row("audit-batches", "get", "/supervision/audits/", AUDITORS),
    Row("audit-batch", "get", "/supervision/audits/{batch}/", BATCH_READERS),
    Row("audit-file", "get", "/supervision/audits/{batch}/files/{audited_file}/", BATCH_READERS),
    Row("audit-export", "get", "/supervision/audits/{batch}/export.xlsx", BATCH_READERS),
    Row("overdue-xlsx", "get", "/work/overdue.xlsx", {"inspector", "superuser"}),
    Row("urging-new", "get", "/work/overdue/{overdue}/urge/", {"inspector"}),
    Row("urging-new", "post", "/work/overdue/{overdue}/urge/", {"inspector"}, ok=(400,)),
    Row("urging-detail", "get", "/work/urgings/{urging}/", URGING_READERS),
    Row("urging-detail", "post", "/work/urgings/{urging}/", HANDLERS, ok=(400,)),
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
    return {"batch": batch.pk, "audited_file": batch.files.first().pk, **urging_placeholders(cast)}


def urging_placeholders(cast) -> dict:
    """An overdue case of 东湖街道 and its urging, found or made once."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.applications.models import Application
    from gongkai.supervision.models import Urging
    from gongkai.supervision.urging import urging_issue

    marker = "督办样例：2025年东湖街道低保发放名单"
    overdue = Application.objects.filter(information_requested=marker).first()
    if overdue is None:
        from gongkai.applications.tests.test_register import register

        today = timezone.localdate()
        overdue = register(
            cast, received_on=today - timedelta(days=90), today=today, information_requested=marker
        )
        urging_issue(actor=cast.inspector, application=overdue, note="请尽快答复。", today=today)
    return {"overdue": overdue.pk, "urging": Urging.objects.get(application=overdue).pk}
