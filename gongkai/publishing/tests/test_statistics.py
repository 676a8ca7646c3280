"""Table 1's 规章 and 规范性文件 rows counted from the catalogue, both formats, at the year's edges."""

from datetime import date

import pytest

from gongkai.annual.selectors import computed_report, report_values
from gongkai.annual.services import figures_save
from gongkai.bodies.models import BodyVersion, Level
from gongkai.portal.sample import ItemSpec, publish
from gongkai.publishing.models import CatalogueNode
from gongkai.publishing.services import publication_create
from gongkai.publishing.statistics import table1_catalogue_counts
from gongkai.publishing.tests.factories import fresh_catalogue

TODAY = date(2027, 1, 10)


def item(cast, kind, *, written, published, repealed=None):
    column = "guizhang" if kind == "rule" else "guifanxing"
    spec = ItemSpec(
        column,
        f"{kind} {published}",
        kind=kind,
        published_on=published,
        written_on=written,
        repealed_on=repealed,
    )
    return publish(actor=cast.superuser, body=cast.body, spec=spec)


@pytest.fixture
def catalogue(cast):
    fresh_catalogue(cast)
    # 规范性文件: made 2025-12-28, published 2026-01-05: made in 2025, first published in 2026.
    item(cast, "normative", written=date(2025, 12, 28), published=date(2026, 1, 5))
    # Made and published in 2026, repealed on 2026-12-31 (in force no longer at the year's end).
    item(cast, "normative", written=date(2026, 3, 1), published=date(2026, 3, 9), repealed=date(2026, 12, 31))
    # Made in 2024, in force, repealed 2027-01-02: still in force on 2026-12-31.
    item(cast, "normative", written=date(2024, 5, 1), published=date(2024, 5, 6), repealed=date(2027, 1, 2))
    # Without 成文日期: counted by its first publication, 2026-12-31.
    item(cast, "normative", written=None, published=date(2026, 12, 31))
    # A 规章 of 2020, repealed in 2020: only a city (设区的市) government makes 规章 (立法法第九十三条).
    BodyVersion.objects.filter(body=cast.body).update(level=Level.CITY)
    item(cast, "rule", written=date(2020, 2, 3), published=date(2020, 2, 10), repealed=date(2020, 11, 30))
    # A draft never published is not counted at all.
    publication_create(
        actor=cast.clerk,
        body=cast.body,
        column=CatalogueNode.objects.get(body=cast.body, code="guifanxing"),
        kind="normative",
        details={"title": "草稿", "issuer": "东湖街道办事处", "formed_on": date(2026, 6, 1)},
        today=TODAY,
    )


def test_the_2021_columns_count_made_repealed_and_in_force(cast, catalogue):
    counts = table1_catalogue_counts(body=cast.body, year=2026, template="2021")
    assert counts[("normative", "made")] == 2  # 2026-03-01 and the undated one of 2026-12-31
    assert counts[("normative", "repealed")] == 1
    assert counts[("normative", "in_force")] == 3  # 2025-12-28, 2024-05-01, 2026-12-31
    assert (counts[("regulations", "made")], counts[("regulations", "in_force")]) == (0, 0)
    assert table1_catalogue_counts(body=cast.body, year=2025, template="2021")[("normative", "made")] == 1
    assert table1_catalogue_counts(body=cast.body, year=2025, template="2021")[("normative", "in_force")] == 1


def test_the_2019_columns_count_made_newly_published_and_all_published(cast, catalogue):
    counts = table1_catalogue_counts(body=cast.body, year=2020, template="2019")
    assert counts[("regulations", "made")] == 1
    assert counts[("regulations", "published")] == 1
    assert counts[("regulations", "total_published")] == 1  # repealed ones stay in the total
    assert counts[("normative", "total_published")] == 0  # none was published by the end of 2020


def test_the_report_takes_the_catalogue_counts_over_entered_figures(cast, catalogue):
    figures_save(
        actor=cast.clerk,
        body=cast.body,
        year=2026,
        table1={"normative": {"made": "9"}, "licensing": {"decisions": "12"}},
    )
    template, values = report_values(body=cast.body, year=2026)
    assert values[("t1", "normative", "made")] == 2
    assert values[("t1", "licensing", "decisions")] == 12  # still entered: not in the catalogue
    assert values[("t1", "penalty", "decisions")] is None
    _, findings = computed_report(body=cast.body, year=2026)
    assert not [f for f in findings if f.severity == "error"]


def test_a_body_without_a_catalogue_keeps_its_entered_figures(cast):
    CatalogueNode.objects.filter(body=cast.body).delete()
    figures_save(actor=cast.clerk, body=cast.body, year=2026, table1={"normative": {"made": "9"}})
    _, values = report_values(body=cast.body, year=2026)
    assert values[("t1", "normative", "made")] == 9
    assert values[("t1", "normative", "in_force")] is None


def test_the_report_page_explains_the_counted_rows_and_the_form_leaves_them_out(client, cast, catalogue):
    client.force_login(cast.clerk)
    page = client.get("/bodies/donghu/annual/2026/").content.decode()
    assert "规章、行政规范性文件的数字由公开目录统计" in page
    form = client.get("/bodies/donghu/annual/2026/figures/").content.decode()
    assert 'name="licensing__decisions"' in form and 'name="normative__made"' not in form
    assert "由公开目录自动统计" in form
