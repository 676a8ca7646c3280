from django.core.management import call_command

from gongkai.applications import demo_answering
from gongkai.applications.models import AnswerDraft, Application, IssuedLetter


def test_the_quick_start_demo_has_cases_in_several_states(
    db, capsys, weasyprint_available, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "donghu-jb" in out and "已载入东湖街道的9件演示申请" in out
    quick_start = Application.objects.exclude(
        year=2025
    ).exclude(  # 2025: the demo year of gongkai.annual.demo
        information_requested__in=demo_answering.REQUESTS  # tests/test_demo_answering.py
    )
    assert sorted(quick_start.values_list("status", flat=True)) == [
        "answered",
        "awaiting_supplement",
        "registered",
        "registered",
    ]
    assert IssuedLetter.objects.filter(application__in=quick_start).count() == 2
    # The answered case went 拟办 → 审核 → 签发; the overdue one waits for its 审核人.
    drafts = AnswerDraft.objects.filter(application__in=quick_start).order_by("state")
    assert [(d.state, d.application.status) for d in drafts] == [
        ("awaiting_review", "registered"),
        ("signed", "answered"),
    ]
    signed = drafts.get(state="signed")
    assert (signed.drafted_by.username, signed.reviewed_by.username, signed.signed_by.username) == (
        "donghu-jb",
        "donghu-sh",
        "donghu-fz",
    )
    assert "第三十七条" in signed.letter.text and "中标单位的银行账户信息" in signed.letter.text
    counts = (Application.objects.count(), IssuedLetter.objects.count())
    call_command("load_demo")  # a second run adds nothing
    assert (Application.objects.count(), IssuedLetter.objects.count()) == counts
