"""The review path: each step by its role only, hits blocking, masking really removing the values."""

from datetime import date

import pytest

from gongkai.auditlog.models import AuditEntry
from gongkai.bodies.models import Absence
from gongkai.common.services import ServiceError
from gongkai.core.redact import document_text
from gongkai.core.reports.readers import read_bytes
from gongkai.publishing import services
from gongkai.publishing.models import Publication
from gongkai.publishing.selectors import interpretation_share, is_late, item_rows, missing_updates
from gongkai.publishing.tests.helpers import (
    MOBILE,
    RESIDENT_ID,
    TODAY,
    docx_bytes,
    draft,
    install_catalogue,
    pdf_bytes,
    through_review,
    xlsx_bytes,
)

TEXT = f"低保对象名单：\n张三，身份证号码{RESIDENT_ID}，联系电话{MOBILE}。\n每月发放800元。"


def published_text(attachment) -> str:
    with attachment.published.open("rb") as handle:
        return document_text(read_bytes(handle.read(), attachment.name))


def test_the_whole_path_masks_the_text_and_every_attachment_type(cast):
    publication, version = draft(cast, text=TEXT)
    files = {
        "名单.docx": docx_bytes("低保名单", f"李四 {RESIDENT_ID}", cell=MOBILE),
        "名单.xlsx": xlsx_bytes(["低保名单"], ["姓名", "身份证号码", "金额"], ["李四", RESIDENT_ID, 800]),
        "名单.pdf": pdf_bytes("城乡低保名单", f"李四 {RESIDENT_ID} 800元"),
        "名单.txt": f"低保名单\n李四 {MOBILE}\n".encode(),
        "名单.html": f"<html><body><p>低保名单</p><p>{RESIDENT_ID}</p></body></html>".encode(),
    }
    for name, data in files.items():
        services.attachment_add(actor=cast.clerk, version=version, name=name, data=data, today=TODAY)
    hits = services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    locations = {hit.location for hit in hits}
    assert {"正文第2行"} <= locations
    assert any(loc.startswith("附件“名单.xlsx”") and "表1 第3行第2列" in loc for loc in locations)
    sensitive = [hit for hit in hits if hit.severity == "sensitive"]
    assert len(sensitive) == 2 + 2 + 1 + 1 + 1 + 1
    # 张三 in the text and 李四 before a number in the DOCX, PDF and text file: for the reviewer.
    assert sorted(hit.value for hit in hits if hit.kind == "person_name") == ["张三", "李四", "李四", "李四"]
    through_review(cast, version)
    version.refresh_from_db()
    publication.refresh_from_db()
    assert version.status == "published" and version.published_on == TODAY
    assert RESIDENT_ID not in version.published_text and MOBILE not in version.published_text
    assert "＊" * 18 in version.published_text and "每月发放800元" in version.published_text
    assert RESIDENT_ID in version.text  # the staff copy is kept
    for attachment in version.attachments.all():
        text = published_text(attachment)
        assert RESIDENT_ID not in text and MOBILE not in text, attachment.name
        assert "低保名单" in text, attachment.name
    assert (publication.published_version, publication.first_published_on) == (version, TODAY)


def test_each_step_only_by_its_role(cast):
    _, version = draft(cast, text="无敏感信息的正文。")
    with pytest.raises(ServiceError, match="只有经办人"):
        services.version_submit(actor=cast.reviewer, version=version, today=TODAY)
    services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    for actor in (cast.clerk, cast.secrecy, cast.head, cast.inspector, cast.outsider):
        with pytest.raises(ServiceError, match="只有审核人"):
            services.version_review(actor=actor, version=version, today=TODAY)
    services.version_review(actor=cast.reviewer, version=version, today=TODAY)
    for actor in (cast.clerk, cast.reviewer, cast.head):
        with pytest.raises(ServiceError, match="只有保密审查员"):
            services.version_secrecy_clear(actor=actor, version=version, today=TODAY)
    services.version_secrecy_clear(actor=cast.secrecy, version=version, today=TODAY)
    for actor in (cast.clerk, cast.reviewer, cast.secrecy, cast.admin):
        with pytest.raises(ServiceError, match="只有负责人"):
            services.version_sign(actor=actor, version=version, today=TODAY)
    services.version_sign(actor=cast.head, version=version, today=TODAY)
    actions = list(
        AuditEntry.objects.filter(action__startswith="publishing.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-4:] == ["publishing.submit", "publishing.review", "publishing.secrecy", "publishing.sign"]


def test_steps_out_of_order_and_double_clicks_are_refused(cast):
    _, version = draft(cast, text="正文。")
    with pytest.raises(ServiceError, match="不在待审核状态"):
        services.version_review(actor=cast.reviewer, version=version, today=TODAY)
    services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    with pytest.raises(ServiceError, match="只有草稿可以提交"):
        services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    with pytest.raises(ServiceError, match="不在待签发状态"):
        services.version_sign(actor=cast.head, version=version, today=TODAY)
    with pytest.raises(ServiceError, match="只有草稿可以修改"):
        services.version_edit(actor=cast.clerk, version=version, changes={"title": "改"}, today=TODAY)


def test_a_backup_acts_only_while_the_holder_is_away(cast):
    _, version = draft(cast, text="正文。")
    with pytest.raises(ServiceError):
        services.version_submit(actor=cast.outsider, version=version, today=TODAY)
    services.version_submit(actor=cast.backup_clerk, version=version, today=TODAY)  # jb2 is a clerk too
    reviewer_assignment = cast.body.assignments.get(user=cast.reviewer, role="reviewer")
    reviewer_assignment.backup = cast.secrecy
    reviewer_assignment.save()
    with pytest.raises(ServiceError, match="只有审核人"):
        services.version_review(actor=cast.secrecy, version=version, today=TODAY)
    Absence.objects.create(user=cast.reviewer, starts_on=TODAY, ends_on=TODAY, reason="出差")
    services.version_review(actor=cast.secrecy, version=version, today=TODAY)


def test_open_hits_block_every_step_and_allowing_needs_a_reason(cast):
    _, version = draft(cast, text=TEXT)
    services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    with pytest.raises(ServiceError, match="还有3处敏感信息未处理"):
        services.version_review(actor=cast.reviewer, version=version, today=TODAY)
    name, first, second = version.hits.all()
    assert (name.kind, name.value) == ("person_name", "张三")  # a review-severity hit blocks like the others
    services.hit_resolve(actor=cast.reviewer, hit=name, resolution="masked", today=TODAY)
    with pytest.raises(ServiceError, match="只有审核人或保密审查员"):
        services.hit_resolve(actor=cast.clerk, hit=first, resolution="masked", today=TODAY)
    with pytest.raises(ServiceError, match="必须说明理由"):
        services.hit_resolve(actor=cast.reviewer, hit=first, resolution="allowed", reason=" ", today=TODAY)
    services.hit_resolve(actor=cast.reviewer, hit=first, resolution="masked", today=TODAY)
    services.hit_resolve(
        actor=cast.secrecy, hit=second, resolution="allowed", reason="该号码为公开的办事电话", today=TODAY
    )
    services.version_review(actor=cast.reviewer, version=version, today=TODAY)
    services.version_secrecy_clear(actor=cast.secrecy, version=version, today=TODAY)
    services.version_sign(actor=cast.head, version=version, today=TODAY)
    version.refresh_from_db()
    assert RESIDENT_ID not in version.published_text and MOBILE in version.published_text
    assert "张三" not in version.published_text and "＊＊，身份证号码" in version.published_text


def test_return_sends_back_a_draft_with_a_reason_and_keeps_decisions(cast):
    _, version = draft(cast, text=TEXT)
    services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    for hit in version.hits.all():
        services.hit_resolve(actor=cast.reviewer, hit=hit, resolution="masked", today=TODAY)
    services.version_review(actor=cast.reviewer, version=version, today=TODAY)
    with pytest.raises(ServiceError, match="只有保密审查员可以退回"):
        services.version_return(actor=cast.reviewer, version=version, reason="x", today=TODAY)
    with pytest.raises(ServiceError, match="必须说明理由"):
        services.version_return(actor=cast.secrecy, version=version, reason="", today=TODAY)
    services.version_return(actor=cast.secrecy, version=version, reason="请核对金额", today=TODAY)
    version.refresh_from_db()
    assert (version.status, version.reviewed_by) == ("draft", None)
    services.version_edit(actor=cast.clerk, version=version, changes={"title": "更正后的标题"}, today=TODAY)
    hits = services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    assert all(hit.resolution == "masked" for hit in hits)


def test_a_new_version_is_reviewed_afresh_and_supersedes_the_old(cast):
    publication, first = draft(cast, text="第一版正文。")
    services.attachment_add(
        actor=cast.clerk, version=first, name="附件.docx", data=docx_bytes("附件正文"), today=TODAY
    )
    through_review(cast, first)
    with pytest.raises(ServiceError, match="修改说明"):
        services.publication_new_version(
            actor=cast.clerk, publication=publication, change_note="", formed_on=TODAY, today=TODAY
        )
    second = services.publication_new_version(
        actor=cast.clerk, publication=publication, change_note="更正发放金额", formed_on=TODAY, today=TODAY
    )
    assert (second.number, second.status, second.text) == (2, "draft", "第一版正文。")
    assert second.attachments.get().name == "附件.docx"
    with pytest.raises(ServiceError, match="已有未发布的新版本"):
        services.publication_new_version(
            actor=cast.clerk, publication=publication, change_note="再改", formed_on=TODAY, today=TODAY
        )
    services.version_edit(actor=cast.clerk, version=second, changes={"text": "第二版正文。"}, today=TODAY)
    publication.refresh_from_db()
    assert publication.published_version == first  # the public still sees version 1
    through_review(cast, second)
    publication.refresh_from_db()
    first.refresh_from_db()
    assert publication.published_version == second and first.status == "superseded"
    assert publication.first_published_on == TODAY
    assert list(publication.versions.values_list("number", "status")) == [(2, "published"), (1, "superseded")]


def test_repeal_by_the_head_with_a_date_and_basis(cast):
    publication, version = draft(cast, column="guifanxing", kind="normative", text="规范性文件正文。")
    with pytest.raises(ServiceError, match="尚未发布"):
        services.publication_repeal(
            actor=cast.head, publication=publication, repealed_on=TODAY, basis="x", today=TODAY
        )
    through_review(cast, version)
    with pytest.raises(ServiceError, match="只有负责人"):
        services.publication_repeal(
            actor=cast.clerk, publication=publication, repealed_on=TODAY, basis="x", today=TODAY
        )
    with pytest.raises(ServiceError, match="废止依据"):
        services.publication_repeal(
            actor=cast.head, publication=publication, repealed_on=TODAY, basis="", today=TODAY
        )
    services.publication_repeal(
        actor=cast.head, publication=publication, repealed_on=TODAY, basis="东湖办〔2026〕9号", today=TODAY
    )
    publication.refresh_from_db()
    assert not publication.is_valid and publication.repeal_note == "东湖办〔2026〕9号"
    with pytest.raises(ServiceError, match="已于"):
        services.publication_repeal(
            actor=cast.head, publication=publication, repealed_on=TODAY, basis="再次", today=TODAY
        )


def test_interpretations_link_only_to_normative_documents_of_the_body_and_count_in_the_share(cast):
    document, doc_version = draft(cast, column="guifanxing", kind="normative", text="办法正文。")
    other_document, other_version = draft(cast, column="guifanxing", kind="normative", text="另一办法。")
    reading, reading_version = draft(cast, column="jiedu", kind="interpretation", text="解读正文。")
    notice, _ = draft(cast, column="qitawenjian", kind="other", text="通知。")
    for version in (doc_version, other_version, reading_version):
        through_review(cast, version)
    with pytest.raises(ServiceError, match="行政规范性文件或规章"):
        services.publication_link_interpretation(
            actor=cast.clerk, interpretation=reading, document=notice, today=TODAY
        )
    with pytest.raises(ServiceError, match="只有“政策解读”"):
        services.publication_link_interpretation(
            actor=cast.clerk, interpretation=notice, document=document, today=TODAY
        )
    assert interpretation_share(body=cast.body).percent == 0
    services.publication_link_interpretation(
        actor=cast.clerk, interpretation=reading, document=document, today=TODAY
    )
    share = interpretation_share(body=cast.body)
    assert (share.documents, share.interpreted, share.percent) == (2, 1, 50)


def test_late_items_and_missing_periodic_updates(cast):
    _, version = draft(cast, text="九月名单。")  # formed 9-25, due 10-29 (国庆 holidays)
    assert version.due_on == date(2026, 10, 29)
    assert not is_late(version, date(2026, 10, 29)) and is_late(version, date(2026, 10, 30))
    assert [row.version for row in item_rows(body=cast.body, today=date(2026, 11, 2), late=True)] == [version]
    missing = {m.column.code for m in missing_updates(body=cast.body, today=TODAY)}
    assert {"dibao", "yujuesuan", "tongji", "jiuzhu"} <= missing
    through_review(cast, version)  # published 10-9: the 低保 column is due again by 11-30
    missing = {m.column.code: m for m in missing_updates(body=cast.body, today=TODAY)}
    assert "dibao" not in missing
    assert "dibao" in {m.column.code for m in missing_updates(body=cast.body, today=date(2026, 12, 1))}


def test_drafting_needs_the_clerk_and_a_column_of_the_body(cast):
    catalogue = install_catalogue(cast.body, cast.admin)
    with pytest.raises(ServiceError, match="只有经办人"):
        services.publication_create(
            actor=cast.inspector,
            body=cast.body,
            column=catalogue.get(code="dibao"),
            kind="other",
            details={"title": "x", "issuer": "y", "formed_on": TODAY},
            today=TODAY,
        )
    assert not Publication.objects.exists()


def save_node(cast, actor, node, **changes):
    fields = {
        "code": node.code,
        "name": node.name,
        "parent": node.parent,
        "position": node.position,
        "update_every": node.update_every,
    }
    return services.catalogue_node_save(
        actor=actor, body=cast.body, node=node, today=TODAY, **(fields | changes)
    )


def test_the_catalogue_and_index_rule_are_the_admins(cast):
    catalogue = install_catalogue(cast.body, cast.admin)
    dibao = catalogue.get(code="dibao")
    with pytest.raises(ServiceError, match="只有管理员"):
        save_node(cast, cast.clerk, dibao, name="低保")
    save_node(cast, cast.admin, dibao, name="城乡低保", update_every="quarter")
    dibao.refresh_from_db()
    assert (dibao.name, dibao.update_every) == ("城乡低保", "quarter")
    with pytest.raises(ServiceError, match="自己的下级"):
        save_node(cast, cast.admin, dibao.parent, parent=dibao)
    with pytest.raises(ServiceError, match="必须包含年份"):
        services.index_rule_set(actor=cast.admin, body=cast.body, rule="{credit_code}", today=TODAY)
    services.index_rule_set(actor=cast.admin, body=cast.body, rule="DH-{year}-{seq:04d}", today=TODAY)
    publication, _ = draft(cast)
    assert publication.index_number == "DH-2026-0001"
