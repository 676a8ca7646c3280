from datetime import date

from gongkai.applications.selectors import similar_applications
from gongkai.applications.tests.test_register import person, register

OTHER_ID = "440305199001010018"


def test_same_applicant_and_near_identical_requests_are_shown(cast, client):
    first = register(cast, information_requested="2025年东湖街道低保发放名单及金额")
    other_person_same_text = register(
        cast,
        applicant=person(name="李四", id_document_number=OTHER_ID),
        information_requested="2025年东湖街道低保发放名单和金额",
    )
    unrelated = register(
        cast,
        applicant=person(name="王五", id_document_number=OTHER_ID),
        information_requested="老旧小区改造计划",
    )
    current = register(
        cast, information_requested="2025年东湖街道低保发放名单及金额", received_on=date(2026, 3, 2)
    )
    found = {a.number: reason for a, reason in similar_applications(application=current)}
    assert found[first.number] == "同一申请人，内容相似度100%"
    assert found[other_person_same_text.number].startswith("内容相似度9")
    assert unrelated.number not in found
    client.force_login(cast.clerk)
    page = client.get(f"/bodies/donghu/applications/{current.pk}/").content.decode()
    assert "可能重复的申请" in page and first.number in page
