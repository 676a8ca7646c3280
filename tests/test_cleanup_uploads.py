"""`manage.py cleanup_uploads` lists and removes stored files no row points to, after a grace period."""

import os
import time
from io import StringIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from gongkai.publishing import services
from gongkai.publishing.tests.helpers import TODAY, draft


def age(name: str, hours: float) -> None:
    # Setting a file's time needs the disk: the command itself only uses the storage API.
    then = time.time() - hours * 3600
    os.utime(default_storage.path(name), (then, then))


def run(*args) -> str:
    out = StringIO()
    call_command("cleanup_uploads", *args, stdout=out)
    return out.getvalue()


def test_an_old_orphan_is_removed_and_fresh_or_referenced_files_are_kept(cast):
    _, version = draft(cast)
    attachment = services.attachment_add(
        actor=cast.clerk, version=version, name="名单.txt", data="低保名单".encode(), today=TODAY
    )
    referenced = attachment.original.name
    old = default_storage.save("audits/donghu/999/old-orphan.pdf", ContentFile(b"x" * 2048))
    fresh = default_storage.save("attachments/fresh-orphan.pdf", ContentFile(b"y"))
    age(old, 25)
    age(referenced, 25)
    listed = run()
    assert old in listed and fresh not in listed and referenced not in listed
    assert "孤立文件：1个" in listed and "另有1个未被引用的文件" in listed and "未删除任何文件" in listed
    assert default_storage.exists(old)
    removed = run("--delete")
    assert "已删除1个孤立文件" in removed
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh) and default_storage.exists(referenced)


def test_nothing_stored_yet_is_no_error(db):
    assert "孤立文件：0个" in run("--delete")
