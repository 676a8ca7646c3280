"""Who sees an applicant's full ID number and phone on the case page, and the log of a 督查 opening them."""

import pytest

from gongkai.applications.tests.test_register import VALID_ID, register
from gongkai.auditlog.models import AuditEntry

PHONE = "13800000000"
MASKED_ID = "＊" * len(VALID_ID)


def case_page(client, user, application, method="get"):
    client.force_login(user)
    url = f"/bodies/{application.body.code}/applications/{application.pk}/"
    response = client.post(url + "identity/") if method == "post" else client.get(url)
    return response.status_code, response.content.decode()


def reveals():
    return AuditEntry.objects.filter(action="application.identity_reveal")


@pytest.mark.parametrize("role", ["clerk", "reviewer", "head", "admin", "superuser"])
def test_the_bodys_handling_staff_see_the_full_numbers(client, cast, role):
    application = register(cast)
    status, page = case_page(client, getattr(cast, role), application)
    assert status == 200 and VALID_ID in page and PHONE in page and "查看完整号码" not in page


@pytest.mark.parametrize("role", ["inspector", "secrecy"])
def test_readers_who_do_not_handle_the_case_see_them_masked(client, cast, role):
    application = register(cast)
    status, page = case_page(client, getattr(cast, role), application)
    assert status == 200 and VALID_ID not in page and PHONE not in page
    assert MASKED_ID in page and "查看完整号码" in page
    assert not reveals().exists()


def test_an_inspector_opens_them_with_a_post_that_is_logged_first(client, cast):
    application = register(cast)
    status, page = case_page(client, cast.inspector, application, method="post")
    assert status == 200 and VALID_ID in page and PHONE in page
    [entry] = reveals()
    assert (entry.actor, entry.body, entry.target_id) == (cast.inspector, cast.body, str(application.pk))
    assert entry.target_type == "applications.application" and application.number in entry.summary
    assert entry.at is not None
    # Opening is for this response only: the next visit shows them masked again.
    assert VALID_ID not in case_page(client, cast.inspector, application)[1]


def test_opening_by_get_is_refused_and_outsiders_never_reach_the_page(client, cast):
    application = register(cast)
    client.force_login(cast.inspector)
    url = f"/bodies/{application.body.code}/applications/{application.pk}/identity/"
    assert client.get(url).status_code == 405
    for outsider in (cast.outsider, cast.other_admin):
        assert case_page(client, outsider, application)[0] == 403
        assert case_page(client, outsider, application, method="post")[0] == 403
    assert not reveals().exists()
