"""Bodies over time, roles, AB岗 backups and supervision, through the use-case functions."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.auditlog.models import AuditEntry
from gongkai.bodies import services
from gongkai.bodies.models import BodyVersion, Role
from gongkai.bodies.selectors import inspected_body_ids, roles_held, visible_bodies

TODAY = date(2026, 11, 24)


def test_a_later_change_opens_a_new_version_and_keeps_history(cast):
    old = cast.body.version_on(TODAY)
    services.body_update_details(
        actor=cast.admin,
        body=cast.body,
        effective_from=date(2027, 1, 1),
        changes={"office_phone": "0755-1234 5678"},
    )
    assert cast.body.version_on(TODAY).office_phone == old.office_phone
    assert cast.body.version_on(date(2027, 1, 1)).office_phone == "0755-1234 5678"
    assert BodyVersion.objects.get(pk=old.pk).valid_to == date(2027, 1, 1)
    entry = AuditEntry.objects.filter(action="body.update").latest("id")
    assert entry.before["office_phone"] == old.office_phone
    assert entry.after["office_phone"] == "0755-1234 5678"
    assert entry.legal_basis == "《政府信息公开条例》第十二条"
    assert "联系电话" in entry.summary


def test_a_change_on_the_same_day_corrects_the_version(cast):
    current = cast.body.versions.get(valid_to=None)
    services.body_update_details(
        actor=cast.admin, body=cast.body, effective_from=current.valid_from, changes={"office_fax": "无"}
    )
    assert cast.body.versions.count() == 1
    assert cast.body.versions.get().office_fax == "无"


def test_back_dating_before_the_current_version_is_refused(cast):
    with pytest.raises(services.ServiceError, match="不能早于现行版本"):
        services.body_update_details(
            actor=cast.admin, body=cast.body, effective_from=date(2018, 1, 1), changes={"office_fax": "x"}
        )
    assert cast.body.versions.count() == 1


def test_a_body_cannot_be_its_own_parent(cast):
    with pytest.raises(services.ServiceError, match="上级机关不能是本机关"):
        services.body_update_details(
            actor=cast.admin, body=cast.body, effective_from=date(2027, 1, 1), changes={"parent": cast.body}
        )
    assert cast.body.versions.count() == 1  # the split was rolled back with the error


def test_backup_acts_only_while_the_holder_is_away(cast):
    today = timezone.localdate()
    assert Role.CLERK not in roles_held(user=cast.reviewer, body=cast.body, on=today)
    assert roles_held(user=cast.backup_clerk, body=cast.body, on=today) == {Role.CLERK}
    reviewer_assignment = cast.body.assignments.get(user=cast.reviewer)
    services.role_set_backup(actor=cast.admin, assignment=reviewer_assignment, backup=cast.clerk)
    assert roles_held(user=cast.clerk, body=cast.body, on=today) == {Role.CLERK}
    services.absence_record(
        actor=cast.reviewer,
        body=None,
        user=cast.reviewer,
        starts_on=today,
        ends_on=today + timedelta(days=2),
        reason="培训",
    )
    assert roles_held(user=cast.clerk, body=cast.body, on=today) == {Role.CLERK, Role.REVIEWER}
    assert roles_held(user=cast.clerk, body=cast.body, on=today + timedelta(days=3)) == {Role.CLERK}


def test_a_role_cannot_be_held_twice_or_backed_up_by_oneself(cast):
    with pytest.raises(services.ServiceError, match="已担任经办人"):
        services.role_assign(
            actor=cast.admin, body=cast.body, user=cast.clerk, role=Role.CLERK, valid_from=TODAY
        )
    with pytest.raises(services.ServiceError, match="不能是本人"):
        services.role_assign(
            actor=cast.admin,
            body=cast.body,
            user=cast.clerk,
            role=Role.HEAD,
            valid_from=TODAY,
            backup=cast.clerk,
        )


def test_ending_a_role_removes_it_from_that_day(cast):
    assignment = cast.body.assignments.get(user=cast.head)
    services.role_end(actor=cast.admin, assignment=assignment, valid_to=TODAY)
    assert roles_held(user=cast.head, body=cast.body, on=TODAY) == set()
    assert roles_held(user=cast.head, body=cast.body, on=TODAY - timedelta(days=1)) == {Role.HEAD}
    with pytest.raises(services.ServiceError, match="已经终止"):
        services.role_end(actor=cast.admin, assignment=assignment, valid_to=TODAY)


def test_inspector_sees_every_supervised_body_and_others_see_only_their_own(cast):
    today = timezone.localdate()
    codes = set(visible_bodies(user=cast.inspector, on=today).values_list("code", flat=True))
    assert codes == {"district", "zwgkb", "donghu", "xishan", "nanmen", "czj", "zjj"}
    assert set(visible_bodies(user=cast.clerk, on=today).values_list("code", flat=True)) == {"donghu"}
    assert inspected_body_ids(user=cast.office_clerk, on=today) == set()


def test_supervision_is_followed_down_the_chain(cast):
    # A 社区 supervised by 东湖街道 is visible to the district inspector through 东湖.
    community = services.body_create(
        actor=cast.superuser,
        code="donghu-sq1",
        credit_code="11440399MB0000084X",
        established_on=date(2020, 1, 1),
        details={"name": "东湖第一社区", "level": "township", "parent": cast.body, "supervisor": cast.body},
    )
    assert community.id in inspected_body_ids(user=cast.inspector, on=timezone.localdate())
