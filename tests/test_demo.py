"""The demo the quick start loads: the district's structure, and loading twice changes nothing."""

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
