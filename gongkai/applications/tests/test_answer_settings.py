"""The 管理员's answer settings and letter templates, through their pages: saved, logged, used by
the next letter; the legal wording is shown locked and cannot be posted."""

from datetime import date

from gongkai.applications import handling
from gongkai.applications.models import AnswerSettings, LetterTemplate
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry


def test_the_admin_sets_the_flow_and_the_review_authority(client, cast, weasyprint_available):
    client.force_login(cast.admin)
    page = client.get("/bodies/donghu/applications/settings/").content.decode()
    assert "拟办 → 审核 → 签发" in page and "答复书：部分公开（第三十七条）" in page
    bad = client.post("/bodies/donghu/applications/settings/", {"flow": "anyone_signs"})
    assert bad.status_code == 400 and "答复审批流程" in bad.content.decode()
    assert not AnswerSettings.objects.exists()
    response = client.post(
        "/bodies/donghu/applications/settings/",
        {"flow": "one_step", "notices_need_approval": "on", "review_authority": " 示范市生态环境局 "},
    )
    assert response.status_code == 302
    saved = AnswerSettings.objects.get(body=cast.body)
    assert (saved.flow, saved.notices_need_approval, saved.review_authority, saved.court) == (
        "one_step",
        True,
        "示范市生态环境局",
        "",
    )
    assert AuditEntry.objects.filter(action="answer_settings.save", actor_id=cast.admin.pk).exists()
    case = register(cast, received_on=date(2026, 3, 2), today=date(2026, 3, 20))
    letter = handling.application_decide(
        actor=cast.head, application=case, ground_code="36-4", on=date(2026, 3, 5), today=date(2026, 3, 20)
    )
    assert "60日内向示范市生态环境局申请行政复议" in letter.text


def test_a_template_page_shows_the_locked_law_and_saves_only_the_rest(client, cast):
    client.force_login(cast.admin)
    page = client.get("/bodies/donghu/applications/settings/letters/37/").content.decode()
    assert "法定内容（不可修改）" in page and "不予公开的内容：〔不予公开的内容〕" in page
    assert "《中华人民共和国政府信息公开条例》第三十七条" in page
    response = client.post(
        "/bodies/donghu/applications/settings/letters/37/",
        {"extra": "纸质件可委托他人领取。", "closing": "特此告知。", "wording": "本机关决定全部公开。"},
    )
    assert response.status_code == 302
    template = LetterTemplate.objects.get(body=cast.body, key="37")
    assert (template.extra, template.closing) == ("纸质件可委托他人领取。", "特此告知。")
    assert client.get("/bodies/donghu/applications/settings/letters/nope/").status_code == 404
