"""The sensitive-data gate on what a DOCX holds outside its body text, and decisions that last:
taken again after 退回, carried from the previous version, changed or undone by the reviewers."""

import io
import zipfile

from gongkai.core.reports.tests.builders import build_margins_docx
from gongkai.publishing import services
from gongkai.publishing.tests.helpers import MOBILE, RESIDENT_ID, TODAY, draft, through_review

EMAIL = "zhang.san@example.com"


def margins_docx() -> bytes:
    return build_margins_docx(
        header=f"身份证号码 {RESIDENT_ID}", footer=f"联系电话 {MOBILE}", box=f"邮箱 {EMAIL}"
    )


def test_header_footer_and_text_box_hits_are_found_and_gone_from_the_published_copy(cast):
    from gongkai.publishing.tests.test_review import published_text

    publication, version = draft(cast, text="见附件。")
    services.attachment_add(
        actor=cast.clerk, version=version, name="公示.docx", data=margins_docx(), today=TODAY
    )
    hits = services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    assert sorted((h.location, h.get_kind_display(), h.value) for h in hits) == [
        ("附件“公示.docx” 文本框1 第2段", "电子邮箱", EMAIL),
        ("附件“公示.docx” 页眉 第2段", "身份证号码", RESIDENT_ID),
        ("附件“公示.docx” 页脚 第1段", "手机号码", MOBILE),
    ]
    attachment = version.attachments.get()
    assert RESIDENT_ID in attachment.text and EMAIL in attachment.text  # searchable by staff
    through_review(cast, version)
    attachment.refresh_from_db()
    text = published_text(attachment)
    for value in (RESIDENT_ID, MOBILE, EMAIL):
        assert value not in text
    assert "身份证号码 " + "＊" * 18 in text and "东湖街道办事处" in text and "咨询方式" in text
    with attachment.published.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        assert EMAIL.encode() not in archive.read("word/document.xml")  # nor in the VML fallback copy


# ---- decisions carried from the previous version (publication_new_version) ----

OTHER_MOBILE = "13700001111"


def published_first_version(cast):
    """Version 1 with hits in the text and an attachment, decided (masked, one allowed) and signed."""
    publication, first = draft(cast, text=f"申请人身份证号码{RESIDENT_ID}。\n咨询电话{MOBILE}。")
    services.attachment_add(
        actor=cast.clerk, version=first, name="公示.docx", data=margins_docx(), today=TODAY
    )
    services.version_submit(actor=cast.clerk, version=first, today=TODAY)
    for hit in first.hits.all():
        allowed = hit.kind == "mobile" and hit.attachment_id is None
        services.hit_resolve(
            actor=cast.reviewer,
            hit=hit,
            resolution="allowed" if allowed else "masked",
            reason="单位公开的咨询电话" if allowed else "",
            today=TODAY,
        )
    through_review(cast, first, mask_all=False)
    return publication, first


def second_version(cast, publication, text):
    second = services.publication_new_version(
        actor=cast.clerk, publication=publication, change_note="更正咨询电话", formed_on=TODAY, today=TODAY
    )
    services.version_edit(actor=cast.clerk, version=second, changes={"text": text}, today=TODAY)
    return second


def decisions(version):
    return sorted(
        (h.location, h.value, h.resolution, h.reason, h.carried_from)
        for h in version.hits.select_related("attachment")
    )


def test_a_new_version_keeps_the_decisions_on_the_same_hits_and_says_so(cast):
    from gongkai.auditlog.models import AuditEntry

    publication, first = published_first_version(cast)
    second = second_version(cast, publication, f"申请人身份证号码{RESIDENT_ID}。\n咨询电话{OTHER_MOBILE}。")
    services.version_submit(actor=cast.clerk, version=second, today=TODAY)
    assert decisions(second) == [
        ("正文第1行", RESIDENT_ID, "masked", "", 1),
        ("正文第2行", OTHER_MOBILE, "", "", None),  # a new value: decided afresh
        ("附件“公示.docx” 文本框1 第2段", EMAIL, "masked", "", 1),
        ("附件“公示.docx” 页眉 第2段", RESIDENT_ID, "masked", "", 1),
        ("附件“公示.docx” 页脚 第1段", MOBILE, "masked", "", 1),
    ]
    assert {h.resolved_by for h in second.hits.exclude(resolution="")} == {cast.reviewer}
    entry = AuditEntry.objects.filter(action="publishing.submit").latest("id")
    assert entry.summary.startswith("提交审核（沿用第1版的决定4处）：")
    assert entry.after["hits"] == 5 and entry.after["open_hits"] == 1
    assert sorted(
        (row["location"], row["resolution"], row["from_version"]) for row in entry.after["carried"]
    ) == [
        ("正文第1行", "masked", 1),
        ("附件“公示.docx” 文本框1 第2段", "masked", 1),
        ("附件“公示.docx” 页眉 第2段", "masked", 1),
        ("附件“公示.docx” 页脚 第1段", "masked", 1),
    ]
    assert RESIDENT_ID not in str(entry.after) and EMAIL not in str(entry.after)  # no values in the log
    # The reviewer may still change a carried decision: it is then this version's own.
    text_id = second.hits.get(attachment=None, kind="resident_id")
    services.hit_resolve(
        actor=cast.reviewer, hit=text_id, resolution="allowed", reason="本人同意公开", today=TODAY
    )
    text_id.refresh_from_db()
    assert (text_id.resolution, text_id.reason, text_id.carried_from) == ("allowed", "本人同意公开", None)


def test_the_same_value_in_another_place_or_of_an_allowed_hit_gone_is_not_carried(cast):
    publication, _ = published_first_version(cast)
    # The allowed mobile now stands in the attachment's place only, and the text holds the ID elsewhere.
    second = second_version(cast, publication, f"无关内容。\n另：{RESIDENT_ID}")
    services.version_submit(actor=cast.clerk, version=second, today=TODAY)
    assert ("正文第2行", RESIDENT_ID, "masked", "", 1) in decisions(second)  # the text, same kind and value
    assert not second.hits.filter(attachment=None, kind="mobile").exists()


def test_after_a_return_this_versions_own_decisions_win_an_undone_one_too(cast):
    publication, _ = published_first_version(cast)
    second = second_version(cast, publication, f"申请人身份证号码{RESIDENT_ID}。")
    services.version_submit(actor=cast.clerk, version=second, today=TODAY)
    header = second.hits.get(location="附件“公示.docx” 页眉 第2段")
    footer = second.hits.get(location="附件“公示.docx” 页脚 第1段")
    services.hit_reopen(actor=cast.reviewer, hit=header, today=TODAY)
    services.hit_resolve(actor=cast.secrecy, hit=footer, resolution="allowed", reason="办公电话", today=TODAY)
    services.version_return(actor=cast.reviewer, version=second, reason="请核对附件", today=TODAY)
    services.version_submit(actor=cast.clerk, version=second, today=TODAY)
    assert decisions(second) == [
        ("正文第1行", RESIDENT_ID, "masked", "", 1),
        ("附件“公示.docx” 文本框1 第2段", EMAIL, "masked", "", 1),
        ("附件“公示.docx” 页眉 第2段", RESIDENT_ID, "", "", None),  # undone stays undone
        ("附件“公示.docx” 页脚 第1段", MOBILE, "allowed", "办公电话", None),
    ]


# ---- changing a decision on the review page ----


def hit_url(hit, action=""):
    return f"/bodies/donghu/publishing/{hit.version.publication_id}/hits/{hit.pk}/{action}"


def error_of(response) -> str:
    from html import unescape

    assert response.status_code == 400
    return unescape(response.content.decode())


def test_the_review_page_shows_carried_decisions_and_changes_them(client, cast):
    from gongkai.auditlog.models import AuditEntry

    publication, _ = published_first_version(cast)
    second = second_version(cast, publication, f"申请人身份证号码{RESIDENT_ID}。")
    services.version_submit(actor=cast.clerk, version=second, today=TODAY)
    client.force_login(cast.reviewer)
    page = client.get(f"/bodies/donghu/publishing/{publication.pk}/").content.decode()
    current = page.split("第1版：")[0]  # the newest version comes first
    assert current.count("沿用第1版的决定") == 4
    assert current.count(">撤销决定</button>") == 4 and current.count(">改为允许公开</button>") == 4
    assert ">改为遮盖</button>" not in current  # every hit is masked
    earlier, history = page.split("第1版：")[1].split("办理记录")
    assert "沿用第1版的决定" not in earlier
    assert "提交审核（沿用第1版的决定4处）" in history

    hit = second.hits.get(location="附件“公示.docx” 页脚 第1段")
    response = client.post(
        hit_url(hit), {"resolution": "allowed", "reason": "  本机关值班电话  "}, follow=True
    )
    assert "已改为允许公开：手机号码（附件“公示.docx” 页脚 第1段）。" in response.content.decode()
    hit.refresh_from_db()
    assert (hit.resolution, hit.reason, hit.carried_from, hit.resolved_by) == (
        "allowed",
        "本机关值班电话",
        None,
        cast.reviewer,
    )
    page = client.get(f"/bodies/donghu/publishing/{publication.pk}/").content.decode().split("第1版：")[0]
    assert page.count("沿用第1版的决定") == 3
    assert ">改为遮盖</button>" in page and ">修改允许公开的理由</button>" in page
    assert 'value="本机关值班电话"' in page

    response = client.post(hit_url(hit), {"resolution": "masked"}, follow=True)
    assert "已改为遮盖：手机号码" in response.content.decode()
    response = client.post(hit_url(hit, "reopen/"), follow=True)
    assert "已撤销决定，待重新处理：手机号码（附件“公示.docx” 页脚 第1段）。" in response.content.decode()
    hit.refresh_from_db()
    assert (hit.resolution, hit.reason, hit.resolved_by, hit.resolved_at) == ("", "", None, None)
    assert "还有1处敏感信息未处理" in error_of(
        client.post(f"/bodies/donghu/publishing/{publication.pk}/do/review/")
    )
    entries = list(
        AuditEntry.objects.filter(action__in=["publishing.hit", "publishing.hit_reopen"])
        .order_by("-id")
        .values_list("action", "summary", "before", "after")[:3]
    )
    assert [(action, summary.split("：“")[0]) for action, summary, _, _ in entries] == [
        ("publishing.hit_reopen", "撤销“已遮盖”的决定：手机号码（附件“公示.docx” 页脚 第1段）"),
        ("publishing.hit", "改为遮盖手机号码（附件“公示.docx” 页脚 第1段）"),
        ("publishing.hit", "改为允许公开手机号码（附件“公示.docx” 页脚 第1段）"),
    ]
    assert entries[2][2] == {"resolution": "masked", "reason": "", "carried_from": 1}
    assert entries[0][3] == {"resolution": "", "reason": "", "carried_from": None}


def test_changing_a_decision_refuses_bad_input_other_people_and_a_signed_version(client, cast):
    publication, first = published_first_version(cast)
    second = second_version(cast, publication, f"申请人身份证号码{RESIDENT_ID}。")
    services.version_submit(actor=cast.clerk, version=second, today=TODAY)
    hit = second.hits.get(attachment=None)
    client.force_login(cast.secrecy)
    for bad in ("", "open", "deleted", "MASKED", "<script>alert(1)</script>", "masked\x00"):
        assert "处理方式无效" in error_of(client.post(hit_url(hit), {"resolution": bad, "reason": "x"})), bad
    for reason in ("", "   ", "\n\t"):
        message = error_of(client.post(hit_url(hit), {"resolution": "allowed", "reason": reason}))
        assert "允许公开敏感信息必须说明理由" in message
    too_long = error_of(client.post(hit_url(hit), {"resolution": "allowed", "reason": "x" * 301}))
    assert "允许公开的理由不能超过300字" in too_long
    hit.refresh_from_db()
    assert (hit.resolution, hit.carried_from) == ("masked", 1)  # nothing changed
    for user in (cast.clerk, cast.head, cast.admin, cast.inspector, cast.outsider, cast.other_admin):
        client.force_login(user)
        assert client.post(hit_url(hit), {"resolution": "allowed", "reason": "x"}).status_code == 403, user
        assert client.post(hit_url(hit, "reopen/")).status_code == 403, user
        assert client.get(hit_url(hit)).status_code in (403, 405)
    client.force_login(cast.reviewer)
    old = first.hits.get(attachment=None, kind="resident_id")
    # A hit of the signed first version, through its own item and through another body's address.
    message = error_of(client.post(hit_url(old), {"resolution": "allowed", "reason": "改一下"}))
    assert "只有审核中的版本可以处理敏感信息（当前状态：已发布）" in message
    assert "只有审核中的版本可以处理敏感信息" in error_of(client.post(hit_url(old, "reopen/")))
    assert client.post(hit_url(old).replace("donghu", "czj"), {"resolution": "masked"}).status_code == 403
    other = draft_of_other_body(cast)
    assert (
        client.post(
            hit_url(hit).replace(str(publication.pk), str(other.pk)), {"resolution": "masked"}
        ).status_code
        == 404
    )
    old.refresh_from_db()
    assert (old.resolution, old.reason) == ("masked", "")
    through_review(cast, second, mask_all=False)
    second.refresh_from_db()
    assert second.status == "published"
    page = client.get(f"/bodies/donghu/publishing/{publication.pk}/").content.decode()
    assert "撤销决定" not in page and "改为允许公开" not in page
    assert "只有审核中的版本" in error_of(client.post(hit_url(hit, "reopen/")))


def draft_of_other_body(cast):
    """An item of 东湖街道 other than the one under test (its hits are not those of the URL's item)."""
    publication, _ = draft(cast, text="另一条信息。", title="另一条信息")
    return publication


def test_the_issues_draft_no_longer_passes_review_with_a_mistyped_id(cast):
    """张伟's number has a wrong check digit: it was published before; now it blocks until decided."""
    import pytest

    from gongkai.common.services import ServiceError

    mistyped = "440301198502153216"
    text = f"城乡低保公示\n张伟，身份证号{mistyped}，电话{MOBILE}，住东湖路12号3栋2单元501室。"
    _, version = draft(cast, text=text)
    hits = services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    assert [(h.kind, h.severity) for h in hits] == [
        ("person_name", "review"),
        ("resident_id_mistyped", "sensitive"),
        ("mobile", "sensitive"),
        ("address", "review"),
    ]
    with pytest.raises(ServiceError, match="还有4处敏感信息未处理"):
        services.version_review(actor=cast.reviewer, version=version, today=TODAY)
    through_review(cast, version)
    version.refresh_from_db()
    assert mistyped not in version.published_text and "张伟" not in version.published_text
    assert "城乡低保公示" in version.published_text and "501室" not in version.published_text
