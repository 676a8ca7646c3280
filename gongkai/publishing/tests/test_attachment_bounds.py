"""An attachment is bounded before it is read, and a failed use case leaves no stored file behind."""

import pytest
from django.core.files.storage import default_storage

from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files, store
from gongkai.publishing import services
from gongkai.publishing.models import Attachment
from gongkai.publishing.tests.helpers import TODAY, draft
from gongkai.supervision.tests.hostile import many_page_pdf


def test_a_pdf_over_the_page_cap_is_refused_with_its_name(cast, settings):
    settings.MAX_ATTACHMENT_PAGES = 5
    _, version = draft(cast)
    with pytest.raises(ServiceError, match="长附件.pdf：PDF共6页，超过5页的上限"):
        services.attachment_add(
            actor=cast.clerk, version=version, name="长附件.pdf", data=many_page_pdf(6), today=TODAY
        )
    assert not Attachment.objects.exists()


def test_the_attachment_view_refuses_it_in_chinese(client, cast, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_ATTACHMENT_PAGES = 5
    publication, _ = draft(cast)
    client.force_login(cast.clerk)
    response = client.post(
        f"/bodies/{cast.body.code}/publishing/{publication.pk}/attachments/",
        {"file": SimpleUploadedFile("长附件.pdf", many_page_pdf(6))},
    )
    assert response.status_code == 400 and "超过5页的上限" in response.content.decode()


def test_an_exception_after_the_file_is_stored_removes_it(cast):
    _, version = draft(cast)
    attachment = Attachment(version=version, name="a.txt", file_type="text", size=1, text="", position=0)
    with pytest.raises(RuntimeError), atomic_with_files():
        store(attachment.original, "a.txt", b"x")
        stored = attachment.original.name
        assert default_storage.exists(stored)
        raise RuntimeError("after the save")
    assert not default_storage.exists(stored)


def test_storing_outside_atomic_with_files_is_refused(cast):
    _, version = draft(cast)
    attachment = Attachment(version=version, name="a.txt", file_type="text", size=1, text="", position=0)
    with pytest.raises(RuntimeError, match="atomic_with_files"):
        store(attachment.original, "a.txt", b"x")
