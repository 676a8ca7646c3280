"""Builders of report-like files for reader tests, round-trip tests and the reader benchmark.

A table is written once as an HTML-like spec (rows of `C` cells with rowspan/colspan, covered
positions omitted) and rendered to HTML (plain government page or Word-exported), DOCX, XLSX and
PDF. `expected_grid` gives the rectangular grid a faithful reader must return for that spec, so
tests compare whole grids. Nothing here imports Django.

The PDF writer is a small pure-Python one: ruled tables drawn as cell rectangles, text in the
non-embedded Adobe-GB1 font STSong-Light (UniGB-UCS2-H), which pdfminer maps back to Unicode
without any font file. It wraps long cell texts, breaks tables over pages (optionally repeating
the header rows) and draws a row-spanning cell cut by a page break as two rectangles with the
text in the first, as Word does.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# Table specs


@dataclass(frozen=True)
class C:
    """One cell of a table spec, HTML-style: positions covered by a span are simply omitted."""

    text: str
    rowspan: int = 1
    colspan: int = 1


Spec = list[list[C]]
Block = str | Spec  # a paragraph, or a table


def place(spec: Spec) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) of every spec cell, 0-based, HTML placement rules."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(spec):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            placed.append((r, c, cell.rowspan, cell.colspan, cell.text))
            c += cell.colspan
    return placed


def expected_grid(spec: Spec) -> list[list[tuple[str, tuple[int, int] | None]]]:
    """The expanded grid: (text, origin) per position, origin = 1-based (row, col) of the merge or None."""
    placed = place(spec)
    n_rows = max(r + rs for r, _, rs, _, _ in placed)
    n_cols = max(c + cs for _, c, _, cs, _ in placed)
    grid: list[list[tuple[str, tuple[int, int] | None]]] = [[("", None)] * n_cols for _ in range(n_rows)]
    for r, c, rs, cs, text in placed:
        for dr in range(rs):
            for dc in range(cs):
                grid[r + dr][c + dc] = (text, None if dr == dc == 0 else (r + 1, c + 1))
    return grid


def spec_size(spec: Spec) -> tuple[int, int]:
    grid = expected_grid(spec)
    return len(grid), len(grid[0])


# ---------------------------------------------------------------------------------------------
# The official tables (2021 format), filled with plausible numbers

_CN_NUMBERS = "一二三四五六七八九十"
GOUJI_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
OUTCOME_GROUPS: list[tuple[str, list[str]]] = [
    ("（一）予以公开", []),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    (
        "（三）不予公开",
        [
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        ],
    ),
    (
        "（四）无法提供",
        ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"],
    ),
    (
        "（五）不予处理",
        [
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ],
    ),
    (
        "（六）其他处理",
        [
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ],
    ),
]


def table1_spec(rng: random.Random | None = None) -> Spec:
    rng = rng or random.Random(1)

    def n() -> C:
        return C(str(rng.randint(0, 60)))

    return [
        [C("第二十条第（一）项", colspan=4)],
        [C("信息内容"), C("本年制发件数"), C("本年废止件数"), C("现行有效件数")],
        [C("规章"), n(), n(), n()],
        [C("行政规范性文件"), n(), n(), n()],
        [C("第二十条第（五）项", colspan=4)],
        [C("信息内容"), C("本年处理决定数量", colspan=3)],
        [C("行政许可"), C(str(rng.randint(0, 20000)), colspan=3)],
        [C("第二十条第（六）项", colspan=4)],
        [C("信息内容"), C("本年处理决定数量", colspan=3)],
        [C("行政处罚"), C(str(rng.randint(0, 5000)), colspan=3)],
        [C("行政强制"), C(str(rng.randint(0, 100)), colspan=3)],
        [C("第二十条第（八）项", colspan=4)],
        [C("信息内容"), C("本年收费金额（单位：万元）", colspan=3)],
        [C("行政事业性收费"), C(f"{rng.randint(0, 3000) / 10:g}", colspan=3)],
    ]


def table2_numbers(rng: random.Random) -> dict[str, list[int]]:
    """Consistent numbers: per column 一 + 二 = 三（七） + 四, and 总计 = sum of the six columns."""
    leaf_rows = [label for label, subs in OUTCOME_GROUPS for label in (subs or [label])]
    rows: dict[str, list[int]] = {label: [0] * 6 for label in leaf_rows}
    new, carried, carry_out = [0] * 6, [0] * 6, [0] * 6
    for col in range(6):
        weight = 12 if col == 0 else 2
        new[col] = rng.randint(0, weight * 3)
        carried[col] = rng.randint(0, weight // 2)
        total = new[col] + carried[col]
        carry_out[col] = rng.randint(0, total // 4)
        for _ in range(total - carry_out[col]):
            rows[rng.choice(leaf_rows)][col] += 1
    result = {"一": new, "二": carried, "四": carry_out}
    result.update(rows)
    result["（七）总计"] = [new[c] + carried[c] - carry_out[c] for c in range(6)]
    return {key: values + [sum(values)] for key, values in result.items()}


def table2_spec(rng: random.Random | None = None) -> Spec:
    rng = rng or random.Random(2)
    nums = table2_numbers(rng)

    def cells(key: str) -> list[C]:
        return [C(str(v)) for v in nums[key]]

    spec: Spec = [
        [C(GOUJI_NOTE, rowspan=3, colspan=3), C("申请人情况", colspan=7)],
        [C("自然人", rowspan=2), C("法人或其他组织", colspan=5), C("总计", rowspan=2)],
        [C(t) for t in APPLICANT_COLUMNS[1:6]],
        [C("一、本年新收政府信息公开申请数量", colspan=3), *cells("一")],
        [C("二、上年结转政府信息公开申请数量", colspan=3), *cells("二")],
    ]
    result_rows = sum(max(1, len(subs)) for _, subs in OUTCOME_GROUPS) + 1
    first = True
    for label, subs in OUTCOME_GROUPS:
        lead = [C("三、本年度办理结果", rowspan=result_rows)] if first else []
        first = False
        if not subs:
            spec.append([*lead, C(label, colspan=2), *cells(label)])
            continue
        for i, sub in enumerate(subs):
            group = [C(label, rowspan=len(subs))] if i == 0 else []
            spec.append([*(lead if i == 0 else []), *group, C(sub), *cells(sub)])
    spec.append([C("（七）总计", colspan=2), *cells("（七）总计")])
    spec.append([C("四、结转下年度继续办理", colspan=3), *cells("四")])
    return spec


def table3_spec(rng: random.Random | None = None) -> Spec:
    rng = rng or random.Random(3)
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    numbers = []
    for _ in range(3):
        parts = [rng.randint(0, 3) for _ in range(4)]
        numbers += [*parts, sum(parts)]
    return [
        [C("行政复议", colspan=5), C("行政诉讼", colspan=10)],
        [*(C(h, rowspan=2) for h in heads), C("未经复议直接起诉", colspan=5), C("复议后起诉", colspan=5)],
        [C(h) for h in heads * 2],
        [C(str(v)) for v in numbers],
    ]


def report_blocks(
    seed: int = 0, org: str = "某某区人民政府办公室", year: int = 2023, paragraphs: int = 3
) -> list[Block]:
    """A report in the 2021 format: title, the six sections, the three tables, some running text."""
    rng = random.Random(seed)
    filler = (
        "本年度我单位认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
        "持续推进决策、执行、管理、服务、结果公开，不断提升政务公开质量和实效。"
    )
    blocks: list[Block] = [
        f"{org}{year}年政府信息公开工作年度报告",
        f"本报告所列数据统计期限自{year}年1月1日起至{year}年12月31日止。",
        "一、总体情况",
    ]
    blocks += [f"（{_CN_NUMBERS[i % 10]}）{filler}" for i in range(paragraphs)]
    blocks += ["二、主动公开政府信息情况", table1_spec(rng)]
    blocks += ["三、收到和处理政府信息公开申请情况", table2_spec(rng)]
    blocks += ["四、政府信息公开行政复议、行政诉讼情况", table3_spec(rng)]
    blocks += ["五、存在的主要问题及改进情况", filler, "六、其他需要报告的事项", "无。"]
    return blocks


# ---------------------------------------------------------------------------------------------
# HTML


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _span_attrs(cell: C) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    return attrs


def build_html(blocks: list[Block], encoding: str = "utf-8", title: str = "年度报告") -> bytes:
    """A government-site page: navigation, scripts, a content div with paragraphs and bordered tables."""
    charset = {"gbk": "gbk", "gb2312": "gb2312", "gb18030": "gb18030"}.get(encoding, "utf-8")
    out = [
        "<!DOCTYPE html><html><head>",
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        f"<title>{_esc(title)}</title><style>td{{border:1px solid #000}}</style>",
        "<script>var _hmt = _hmt || []; document.write('统计代码');</script></head><body>",
        '<nav><ul><li><a href="/">首页</a></li><li><a href="/xxgk/">信息公开</a></li></ul></nav>',
        '<div class="main"><div class="TRS_Editor" id="zoom">',
    ]
    for block in blocks:
        if isinstance(block, str):
            out.append(f'<p style="text-indent:2em">{_esc(block)}</p>')
            continue
        out.append('<table border="1" cellspacing="0" cellpadding="0"><tbody>')
        for row in block:
            out.append("<tr>" + "".join(f"<td{_span_attrs(c)}>{_esc(c.text)}</td>" for c in row) + "</tr>")
        out.append("</tbody></table>")
    out.append("</div></div><footer>主办单位：某某区人民政府办公室 备案号：京ICP备00000000号</footer>")
    out.append('<script type="text/javascript">console.log("</p>");</script></body></html>')
    return "\n".join(out).encode("gb18030" if charset != "utf-8" else "utf-8")


def _word_wrap_source(text: str, width: int = 38) -> str:
    """Word's HTML export breaks long source lines between two Chinese characters; a browser
    shows no space there, so the break is not part of the text."""
    out, run = [], 0
    for i, ch in enumerate(text):
        if run >= width and i and _em(text[i - 1]) == 1.0 and _em(ch) == 1.0:
            out.append("\n")
            run = 0
        out.append(ch)
        run += 1
    return "".join(out)


def build_word_html(blocks: list[Block], encoding: str = "gb2312") -> bytes:
    """HTML as Word's 'Save as web page' writes it: MsoNormalTable, o:p, &nbsp;, nested spans."""
    out = [
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"',
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">',
        f'<head><meta http-equiv=Content-Type content="text/html; charset={encoding}">',
        '<meta name=Generator content="Microsoft Word 15">',
        "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->",
        "<style><!-- p.MsoNormal {margin:0cm; font-family:宋体;} --></style></head>",
        "<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>",
    ]
    for block in blocks:
        if isinstance(block, str):
            out.append(
                "<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;"
                f"font-family:仿宋_GB2312'>{_word_wrap_source(_esc(block))}<span lang=EN-US><o:p></o:p></span></span></p>"
            )
            continue
        out.append(
            "<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=600"
            " style='border-collapse:collapse;mso-yfti-tbllook:1184'>"
        )
        n_cols = spec_size(block)[1]
        for i, row in enumerate(block):
            out.append(f"<tr style='mso-yfti-irow:{i};height:20.0pt'>")
            for cell in row:
                text = _esc(cell.text)
                inner = (
                    f"<span lang=EN-US style='font-size:10.0pt'>{_word_wrap_source(text, 9)}<o:p></o:p></span>"
                    if text
                    else "<span lang=EN-US><o:p>&nbsp;</o:p></span>"
                )
                out.append(
                    f"<td width=60{_span_attrs(cell).replace(chr(34), '')} valign=top style='border:solid windowtext 1.0pt;"
                    f"padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center style='text-align:center'>"
                    f"<span style='font-family:宋体'>{inner}</span></p></td>"
                )
            out.append("</tr>")
        out.append("<![if !supportMisalignedColumns]><tr height=0>")
        out.append("".join("<td width=60 style='border:none'></td>" for _ in range(n_cols)))
        out.append("</tr><![endif]></table>")
        out.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    out.append("</div></body></html>")
    return "\r\n".join(out).encode("gb18030" if encoding.lower().startswith("gb") else encoding)


# ---------------------------------------------------------------------------------------------
# DOCX


def build_docx(blocks: list[Block], nested: bool = False) -> bytes:
    """A Word document; merges made with python-docx (text set after merging). `nested` puts a
    small table inside the first cell of the last table."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    fonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "宋体")
    last_table = None
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        n_rows, n_cols = spec_size(block)
        table = document.add_table(rows=n_rows, cols=n_cols)
        table.style = "Table Grid"
        placed = place(block)
        for r, c, rs, cs, _ in placed:
            if rs > 1 or cs > 1:
                table.cell(r, c).merge(table.cell(r + rs - 1, c + cs - 1))
        cells = table._cells  # one pass: table.cell() recomputes the whole grid each call
        for r, c, _, _, text in placed:
            cells[r * n_cols + c].text = text
        last_table = table
    if nested and last_table is not None:
        inner = last_table.cell(0, 0).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "内表甲"
        inner.cell(0, 1).text = "内表乙"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# XLSX


def build_xlsx(sheets: list[tuple[str, Spec]], numeric: bool = True) -> bytes:
    """One sheet per spec; merged ranges; digit-only texts stored as numbers when `numeric`."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, spec in sheets:
        sheet = workbook.create_sheet(title)
        for r, c, rs, cs, text in place(spec):
            value: object = text
            if numeric and text.isdigit():
                value = int(text)
            elif numeric and text.replace(".", "", 1).isdigit():
                value = float(text)
            sheet.cell(row=r + 1, column=c + 1, value=value)
            if rs > 1 or cs > 1:
                sheet.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + rs, end_column=c + cs)
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# PDF

PAGE_W, PAGE_H, MARGIN = 595.0, 842.0, 50.0


def _em(ch: str) -> float:
    return 0.5 if ord(ch) < 128 else 1.0


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines, line, used = [], "", 0.0
    for ch in text:
        w = _em(ch) * size
        if line and used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line or not lines:
        lines.append(line)
    return lines


def _text_op(text: str, x: float, y: float, size: float) -> str:
    return f"BT /F1 {size:g} Tf {x:.2f} {y:.2f} Td <{text.encode('utf-16-be').hex()}> Tj ET"


class _PdfLayout:
    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self.y = PAGE_H - MARGIN

    def new_page(self) -> None:
        self.pages.append([])
        self.y = PAGE_H - MARGIN

    def paragraph(self, text: str, size: float = 11.0) -> None:
        for line in _wrap(text, PAGE_W - 2 * MARGIN, size):
            if self.y - size * 1.5 < MARGIN:
                self.new_page()
            self.y -= size * 1.5
            self.pages[-1].append(_text_op(line, MARGIN, self.y, size))
        self.y -= size * 0.5

    def table(self, spec: Spec, widths: list[float] | None, header_rows: int, repeat_header: bool) -> None:
        size, pad, leading = 8.0, 3.0, 10.0
        n_rows, n_cols = spec_size(spec)
        widths = widths or [(PAGE_W - 2 * MARGIN) / n_cols] * n_cols
        xs = [MARGIN]
        for w in widths:
            xs.append(xs[-1] + w)
        placed = place(spec)
        wrapped = {(r, c): _wrap(t, xs[c + cs] - xs[c] - 2 * pad, size) for r, c, _, cs, t in placed}
        heights = [leading + 2 * pad] * n_rows
        for r, c, rs, _, _ in placed:
            if rs == 1:
                heights[r] = max(heights[r], len(wrapped[(r, c)]) * leading + 2 * pad)
        for r, c, rs, _, _ in placed:
            need = len(wrapped[(r, c)]) * leading + 2 * pad
            have = sum(heights[r : r + rs])
            if rs > 1 and need > have:
                heights[r + rs - 1] += need - have
        # Split rows over pages.
        chunks: list[list[int]] = [[]]
        y = self.y
        for r in range(n_rows):
            if y - heights[r] < MARGIN and chunks[-1]:
                chunks.append(list(range(header_rows)) if repeat_header else [])
                y = PAGE_H - MARGIN - sum(heights[h] for h in chunks[-1])
            chunks[-1].append(r)
            y -= heights[r]
        for i, rows in enumerate(chunks):
            if i:
                self.new_page()
            top = {}
            y = self.y
            for r in rows:
                top[r] = y
                y -= heights[r]
            ops = self.pages[-1]
            for r, c, rs, cs, _ in placed:
                covered = [rr for rr in rows if r <= rr < r + rs]
                if not covered:
                    continue
                y_top = top[covered[0]]
                y_bottom = top[covered[-1]] - heights[covered[-1]]
                ops.append(f"{xs[c]:.2f} {y_bottom:.2f} {xs[c + cs] - xs[c]:.2f} {y_top - y_bottom:.2f} re S")
                if covered[0] == r:
                    for k, line in enumerate(wrapped[(r, c)]):
                        ops.append(_text_op(line, xs[c] + pad, y_top - pad - (k + 1) * leading + 2, size))
            self.y = y - 12


def build_pdf(
    blocks: list[Block],
    widths: dict[int, list[float]] | None = None,
    repeat_header: bool = False,
    break_before_table: int | None = None,
    running_header: str | None = None,
) -> bytes:
    """A text PDF. `widths` maps table index (0-based) to column widths; `break_before_table`
    starts that table on a new page; `running_header` is printed at the top of every page, with
    a page number "- N -" at the bottom."""
    layout = _PdfLayout()
    table_no = 0
    for block in blocks:
        if isinstance(block, str):
            layout.paragraph(block)
            continue
        if break_before_table == table_no:
            layout.new_page()
        header = 3 if len(block[0]) == 2 and block[0][0].rowspan == 3 else 1
        layout.table(block, (widths or {}).get(table_no) or default_widths(block), header, repeat_header)
        table_no += 1
    if running_header:
        for number, ops in enumerate(layout.pages, start=1):
            ops.append(_text_op(running_header, MARGIN, PAGE_H - 30, 9))
            ops.append(_text_op(f"- {number} -", PAGE_W / 2 - 10, 20, 9))
    return _pdf_bytes(["\n".join(ops) for ops in layout.pages])


def default_widths(spec: Spec) -> list[float]:
    n_cols = spec_size(spec)[1]
    usable = PAGE_W - 2 * MARGIN
    if n_cols == 10:  # table 2: three label columns, seven numbers
        return [50.0, 70.0, 130.0] + [(usable - 250.0) / 7] * 7
    if n_cols == 4:  # table 1
        return [135.0, 120.0, 120.0, 120.0]
    return [usable / n_cols] * n_cols


def _pdf_bytes(page_streams: list[str]) -> bytes:
    objects: list[bytes] = []
    n_pages = len(page_streams)
    page_ids = [6 + 2 * i for i in range(n_pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
        b" /DescendantFonts [4 0 R] >>"
    )
    objects.append(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
        b" /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>"
    )
    objects.append(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    for i, stream in enumerate(page_streams):
        content_id = page_ids[i] + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W:g} {PAGE_H:g}]"
            f" /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>".encode()
        )
        data = stream.encode("ascii")
        objects.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def build_scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are images only (what a scanner produces): no text layer."""
    from PIL import Image, ImageDraw

    images = []
    for i in range(pages):
        image = Image.new("L", (620, 877), 255)
        draw = ImageDraw.Draw(image)
        for k in range(12):
            draw.rectangle((60, 80 + 50 * k, 560, 100 + 50 * k), outline=0)
        draw.line((60, 60, 60 + 40 * i, 70), fill=0)
        images.append(image)
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=75, save_all=True, append_images=images[1:])
    return buf.getvalue()


def build_encrypted_pdf(blocks: list[Block], password: str = "secret") -> bytes:  # noqa: S107
    """The same PDF encrypted with a user password (pypdf), which a reader cannot open."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf(blocks))))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def build_mixed_pdf() -> bytes:
    """A text page followed by a scanned page (image only)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (build_pdf(["第一页文字"]), build_scanned_pdf(pages=1)):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def build_empty_password_pdf() -> bytes:
    """A PDF encrypted with an empty user password (printing restricted): anyone can open it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf(["仅限制打印"]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Reading back


def grid_of(table) -> list[list[tuple[str, tuple[int, int] | None]]]:
    """A SourceTable in the shape of `expected_grid`: (text, origin row/col or None) per position."""
    return [
        [(cell.text, (cell.origin.row, cell.origin.col) if cell.origin else None) for cell in row]
        for row in table.rows
    ]


# ---------------------------------------------------------------------------------------------
# Minimal hand-written packages (for XML features python-docx does not write)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def build_docx_xml(body: str, namespace: str = W_NS, extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx whose word/document.xml body is `body` (w: prefix bound to `namespace`)."""
    import zipfile

    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{namespace}"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        for path, data in (extra or {}).items():
            archive.writestr(path, data)
    return buf.getvalue()


def build_zip_bomb(kind: str = "docx", megabytes: int = 60) -> bytes:
    """A valid-looking DOCX/XLSX container with one member that inflates to `megabytes` of zeros."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
        archive.writestr(
            "word/media/padding.bin" if kind == "docx" else "xl/media/padding.bin", bytes(megabytes << 20)
        )
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# LibreOffice (optional): real Word-like PDFs from DOCX/HTML


def soffice_path() -> str | None:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(data: bytes, suffix: str = ".docx", timeout: float = 120.0) -> bytes:
    """Convert a DOCX/HTML file to PDF with LibreOffice, using a private profile per conversion
    (two conversions sharing a profile silently produce nothing)."""
    import pathlib
    import subprocess
    import tempfile

    soffice = soffice_path()
    if soffice is None:
        raise FileNotFoundError("soffice")
    with tempfile.TemporaryDirectory(prefix="gongkai-lo-") as tmp:
        source = pathlib.Path(tmp, "report" + suffix)
        source.write_bytes(data)
        profile = pathlib.Path(tmp, "profile").as_uri()
        subprocess.run(  # noqa: S603 - fixed argument list, soffice found on PATH
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return pathlib.Path(tmp, "report.pdf").read_bytes()


def mutations(data: bytes, count: int, seed: int = 0):
    """Damaged copies of `data`: flipped bytes, truncation, or a run of garbage (fixed seed)."""
    rng = random.Random(seed)
    for i in range(count):
        damaged = bytearray(data)
        if i % 3 == 0:
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        elif i % 3 == 1:
            damaged = damaged[: rng.randrange(len(damaged))]
        else:
            at = rng.randrange(len(damaged))
            damaged[at : at + 50] = bytes(rng.randrange(256) for _ in range(50))
        yield bytes(damaged)


TEXT_BOX_RUN = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"'
    ' locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="2540000" cy="508000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="90" name="文本框 1"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2540000" cy="508000"/>'
    '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
    "<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:shape style="width:200pt;height:40pt"><v:textbox><w:txbxContent>{paragraphs}'
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def add_text_box(paragraph, *lines: str) -> None:
    """A floating text box anchored in a python-docx paragraph, written as Word writes one: the
    DrawingML shape and its VML fallback copy, each holding the same paragraphs."""
    from docx.oxml import parse_xml

    paragraphs = "".join(f"<w:p><w:r><w:t>{_esc(line)}</w:t></w:r></w:p>" for line in lines)
    paragraph._p.append(parse_xml(TEXT_BOX_RUN.format(paragraphs=paragraphs)))


def build_margins_docx(
    *, header: str, footer: str, box: str, body: str = "关于2026年低保资金发放情况的公示"
) -> bytes:
    """A python-docx document with text in the header, the footer and a text box, not in the body."""
    import docx

    document = docx.Document()
    document.add_paragraph(body)
    add_text_box(document.add_paragraph("详见右侧说明。"), "咨询方式", box)
    document.add_paragraph("特此公示。")
    section = document.sections[0]
    section.header.paragraphs[0].text = "东湖街道办事处"
    section.header.add_paragraph(header)
    section.footer.paragraphs[0].text = footer
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
