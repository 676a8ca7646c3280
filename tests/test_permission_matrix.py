"""Every URL and API endpoint × every role: nobody reads or changes what is not theirs.

The matrix must name every URL pattern in the project (test_every_url_is_in_the_matrix), so a
new page cannot be added without deciding who may open it. Areas contribute their own rows in
gongkai/<area>/tests/access_rows.py (see tests/access.py).
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import gongkai
from gongkai.auditlog.models import AuditEntry
from tests.access import ACTORS, EVERYONE_LOGGED_IN, HANDLERS, STAFF, Row

ROWS = [
    Row("front-page", "get", "/", set(ACTORS), ok=(200, 302)),
    Row("work-home", "get", "/work/", EVERYONE_LOGGED_IN),
    Row("absence-new", "get", "/me/absences/new/", EVERYONE_LOGGED_IN),
    Row("password_change", "get", "/accounts/password/", EVERYONE_LOGGED_IN),
    Row("password_change_done", "get", "/accounts/password/done/", EVERYONE_LOGGED_IN),
    Row("body-list", "get", "/bodies/", EVERYONE_LOGGED_IN),
    Row("body-detail", "get", "/bodies/{body}/", STAFF | {"inspector", "superuser"}),
    Row("body-edit", "get", "/bodies/{body}/edit/", {"admin", "superuser"}),
    Row(
        "body-edit",
        "post",
        "/bodies/{body}/edit/",
        {"admin", "superuser"},
        ok=(302,),
        data={
            "name": "东湖街道办事处",
            "level": "township",
            "office_name": "综合办",
            "effective_from": "2030-01-01",
        },
    ),
    Row("body-roles", "get", "/bodies/{body}/roles/", {"admin", "superuser"}),
    Row("user-new", "get", "/bodies/{body}/users/new/", {"admin", "superuser"}),
    Row(
        "role-end",
        "post",
        "/bodies/{body}/roles/{assignment}/end/",
        {"admin", "superuser"},
        ok=(302, 400),
        data={"valid_to": "2031-01-01"},
    ),
    Row(
        "role-backup",
        "post",
        "/bodies/{body}/roles/{assignment}/backup/",
        {"admin", "superuser"},
        ok=(302,),
        data={"backup": ""},
    ),
    Row("body-audit", "get", "/bodies/{body}/audit/", {"admin", "head", "inspector", "superuser"}),
    Row("application-list", "get", "/bodies/{body}/applications/", STAFF | {"inspector", "superuser"}),
    Row("application-new", "get", "/bodies/{body}/applications/new/", HANDLERS),
    Row(
        "application-detail",
        "get",
        "/bodies/{body}/applications/{application}/",
        STAFF | {"inspector", "superuser"},
    ),
    Row(
        "application-identity",
        "post",
        "/bodies/{body}/applications/{application}/identity/",
        STAFF | {"inspector", "superuser"},
    ),
    Row(
        "application-assign",
        "post",
        "/bodies/{body}/applications/{application}/assign/",
        HANDLERS,
        ok=(302, 400),
        data={"clerk": ""},
    ),
    Row(
        "application-action",
        "post",
        "/bodies/{body}/applications/{application}/do/decide/",
        HANDLERS,
        ok=(400,),
    ),
    # 条例第三十五条 (art35)
    Row(
        "application-action",
        "post",
        "/bodies/{body}/applications/{application}/do/art35_reason/",
        HANDLERS,
        ok=(400,),
    ),
    Row(
        "application-action",
        "post",
        "/bodies/{body}/applications/{application}/do/art35_reason_record/",
        HANDLERS,
        ok=(400,),
    ),
    Row(
        "application-action",
        "post",
        "/bodies/{body}/applications/{application}/do/art35_delay/",
        HANDLERS,
        ok=(400,),
    ),
    Row(
        "application-action",
        "post",
        "/bodies/{body}/applications/{application}/do/extend/",
        {"head", "superuser"},
        ok=(400,),
    ),
    Row("overdue-list", "get", "/work/overdue/", {"inspector", "superuser"}),
    Row("calendar-years", "get", "/work/calendar/", {"superuser"}),
    Row(
        "letter-download",
        "get",
        "/bodies/{body}/applications/{application}/letters/{letter}.pdf",
        STAFF | {"inspector", "superuser"},
    ),
    Row("appeal-list", "get", "/bodies/{body}/appeals/", STAFF | {"inspector", "superuser"}),
    Row(
        "appeal-list",
        "post",
        "/bodies/{body}/appeals/",
        HANDLERS,
        ok=(302,),
        data={"kind": "review", "filed_on": "2026-05-06", "authority": "示范区人民政府"},
    ),
    Row(
        "appeal-conclude",
        "post",
        "/bodies/{body}/appeals/{appeal}/conclude/",
        HANDLERS,
        ok=(302, 400),
        data={"result": "upheld", "concluded_on": "2026-06-01"},
    ),
    Row("body-guide", "get", "/guide/{body}/", set(ACTORS)),
    Row("public-apply", "get", "/apply/{body}/", set(ACTORS)),
    Row("status-lookup", "get", "/status/", set(ACTORS)),
    Row("application-status", "get", "/status/{query_code}/", set(ACTORS)),
    Row("api-v1:me", "get", "/api/v1/me", EVERYONE_LOGGED_IN, api=True),
    Row("api-v1:list_bodies", "get", "/api/v1/bodies", EVERYONE_LOGGED_IN, api=True),
    Row("api-v1:get_body", "get", "/api/v1/bodies/{body}", STAFF | {"inspector", "superuser"}, api=True),
    Row(
        "api-v1:list_roles",
        "get",
        "/api/v1/bodies/{body}/roles",
        STAFF | {"inspector", "superuser"},
        api=True,
    ),
    Row(
        "api-v1:assign_role",
        "post",
        "/api/v1/bodies/{body}/roles",
        {"admin", "superuser"},
        api=True,
        ok=(201, 400),
        data={"username": "donghu-sh", "role": "clerk", "valid_from": "2026-01-01"},
    ),
    Row(
        "api-v1:list_applications",
        "get",
        "/api/v1/bodies/{body}/applications",
        STAFF | {"inspector", "superuser"},
        api=True,
    ),
    Row(
        "api-v1:register_application",
        "post",
        "/api/v1/bodies/{body}/applications",
        HANDLERS,
        api=True,
        ok=(201,),
        data={
            "channel": "post",
            "received_on": "2026-03-02",
            "applicant_kind": "natural_person",
            "applicant_name": "王五",
            "id_document_type": "resident_id",
            "id_document_number": "11010519491231002X",
            "contact_phone": "13800000000",
            "information_requested": "2025年部门预算",
        },
    ),
    Row(
        "api-v1:get_application",
        "get",
        "/api/v1/bodies/{body}/applications/DONGHU-2026-0001",
        STAFF | {"inspector", "superuser"},
        api=True,
    ),
    Row(
        "api-v1:list_appeals",
        "get",
        "/api/v1/bodies/{body}/appeals",
        STAFF | {"inspector", "superuser"},
        api=True,
    ),
    Row(
        "api-v1:record_appeal",
        "post",
        "/api/v1/bodies/{body}/appeals",
        HANDLERS,
        api=True,
        ok=(201,),
        data={"kind": "review", "filed_on": "2026-05-06", "authority": "示范区人民政府"},
    ),
    Row(
        "api-v1:application_clock",
        "get",
        "/api/v1/bodies/{body}/applications/DONGHU-2026-0001/clock",
        STAFF | {"inspector", "superuser"},
        api=True,
    ),
    Row(
        "api-v1:application_action",
        "post",
        "/api/v1/bodies/{body}/applications/DONGHU-2026-0001/actions/decide",
        HANDLERS,
        api=True,
        ok=(400,),
        data={"on": "2026-03-05", "outcome": "withheld_state_secret", "reason": ""},
    ),
    Row(
        "api-v1:list_audit",
        "get",
        "/api/v1/bodies/{body}/audit",
        {"admin", "head", "inspector", "superuser"},
        api=True,
    ),
]


def area_modules():
    """Each area's tests/access_rows.py, where there is one."""
    modules = []
    for area in pkgutil.iter_modules(gongkai.__path__):
        if not area.ispkg:
            continue
        name = f"gongkai.{area.name}.tests.access_rows"
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name not in (name, f"gongkai.{area.name}.tests"):
                raise
    return modules


AREA_MODULES = area_modules()
ROWS += [row for module in AREA_MODULES for row in module.ROWS]
# Public or framework pages whose access is decided elsewhere (login, logout, the API's own docs, Django admin).
# api-root is django-ninja's catch-all that answers 404 for unknown API paths.
UNLISTED = {"login", "logout", "api-v1:openapi-json", "api-v1:api-root"}


def all_url_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                continue  # Django admin: only superusers (is_staff), tested below
            names |= all_url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(namespace + entry.name)
    return names


def test_every_url_is_in_the_matrix():
    assert all_url_names() - UNLISTED == {row.name for row in ROWS}


def sample_application(cast):
    from django.core.files.base import ContentFile

    from gongkai.applications.appeals import appeal_record
    from gongkai.applications.models import Application, IssuedLetter
    from gongkai.applications.services import ApplicantDetails, application_register

    existing = Application.objects.filter(body=cast.body).order_by("serial").first()
    if existing:
        return existing
    applicant = ApplicantDetails("natural_person", "张三", "resident_id", "11010519491231002X", "13800000000")
    application = application_register(
        actor=cast.clerk,
        body=cast.body,
        channel="in_person",
        received_on=date(2026, 3, 2),
        applicant=applicant,
        information_requested="低保名单",
        form_wanted="",
        today=date(2026, 3, 2),
    )
    # A stored letter and an appeal, for the download and appeal rows (their content is not the point here).
    letter = IssuedLetter(
        body=cast.body,
        application=application,
        kind="acknowledgement",
        year=2026,
        serial=1,
        number="东湖街道依申受〔2026〕1号",
        issued_on=date(2026, 3, 2),
        recipient="张三",
        text="受理回执",
        issued_by=cast.clerk,
    )
    letter.docx.save("a.docx", ContentFile(b"PK"), save=False)
    letter.pdf.save("a.pdf", ContentFile(b"%PDF-1.4"), save=False)
    letter.save()
    appeal_record(
        actor=cast.clerk,
        body=cast.body,
        kind="review",
        filed_on=date(2026, 5, 6),
        authority="示范区人民政府",
        today=date(2026, 11, 24),
        application=application,
    )
    return application


def area_placeholders(cast) -> dict:
    values = {}
    for module in AREA_MODULES:
        if hasattr(module, "placeholders"):
            values.update(module.placeholders(cast))
    return values


def request_as(client, cast, actor: str, row: Row):
    client.logout()
    if actor != "anonymous":
        client.force_login(getattr(cast, actor))
    assignment = cast.body.assignments.get(user=cast.clerk, role="clerk")
    application = sample_application(cast)
    path = row.path.format(
        body=cast.body.code,
        assignment=assignment.pk,
        application=application.pk,
        query_code=application.query_code,
        letter=application.letters.get().pk,
        appeal=application.appeals.get().pk,
        **area_placeholders(cast),
    )
    if row.method == "get":
        return client.get(path)
    if row.api:
        return client.post(path, row.data, content_type="application/json")
    return client.post(path, row.data)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.method} {row.path}")
def test_access(row, client, cast):
    # Forbidden actors first: their attempts must leave no trace before the allowed ones act.
    ordered = [a for a in ACTORS if a not in row.allowed] + [a for a in ACTORS if a in row.allowed]
    sample_application(cast)
    area_placeholders(cast)  # create the areas' sample objects before counting audit entries
    for actor in ordered:
        before = AuditEntry.objects.count()
        response = request_as(client, cast, actor, row)
        if actor in row.allowed:
            assert response.status_code in row.ok, (actor, response.status_code)
            continue
        if actor == "anonymous":
            expected = 401 if row.api else 302
            assert response.status_code == expected, (actor, response.status_code)
            if not row.api:
                assert response["Location"].startswith("/accounts/login/")
        else:
            assert response.status_code == 403, (actor, response.status_code)
            body = response.json()["detail"] if row.api else response.content.decode()
            assert "无权访问" in body or "没有权限" in body
        assert AuditEntry.objects.count() == before, f"{actor} changed something via {row.path}"


def test_django_admin_is_for_superusers_only(client, cast):
    for actor in ["admin", "inspector", "head", "clerk"]:
        client.force_login(getattr(cast, actor))
        assert client.get("/admin/").status_code == 302
    client.force_login(cast.superuser)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auditlog/auditentry/").status_code == 200
