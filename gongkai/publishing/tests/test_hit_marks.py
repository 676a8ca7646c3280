"""The review page shows the draft's text with each hit of the gate marked, safely escaped."""

from types import SimpleNamespace

from gongkai.core.sensitive import scan_text
from gongkai.publishing import services
from gongkai.publishing.hit_marks import marked_text
from gongkai.publishing.tests.helpers import TODAY, draft

HOSTILE = '<script>alert("x")</script>张伟 13812345678<script>\n身份证号440301198502153216 & 完'


def test_each_hit_is_marked_with_its_kind_and_everything_else_is_escaped():
    html = marked_text(HOSTILE, scan_text(HOSTILE))
    assert html == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
        '<mark class="hit review" data-kind="person_name" title="姓名（紧邻证件号或电话）">张伟</mark> '
        '<mark class="hit sensitive" data-kind="mobile" title="手机号码">13812345678</mark>&lt;script&gt;\n'
        "身份证号"
        '<mark class="hit sensitive" data-kind="resident_id_mistyped" title="疑似身份证号（校验位不符）">'
        "440301198502153216</mark> &amp; 完"
    )


def test_a_hit_that_no_longer_matches_the_text_is_not_marked():
    stale = SimpleNamespace(kind="mobile", start=0, end=11, value="13812345678")
    assert marked_text("13900000000 已改", [stale]) == "13900000000 已改"
    overlapping = [stale, SimpleNamespace(kind="mobile", start=5, end=11, value="345678")]
    assert marked_text("13812345678", overlapping).count("<mark") == 1


def test_the_review_page_marks_the_hits_in_the_draft(client, cast):
    publication, version = draft(cast, text=HOSTILE)
    services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    client.force_login(cast.reviewer)
    page = client.get(f"/bodies/{cast.body.code}/publishing/{publication.pk}/").content.decode()
    assert (
        '<mark class="hit review" data-kind="person_name" title="姓名（紧邻证件号或电话）">张伟</mark>'
        in page
    )
    assert 'data-kind="resident_id_mistyped"' in page and "（请判断）" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)" in page
