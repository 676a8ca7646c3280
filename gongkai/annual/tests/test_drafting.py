"""The report text drafted from the records: items by column and kind, interpretations, fees, problems."""

from datetime import date

from gongkai.annual import services
from gongkai.applications import handling
from gongkai.applications.models import Application
from gongkai.applications.tests.test_register import register
from gongkai.core.fees import per_page_fee
from gongkai.portal.sample import ItemSpec, publish
from gongkai.publishing.tests.factories import fresh_catalogue

TODAY = date(2027, 1, 12)


def test_the_draft_quotes_the_years_items_fees_and_late_answers(cast):
    fresh_catalogue(cast)

    def item(column, title, published, kind="other", interprets=None):
        spec = ItemSpec(
            column, title, kind=kind, published_on=published, written_on=None, interprets=interprets
        )
        return publish(actor=cast.superuser, body=cast.body, spec=spec)

    rules = item("guifanxing", "东湖街道临时救助实施细则", date(2026, 4, 1), "normative")
    item("guifanxing", "东湖街道高龄津贴发放办法", date(2026, 6, 1), "normative")
    item("jiedu", "《东湖街道临时救助实施细则》解读", date(2026, 4, 2), "interpretation", interprets=rules)
    item("dibao", "2026年第一季度低保资金发放情况公示", date(2026, 5, 6))
    item("dibao", "2025年第一季度低保资金发放情况公示", date(2025, 5, 6))  # another year: not counted
    paying = register(cast, received_on=date(2026, 3, 2), today=TODAY)
    handling.fee_notice_send(
        actor=cast.clerk, application=paying, on=date(2026, 3, 5), fee=per_page_fee(pages=150), today=TODAY
    )
    handling.fee_paid(actor=cast.clerk, application=paying, on=date(2026, 3, 9), today=TODAY)
    late = register(cast, received_on=date(2026, 6, 1), today=TODAY)
    handling.application_decide(
        actor=cast.clerk,
        application=late,
        outcome_code="granted",
        on=date(2026, 8, 3),
        access="当面领取",
        today=TODAY,
    )
    Application.objects.filter(pk=paying.pk).update(due_on=date(2026, 12, 1))  # open past its due date

    version = services.report_draft_create(actor=cast.clerk, body=cast.body, year=2026)
    text = dict(version.sections)
    assert text["二、主动公开政府信息情况"].startswith(
        "本年度通过政府信息公开平台主动公开政府信息4条，其中行政规范性文件2条、政策解读1条、最低生活保障1条；"
        "按类别分，行政规范性文件2件、政策解读1件、其他文件1件。"
        "本年度发布的行政规范性文件2件中，1件同步发布了政策解读。"
    )
    fee = per_page_fee(pages=150).total
    assert text["六、其他需要报告的事项"].startswith(
        f"本年度依据《政府信息公开信息处理费管理办法》收取信息处理费1件，共计{fee}元。"
    )
    assert f"超过法定期限答复的申请1件（{late.number}）" in text["五、存在的主要问题及改进情况"]
    assert (
        f"截至年底已超过答复期限仍未办结的申请1件（{paying.number}）" in text["五、存在的主要问题及改进情况"]
    )
    assert "收到政府信息公开申请2件" in text["三、收到和处理政府信息公开申请情况"]
    assert not [f for f in services.check_version(version) if f.code == "TEXT-NUMBER"]


def test_an_edited_number_that_contradicts_the_tables_blocks_signing(cast):
    import pytest

    from gongkai.common.services import ServiceError

    register(cast, received_on=date(2026, 3, 2), today=TODAY)
    version = services.report_draft_create(actor=cast.clerk, body=cast.body, year=2026)
    sections = [[h, t.replace("上年结转0件", "上年结转5件")] for h, t in version.sections]
    services.report_sections_save(actor=cast.clerk, version=version, sections=sections)
    services.report_review(actor=cast.reviewer, version=version, today=TODAY)
    with pytest.raises(ServiceError, match="上年结转5件"):
        services.report_publish(actor=cast.head, version=version, today=TODAY)


def test_fee_notices_keep_their_amount_and_older_ones_get_it_from_their_note(cast):
    import importlib

    from django.apps import apps

    from gongkai.applications.models import ClockEvent

    paying = register(cast, received_on=date(2026, 3, 2), today=TODAY)
    fee = per_page_fee(pages=150)
    handling.fee_notice_send(actor=cast.clerk, application=paying, on=date(2026, 3, 5), fee=fee, today=TODAY)
    notice = ClockEvent.objects.get(application=paying, kind="fee_notice_sent")
    assert notice.amount == fee.total and notice.note == f"{fee.total}元"
    # A notice recorded before the amount had its own field: the migration reads the note.
    ClockEvent.objects.filter(pk=notice.pk).update(amount=None, note="12.50元")
    migration = importlib.import_module("gongkai.applications.migrations.0003_fee_amount")
    migration.amounts_from_notes(apps, None)
    notice.refresh_from_db()
    assert str(notice.amount) == "12.50"
