"""No code path can edit or delete an audit entry: ORM, model instance, admin, or raw SQL."""

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from gongkai.auditlog.models import AppendOnlyError, AuditEntry
from gongkai.auditlog.services import audit_record


@pytest.fixture
def entry(cast):
    return audit_record(
        actor=cast.admin, action="test.action", summary="原始摘要", body=cast.body, after={"a": 1}
    )


def assert_unchanged(entry):
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.summary, stored.after, stored.actor_id) == ("原始摘要", {"a": 1}, entry.actor_id)


def test_entry_records_who_what_where(entry, cast):
    assert entry.actor_name == cast.admin.get_full_name()
    assert entry.body == cast.body
    assert entry.action == "test.action"


def test_queryset_update_is_refused(entry):
    with pytest.raises(AppendOnlyError, match="只能追加"):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="篡改")
    assert_unchanged(entry)


def test_queryset_delete_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert_unchanged(entry)


def test_instance_save_and_delete_are_refused(entry):
    entry.summary = "篡改"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert_unchanged(entry)


def test_bulk_update_is_refused(entry):
    entry.summary = "篡改"
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_update([entry], ["summary"])
    assert_unchanged(entry)


def test_raw_sql_update_is_refused_by_the_database(entry):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE auditlog_auditentry SET summary = %s WHERE id = %s", ["篡改", entry.pk])
    assert_unchanged(entry)


def test_raw_sql_delete_is_refused_on_postgresql(entry):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite 上由 ORM 拦截删除（测试清库需要 DELETE），数据库触发器只拦截 UPDATE")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM auditlog_auditentry WHERE id = %s", [entry.pk])
    assert_unchanged(entry)


def test_admin_offers_no_add_change_or_delete(entry, cast):
    request = RequestFactory().get("/admin/")
    request.user = cast.superuser
    model_admin = site._registry[AuditEntry]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)


def test_deleting_the_body_cannot_cascade_into_the_log(entry, cast):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError) as refused:
        cast.body.delete()
    assert entry in refused.value.protected_objects
    assert_unchanged(entry)
