"""The demo the quick start loads: the district's structure, and loading twice changes nothing."""

import io
from datetime import date

from django.contrib.auth import get_user_model

from gongkai.auditlog.models import AuditEntry
from gongkai.bodies.demo import load_demo
from gongkai.bodies.models import Body, BodyVersion, Level, RoleAssignment


def test_demo_district_structure(db):
    logins = load_demo()
    levels = dict(BodyVersion.objects.values_list("body__code", "level"))
    assert levels == {
        "district": Level.COUNTY,
        "zwgkb": Level.DEPARTMENT,
        "donghu": Level.TOWNSHIP,
        "xishan": Level.TOWNSHIP,
        "nanmen": Level.TOWNSHIP,
        "czj": Level.DEPARTMENT,
        "zjj": Level.DEPARTMENT,
    }
    supervisors = set(BodyVersion.objects.values_list("supervisor__code", flat=True))
    assert supervisors == {"zwgkb"}
    assert len(logins) == 7 * 6 + 1
    assert RoleAssignment.objects.filter(role="inspector").get().user.username == "zwgkb-dc"


def test_loading_twice_changes_nothing(db):
    load_demo()
    counts = (
        Body.objects.count(),
        get_user_model().objects.count(),
        RoleAssignment.objects.count(),
        AuditEntry.objects.count(),
    )
    load_demo()
    assert counts == (
        Body.objects.count(),
        get_user_model().objects.count(),
        RoleAssignment.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_demo_year_gives_every_body_a_complete_consistent_report_and_a_rollup(
    client, db, weasyprint_available
):
    from django.core.management import call_command

    from gongkai.annual.models import AnnualReportVersion
    from gongkai.annual.selectors import computed_report
    from gongkai.core.reports.audit import audit_bytes

    call_command("load_demo", stdout=io.StringIO())
    for body in Body.objects.all():
        report, findings = computed_report(body=body, year=2025)
        assert [c for c in report.cells.values() if c.value is None] == [], body.code
        assert [f.code for f in findings if f.severity == "error"] == [], body.code
        assert report.value("t2", "carried_out", "total") >= 1  # the December cases go on into 2026
    published = AnnualReportVersion.objects.filter(year=2025, status="published")
    assert sorted(published.values_list("body__code", flat=True)) == [
        "czj",
        "district",
        "donghu",
        "nanmen",
        "zjj",
        "zwgkb",
    ]
    client.force_login(get_user_model().objects.get(username="zwgkb-dc"))
    page = client.get("/work/rollup/2025/").content.decode()
    assert "逾期发布" in page and "逾期未发布" in page  # 财政局 on 9 February; 西山街道 not at all
    for fmt in ("docx", "pdf"):
        download = client.get(f"/bodies/donghu/annual/2025.{fmt}")
        result = audit_bytes(download.content, f"r.{fmt}")
        assert result.report.value("t2", "new", "total") == computed_report(
            body=Body.objects.get(code="donghu"), year=2025
        )[0].value("t2", "new", "total")
        assert result.report.signed_on == date(2026, 1, 16)
