"""Permission-matrix rows of the proactive-disclosure staff pages (see tests/access.py).

The sample item is a draft of 东湖街道 with one attachment and one sensitive hit; steps that do
not fit a draft answer 400 to the people allowed to try them, 403 to everyone else.
"""

from tests.access import READERS, Row

DRAFTERS = {"clerk", "backup_clerk", "superuser"}
ADMINS = {"admin", "superuser"}
RESOLVERS = {"reviewer", "secrecy", "superuser"}
PUBLISHING_STAFF = {"clerk", "backup_clerk", "reviewer", "secrecy", "head", "superuser"}
ITEM = "/bodies/{body}/publishing/{publication}/"


def step(name: str, allowed: set[str], ok=(400,), data=None) -> Row:
    return Row("publishing-step", "post", ITEM + f"do/{name}/", allowed, ok=ok, data=data or {})


ROWS = [
    Row("publishing-list", "get", "/bodies/{body}/publishing/", READERS),
    Row("publishing-catalogue", "get", "/bodies/{body}/publishing/catalogue/", READERS),
    Row(
        "publishing-catalogue-install",
        "post",
        "/bodies/{body}/publishing/catalogue/install/",
        ADMINS,
        ok=(400,),
    ),
    Row("publishing-column-new", "get", "/bodies/{body}/publishing/catalogue/new/", ADMINS),
    Row(
        "publishing-column-new",
        "post",
        "/bodies/{body}/publishing/catalogue/new/",
        ADMINS,
        ok=(302, 400),
        data={"name": "新栏目", "code": "xinlanmu", "position": "9", "update_every": ""},
    ),
    Row("publishing-column-edit", "get", "/bodies/{body}/publishing/catalogue/{column}/edit/", ADMINS),
    Row("publishing-index-rule", "get", "/bodies/{body}/publishing/index-rule/", ADMINS),
    Row(
        "publishing-index-rule",
        "post",
        "/bodies/{body}/publishing/index-rule/",
        ADMINS,
        ok=(302,),
        data={"rule": "DH-{year}-{seq:05d}"},
    ),
    Row("publishing-new", "get", "/bodies/{body}/publishing/new/", DRAFTERS),
    Row("publishing-new", "post", "/bodies/{body}/publishing/new/", DRAFTERS, ok=(400,), data={"title": "x"}),
    Row("publishing-detail", "get", ITEM, READERS),
    Row("publishing-edit", "get", ITEM + "edit/", DRAFTERS),
    Row(
        "publishing-edit",
        "post",
        ITEM + "edit/",
        DRAFTERS,
        ok=(302,),
        data={
            "title": "修改后的标题",
            "issuer": "东湖街道办事处",
            "formed_on": "2026-01-05",
            "topic": "综合政务",
        },
    ),
    step("submit", DRAFTERS, ok=(302, 400)),
    step("review", {"reviewer", "superuser"}),
    step("clear", {"secrecy", "superuser"}),
    step("sign", {"head", "superuser"}),
    step("return", {"reviewer", "secrecy", "head", "superuser"}, data={"return-reason": "请修改"}),
    step(
        "new_version",
        DRAFTERS,
        data={"new_version-change_note": "更正", "new_version-formed_on": "2026-01-05"},
    ),
    step("repeal", {"head", "superuser"}, data={"repeal-repealed_on": "2026-01-05", "repeal-basis": "x"}),
    step("interprets", DRAFTERS),
    step("nonsense", PUBLISHING_STAFF, ok=(404,)),
    Row("publishing-attachment-add", "post", ITEM + "attachments/", DRAFTERS, ok=(400,)),
    Row(
        "publishing-attachment-remove",
        "post",
        ITEM + "attachments/{attachment}/remove/",
        DRAFTERS,
        ok=(302,),
    ),
    Row("publishing-attachment-download", "get", ITEM + "attachments/{attachment}/original/", READERS),
    Row("publishing-hit", "post", ITEM + "hits/{hit}/", RESOLVERS, ok=(400,), data={"resolution": "masked"}),
    Row("publishing-hit-reopen", "post", ITEM + "hits/{hit}/reopen/", RESOLVERS, ok=(400,)),
]


def placeholders(cast) -> dict:
    """东湖街道's catalogue and a draft with an attachment and a hit, made once per test."""
    from datetime import date

    from django.core.files.base import ContentFile

    from gongkai.publishing.models import Attachment, CatalogueNode, Publication, SensitiveHit
    from gongkai.publishing.services import catalogue_install_default, publication_create

    if not CatalogueNode.objects.filter(body=cast.body).exists():
        catalogue_install_default(actor=cast.admin, body=cast.body, today=date(2026, 1, 5))
    column = CatalogueNode.objects.get(body=cast.body, code="dibao")
    own = Publication.objects.filter(
        body=cast.body, versions__title="低保名单", published_version__isnull=True
    )
    publication = own.order_by("id").first() or publication_create(
        actor=cast.clerk,
        body=cast.body,
        column=column,
        kind="other",
        details={
            "title": "低保名单",
            "issuer": "东湖街道办事处",
            "formed_on": date(2026, 1, 5),
            "text": "名单",
        },
        today=date(2026, 1, 5),
    )
    version = publication.versions.order_by("-number").first()
    attachment = version.attachments.first()
    if attachment is None:  # made again after a removal, without the audit log (setup, not a change)
        attachment = Attachment(version=version, name="名单.txt", file_type="text", size=6)
        attachment.original.save("名单.txt", ContentFile("名单".encode()), save=False)
        attachment.save()
    hit = version.hits.first() or SensitiveHit.objects.create(
        version=version, kind="mobile", location="正文第1行", value="13912345678", start=0, end=11
    )
    return {"publication": publication.pk, "column": column.pk, "attachment": attachment.pk, "hit": hit.pk}
