"""The cell finder over ruling edges (readers.pdf_cells): edges in, cells out, and the same cells
as pdfplumber's TableFinder on every page of every PDF the tests build, from either engine."""

from __future__ import annotations

import random
import subprocess
import sys
import time

import pytest
from pdfplumber.table import TableFinder

from gongkai.core.reports.readers import pdf
from gongkai.core.reports.readers.pdf_cells import find_tables
from gongkai.core.reports.readers.pdf_content import PageContent, rect_edges, segment
from gongkai.core.reports.readers.pdf_mupdf import MuPages
from gongkai.core.reports.readers.pdf_page import Pages, _EdgesOnly
from gongkai.core.reports.tests import builders as b
from gongkai.core.reports.tests.test_pdf_engines import BUILT, CONVERTED
from gongkai.core.reports.tests.test_readers_pdf import _needs_soffice


def _pdfplumber_cells(content):
    return [table.cells for table in TableFinder(_EdgesOnly(content), {}).tables]  # type: ignore[arg-type]


def _pages_of(data: bytes):
    for engine in (MuPages(data), Pages(data)):
        for page in engine.pages:
            yield engine.content(page)


@pytest.mark.parametrize("name", BUILT)
def test_the_cells_are_pdfplumbers_on_every_built_page(name):
    data = BUILT[name]()
    for content in _pages_of(data):
        assert find_tables(content.edges) == _pdfplumber_cells(content)


@pytest.mark.parametrize("name", CONVERTED)
def test_the_cells_are_pdfplumbers_on_office_pdfs(name):
    _needs_soffice()
    tables = 0
    for content in _pages_of(CONVERTED[name]()):
        found = find_tables(content.edges)
        assert found == _pdfplumber_cells(content)
        tables += len(found)
    assert tables


def test_the_cells_are_pdfplumbers_on_rules_drawn_a_little_apart():
    # Borders drawn by each cell (doubled, a fraction of a point apart) and lines stopping short
    # of the crossing: the snapping, joining and tolerance steps all take part.
    edges = []
    for r, top in enumerate((100.0, 120.3, 140.0, 161.2)):
        for c, x0 in enumerate((50.0, 90.4, 130.0)):
            dx, dy = 0.4 * ((r + c) % 3), 0.7 * (c % 2)
            edges += rect_edges(x0 + dx, top + dy, x0 + 40.0 - dx, top + 20.0 - dy)
    edges.append(segment((48.0, 181.5), (172.0, 181.5)))
    content = PageContent(width=595.0, height=842.0, edges=[e for e in edges if e])
    found = find_tables(content.edges)
    assert found == _pdfplumber_cells(content) and len(found[0]) == 12


@pytest.mark.parametrize("seed", range(40))
def test_the_cells_are_pdfplumbers_on_random_rulings(seed):
    # Jittered, doubled, dashed, missing and stray strokes: every step's tolerance is crossed.
    rng = random.Random(seed)
    xs = sorted(rng.uniform(40, 550) for _ in range(rng.randint(2, 9)))
    ys = sorted(rng.uniform(40, 800) for _ in range(rng.randint(2, 12)))
    edges = []
    for y in ys:
        for x0, x1 in zip(xs, xs[1:], strict=False):
            if rng.random() < 0.85:
                jitter = rng.choice([0.0, 0.0, rng.uniform(-2, 2), rng.uniform(-4, 4)])
                edges.append(_h(x0 + rng.uniform(-3, 3), x1 + rng.uniform(-3, 3), y + jitter))
    for x in xs:
        for top, bottom in zip(ys, ys[1:], strict=False):
            if rng.random() < 0.85:
                jitter = rng.choice([0.0, 0.0, rng.uniform(-2, 2), rng.uniform(-4, 4)])
                edges.append(_v(x + jitter, top + rng.uniform(-3, 3), bottom + rng.uniform(-3, 3)))
    for _ in range(rng.randint(0, 8)):  # short strokes and stray lines
        x, y = rng.uniform(40, 550), rng.uniform(40, 800)
        edges.append(
            _h(x, x + rng.uniform(0, 6), y) if rng.random() < 0.5 else _v(x, y, y + rng.uniform(0, 6))
        )
    edges = [e for e in edges if e]
    content = PageContent(595.0, 842.0, edges=edges)
    assert find_tables(edges) == _pdfplumber_cells(content)


def _grid(xs, ys, skip=()):
    """The edges of a table ruled at xs and ys, each cell drawn as a rectangle; cells in `skip`
    ((row, col)) not drawn, so that only their neighbours' sides remain."""
    edges = []
    for r, (top, bottom) in enumerate(zip(ys, ys[1:], strict=False)):
        for c, (x0, x1) in enumerate(zip(xs, xs[1:], strict=False)):
            if (r, c) not in skip:
                edges += rect_edges(x0, top, x1, bottom)
    return edges


def _h(x0, x1, y):
    return segment((x0, y), (x1, y))


def _v(x, top, bottom):
    return segment((x, top), (x, bottom))


def test_a_fully_ruled_grid_gives_one_cell_per_box():
    [table] = find_tables(_grid([50, 100, 150], [10, 30, 50]))
    assert sorted(table) == [(50, 10, 100, 30), (50, 30, 100, 50), (100, 10, 150, 30), (100, 30, 150, 50)]


def test_a_missing_inner_rule_makes_a_merged_cell():
    # A header spanning two columns (no rule between them in the top row) over two ordinary
    # cells, and a label spanning two rows on the left (no rule between them in that column).
    edges = [
        _h(50, 200, 10),
        _h(50, 200, 30),
        _h(100, 200, 50),  # the left column's inner rule is missing: its cell spans two rows
        _h(50, 200, 70),
        _v(50, 10, 70),
        _v(100, 10, 70),
        _v(150, 30, 70),  # no rule between columns 2 and 3 in the top row
        _v(200, 10, 70),
    ]
    [table] = find_tables(edges)
    assert sorted(table) == [
        (50, 10, 100, 30),
        (50, 30, 100, 70),
        (100, 10, 200, 30),
        (100, 30, 150, 50),
        (100, 50, 150, 70),
        (150, 30, 200, 50),
        (150, 50, 200, 70),
    ]


def test_a_box_with_a_missing_outer_side_is_no_cell():
    edges = _grid([50, 100, 150, 200], [10, 30])
    edges = [e for e in edges if not (e[0] == "v" and e[1] == 200)]
    assert find_tables(edges) == [[(50, 10, 100, 30), (100, 10, 150, 30)]]


def test_a_lone_framed_box_is_not_a_table():
    # pdfplumber's rule, kept so that both engines agree: a text box is not a one-cell table.
    assert find_tables(_grid([50, 100], [10, 30])) == []
    assert find_tables(_grid([50, 100], [10, 30]) + _grid([300, 400], [10, 30, 50])) == [
        [(300, 10, 400, 30), (300, 30, 400, 50)]
    ]


def test_a_doubled_rule_counts_once_at_the_mean_position():
    doubled = _grid([50, 100, 150], [10, 30, 50]) + [_h(50, 150, 31.5), _v(101.2, 10, 50)]
    [table] = find_tables(doubled)
    assert len(table) == 4  # not thin cells between the two strokes
    # Every stroke near y=30 (two per rectangle, and the extra one) moves to their mean.
    middle = (30 * 4 + 31.5) / 5
    assert sorted({c[3] for c in table}) == pytest.approx([middle, 50])
    assert find_tables(doubled) == _pdfplumber_cells(PageContent(595.0, 842.0, edges=doubled))


def test_a_rule_drawn_as_dashes_is_one_rule_but_a_wide_gap_is_not():
    def table(gap):
        edges = [_v(x, 10, 50) for x in (50, 100, 150)] + [_h(50, 150, 10), _h(50, 150, 50)]
        x = 50.0
        while x < 150:  # the middle rule in dashes of 4 pt
            edges.append(_h(x, min(x + 4, 150), 30))
            x += 4 + gap
        return find_tables(edges)

    assert table(gap=2.0) == find_tables(_grid([50, 100, 150], [10, 30, 50]))
    merged = table(gap=8.0)  # too far apart to be joined: the middle rule is not there
    assert sorted(merged[0]) == [(50, 10, 100, 50), (100, 10, 150, 50)]


def test_short_and_diagonal_strokes_are_no_rules():
    edges = _grid([50, 100], [10, 30, 50]) + [_h(60, 62, 20), _v(70, 15, 16.5)]
    assert segment((50, 10), (100, 30)) is None
    assert find_tables(edges) == [[(50, 10, 100, 30), (50, 30, 100, 50)]]


def test_two_tables_on_a_page_are_found_apart_top_first():
    first, second = find_tables(_grid([50, 100, 150], [200, 220]) + _grid([50, 150], [10, 30, 50]))
    assert first == [(50, 10, 150, 30), (50, 30, 150, 50)]
    assert sorted(second) == [(50, 200, 100, 220), (100, 200, 150, 220)]


def test_a_page_without_edges_has_no_tables():
    assert find_tables([]) == []
    assert find_tables([_h(50, 150, 10), _h(50, 150, 30)]) == []


def test_a_table_broken_across_a_page_gives_a_part_on_each_page_with_the_same_sides():
    data = b.build_pdf(["三、收到和处理政府信息公开申请情况", b.table2_spec()] * 2)
    pages = MuPages(data)
    parts = [find_tables(pages.content(p).edges) for p in pages.pages]
    assert len(parts) >= 2 and all(parts)
    last_on_first, first_on_second = parts[0][-1], parts[1][0]
    assert min(c[0] for c in last_on_first) == min(c[0] for c in first_on_second)
    assert max(c[2] for c in last_on_first) == max(c[2] for c in first_on_second)
    document = pdf.read(data, "跨页.pdf")
    assert any("跨页" in w for w in document.warnings)


def test_a_large_grid_is_found_in_time():
    xs = [50 + 8 * i for i in range(61)]
    ys = [20 + 10 * i for i in range(81)]
    edges = [_h(xs[0], xs[-1], y) for y in ys] + [_v(x, ys[0], ys[-1]) for x in xs]
    started = time.perf_counter()
    [table] = find_tables(edges)
    assert len(table) == 60 * 80
    assert time.perf_counter() - started < 2.0


def test_reading_with_pymupdf_imports_neither_pdfminer_nor_pdfplumber(tmp_path):
    # Start-up counts when a command audits a few files: these two take about 0.12 s to import.
    path = tmp_path / "r.pdf"
    path.write_bytes(b.build_pdf(b.report_blocks(seed=0)))
    code = (
        "import sys\n"
        "from gongkai.core.reports.audit import audit_path\n"
        "assert audit_path(sys.argv[1]).report is not None\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pdfminer', 'pdfplumber'}))\n"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
