"""条例第四十四条 through the real path: two like applications answered with disclosure become one
draft item of the 公开目录, linked both ways and logged on both sides; the refusals."""

from datetime import date

import pytest

from gongkai.applications import handling
from gongkai.applications.proactive import application_suggestion_record
from gongkai.applications.tests.test_register import person, register
from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError
from gongkai.conversion.services import application_join_proactive, application_turn_proactive
from gongkai.publishing.models import CatalogueNode, VersionStatus
from gongkai.publishing.services import catalogue_install_default

OTHER_ID = "440305199001010018"
TODAY = date(2026, 3, 20)
DIBAO = "2025年东湖街道低保发放名单及金额"


@pytest.fixture
def column(cast):
    if not CatalogueNode.objects.filter(body=cast.body).exists():
        catalogue_install_default(actor=cast.admin, body=cast.body, today=date(2026, 1, 5))
    return CatalogueNode.objects.get(body=cast.body, code="dibao")


def answered(cast, case, ground="36-2"):
    handling.application_decide(
        actor=cast.head,
        application=case,
        ground_code=ground,
        on=date(2026, 3, 10),
        today=TODAY,
        access="到东湖街道政务服务中心领取纸质件",
        reason="依法不予公开",
        withheld="身份证号码",
    )
    case.refresh_from_db()
    return case


def two_like(cast):
    first = register(cast, information_requested=DIBAO)
    second = register(
        cast,
        applicant=person(name="李四", id_document_number=OTHER_ID),
        information_requested="2025年东湖街道低保发放名单和金额",
    )
    return answered(cast, first), answered(cast, second, ground="37")


def turn(cast, case, column, also=(), actor=None):
    return application_turn_proactive(
        actor=actor or cast.clerk,
        application=case,
        column=column,
        kind="other",
        title="东湖街道2025年低保发放名单",
        also=list(also),
        today=TODAY,
    )


def test_two_like_applications_become_one_draft_linked_both_ways(cast, column, weasyprint_available):
    first, second = two_like(cast)
    publication = turn(cast, first, column, also=[second])
    version = publication.versions.get()
    assert version.status == VersionStatus.DRAFT and publication.published_version is None
    assert publication.column == column and version.title == "东湖街道2025年低保发放名单"
    assert version.formed_on == TODAY and version.issuer
    assert set(publication.source_applications.values_list("number", flat=True)) == {
        first.number,
        second.number,
    }
    first.refresh_from_db()
    assert first.proactive_publication == publication and first.proactive_on == TODAY
    logged = AuditEntry.objects.filter(action="application.turn_proactive").values_list(
        "target_id", flat=True
    )
    assert set(logged) == {str(first.pk), str(second.pk)}
    on_item = AuditEntry.objects.get(action="publishing.from_applications")
    assert on_item.target_id == str(publication.pk) and first.number in on_item.summary
    assert on_item.legal_basis == "《政府信息公开条例》第四十四条"


def test_a_like_case_joins_the_draft_of_the_first(cast, column, weasyprint_available):
    first, second = two_like(cast)
    publication = turn(cast, first, column)
    application_join_proactive(actor=cast.clerk, application=second, publication=publication, today=TODAY)
    assert publication.source_applications.count() == 2


def test_the_same_case_is_not_turned_twice(cast, column, weasyprint_available):
    first, second = two_like(cast)
    turn(cast, first, column)
    with pytest.raises(ServiceError, match="不能重复"):
        turn(cast, first, column)
    with pytest.raises(ServiceError, match="不能重复"):
        turn(cast, second, column, also=[first])


def test_a_case_not_answered_with_disclosure_is_refused(cast, column, weasyprint_available):
    first = register(cast, information_requested=DIBAO)
    register(cast, applicant=person(name="李四", id_document_number=OTHER_ID), information_requested=DIBAO)
    with pytest.raises(ServiceError, match="尚未答复"):
        turn(cast, first, column)
    refused = answered(cast, first, ground="36-4")
    with pytest.raises(ServiceError, match="只有予以公开或部分公开"):
        turn(cast, refused, column)
    assert not AuditEntry.objects.filter(action="application.turn_proactive").exists()
    assert not column.publications.filter(versions__title="东湖街道2025年低保发放名单").exists()


def test_one_applicant_alone_needs_a_suggestion(cast, column, weasyprint_available):
    alone = answered(cast, register(cast, information_requested="东湖街道2026年老旧小区改造计划"))
    with pytest.raises(ServiceError, match="多个申请人"):
        turn(cast, alone, column)
    application_suggestion_record(actor=cast.clerk, application=alone, reason="涉及公众利益", today=TODAY)
    assert turn(cast, alone, column).source_applications.get() == alone
    assert AuditEntry.objects.filter(action="application.proactive_suggestion").exists()


def test_staff_of_another_body_and_inspectors_are_refused(cast, column, weasyprint_available):
    first, _ = two_like(cast)
    for actor in (cast.outsider, cast.inspector):
        with pytest.raises(ServiceError, match="只有本机关的办理人员"):
            turn(cast, first, column, actor=actor)


def test_a_suggestion_made_at_registration_is_kept(cast):
    case = register(cast, proactive_suggestion="需要公众广泛知晓")
    assert case.suggests_proactive and case.proactive_suggestion == "需要公众广泛知晓"
    assert not register(cast).suggests_proactive
