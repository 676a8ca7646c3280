"""Reader for Word documents (.docx, also .docm/.dotx): body paragraphs and tables in order, then
headers and footers.

Scope:
- The container is checked first (readers.sniff.open_zip: broken zip, more than 50 MB declared
  after decompression, too many members -> ReadError). The main part is found through
  `_rels/.rels` and parsed with lxml directly (entities not resolved, no network); both the
  transitional and the strict OOXML namespaces are accepted.
- Body order of paragraphs and tables, including those inside content controls (w:sdt) and
  custom XML. Paragraph text is the text of its runs, tabs as "\\t", line breaks as "\\n";
  deleted and moved-away revisions are left out, inserted ones kept.
- Text boxes (w:txbxContent, in the body, a table cell or a header) are read once (mc:Fallback
  copies are ignored), right after the paragraph that anchors them, as lines of their own whose
  Location.part is 「文本框N」 (「页眉 文本框N」 in a header).
- Headers and footers each section refers to (default, first page, even pages) are read after
  the body, their Location.part naming them: 「页眉」, 「首页页眉」, 「偶数页页脚」, with 「第N节」
  in front when the document has several sections; a header read once is not read again.
- Tables: gridBefore, gridSpan, vMerge (restart/continue) and the legacy hMerge are expanded to
  a rectangular grid whose covered positions point at the merge's origin. A cell's paragraphs
  are joined with "\\n". A table nested in a cell is emitted as its own SourceTable right after
  the table containing it, with a warning.

Known limits: text produced by automatic numbering (e.g. "一、" from a numbering definition) is
not in the runs and therefore not in the lines — a warning counts such paragraphs; footnotes,
comments, WordArt and floating shapes outside paragraphs are not read; old binary
.doc files are not supported (sniffed as doc-or-xls).
"""

from __future__ import annotations

import dataclasses
import posixpath
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from gongkai.core.reports.readers.grid import GridBuilder, GridTooLarge
from gongkai.core.reports.readers.sniff import ReadError, open_zip
from gongkai.core.reports.source import Location, SourceDocument, SourceLine, SourceTable

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = ("/officeDocument",)  # relationship type suffix, same in both namespaces
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
# What reading and parsing one member of a damaged archive may raise.
MEMBER_ERRORS = (
    KeyError,
    etree.XMLSyntaxError,
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


def read(data: bytes, name: str) -> SourceDocument:
    if not data.strip():
        raise ReadError(f"{name}：文件为空。")
    archive = open_zip(data, name)
    target, root = _main_part(archive, name)
    ns = root.nsmap.get("w") or (W_STRICT if root.tag.startswith("{" + W_STRICT) else W_TRANSITIONAL)
    body = root.find(f"{{{ns}}}body")
    if body is None:
        raise ReadError(f"{name}：Word文档缺少正文（body）。")
    document = SourceDocument(path=name, kind="docx")
    reader = _Reader(document, ns, name)
    reader.run(body)
    for label, part in _margin_parts(archive, target, body, ns):
        reader.part(label, part)
    if not document.tables():
        document.warnings.append(f"{name}：未发现表格。")
    return document


def _main_part(archive: zipfile.ZipFile, name: str) -> tuple[str, etree._Element]:
    target = "word/document.xml"
    try:
        rels = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
        for rel in rels.iter(f"{{{REL}}}Relationship"):
            if (rel.get("Type") or "").endswith(OFFICE_DOCUMENT) and rel.get("Target"):
                target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                break
    except MEMBER_ERRORS:
        pass  # fall back to the usual location
    try:
        raw = archive.read(target)
    except KeyError as exc:
        raise ReadError(f"{name}：不是有效的Word文档（缺少{target}）。") from exc
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise ReadError(f"{name}：文件已损坏，无法解压正文（{type(exc).__name__}）。") from exc
    try:
        return target, etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{name}：Word文档正文已损坏，无法解析。") from exc


MARGIN_KINDS = {"header": ("headerReference", "页眉"), "footer": ("footerReference", "页脚")}
MARGIN_PREFIXES = {"first": "首页", "even": "偶数页"}


def _margin_parts(
    archive: zipfile.ZipFile, target: str, body: etree._Element, ns: str
) -> Iterator[tuple[str, etree._Element]]:
    """(label, root) of each header and footer the sections refer to, in section order.

    A part that is missing or does not parse is left out: the body has been read already.
    """
    w = "{" + ns + "}"
    folder, base = posixpath.split(target)
    try:
        rels = etree.fromstring(archive.read(posixpath.join(folder, "_rels", base + ".rels")), _PARSER)
    except MEMBER_ERRORS:  # no relationships: no headers or footers
        return
    targets = {
        rel.get("Id"): posixpath.normpath(posixpath.join(folder, rel.get("Target") or ""))
        for rel in rels.iter(f"{{{REL}}}Relationship")
        if (rel.get("Type") or "").rsplit("/", 1)[-1] in MARGIN_KINDS and rel.get("TargetMode") != "External"
    }
    sections = list(body.iter(w + "sectPr"))
    seen: set[str] = set()
    for number, section in enumerate(sections, 1):
        for reference in section:
            kind = next((k for k, (tag, _) in MARGIN_KINDS.items() if reference.tag == w + tag), None)
            rid = next((v for k, v in reference.attrib.items() if k.endswith("}id")), None)
            path = targets.get(rid)
            if kind is None or path is None or path in seen:
                continue
            seen.add(path)
            label = MARGIN_PREFIXES.get(reference.get(w + "type", "default"), "") + MARGIN_KINDS[kind][1]
            try:
                root = etree.fromstring(archive.read(path), _PARSER)
            except MEMBER_ERRORS:
                root = None  # a damaged or missing header is left out: the body has been read
            if root is not None:
                yield (f"第{number}节{label}" if len(sections) > 1 else label), root


class _Reader:
    def __init__(self, document: SourceDocument, ns: str, name: str) -> None:
        self.document = document
        self.name = name
        self.w = "{" + ns + "}"
        self.line_no = 0
        self.table_no = 0
        self.box_no = 0
        self.numbered = 0
        # Where lines go now: the body (None) or a header, footer or text box, with its own count.
        self.where: str | None = None
        self.where_line = 0
        w = self.w
        self.text_tags = {w + "t": None, w + "tab": "\t", w + "br": "\n", w + "cr": "\n"}
        # A text box's text is not its anchoring paragraph's: it is read as lines of its own.
        self.skip_parents = {
            w + "del",
            w + "moveFrom",
            "{" + MC + "}Fallback",
            w + "pPr",
            w + "rPr",
            w + "txbxContent",
        }

    def run(self, body: etree._Element) -> None:
        self._container(body)
        if self.numbered:
            self.document.warnings.append(
                f"{self.name}：有{self.numbered}段使用Word自动编号，编号文字（如“一、”）不在读取结果中。"
            )

    def part(self, label: str, root: etree._Element) -> None:
        """Read a header, footer or text box as lines (and tables) whose Location.part is `label`."""
        saved = self.where, self.where_line
        self.where, self.where_line = label, 0
        self._container(root)
        self.where, self.where_line = saved

    def _text_boxes(self, p: etree._Element) -> None:
        """The text boxes anchored in a paragraph (not those inside another box, nor Fallback copies)."""
        for box in p.iter(self.w + "txbxContent"):
            if not self._skipped(box, p):
                self.box_no += 1
                self.part(f"{self.where} 文本框{self.box_no}" if self.where else f"文本框{self.box_no}", box)

    def _location(self) -> Location:
        if self.where is None:
            self.line_no += 1
            return Location(line=self.line_no)
        self.where_line += 1
        return Location(line=self.where_line, part=self.where)

    def _children(self, parent: etree._Element) -> Iterator[etree._Element]:
        """Block children, looking through content controls and custom XML."""
        w = self.w
        for child in parent:
            if child.tag in (w + "sdt", w + "customXml"):
                content = child.find(w + "sdtContent") if child.tag == w + "sdt" else child
                if content is not None:
                    yield from self._children(content)
            else:
                yield child

    def _container(self, parent: etree._Element) -> None:
        w = self.w
        for child in self._children(parent):
            if child.tag == w + "p":
                self._paragraph(child)
            elif child.tag == w + "tbl":
                self._table(child)

    def paragraph_text(self, p: etree._Element) -> str:
        parts = []
        tags = self.text_tags
        for el in p.iter(*tags):
            if self._skipped(el, p):
                continue
            fixed = tags[el.tag]
            parts.append(fixed if fixed is not None else (el.text or ""))
        return "".join(parts)

    def _skipped(self, el: etree._Element, stop: etree._Element) -> bool:
        parent = el.getparent()
        while parent is not None and parent is not stop:
            if parent.tag in self.skip_parents:
                return True
            parent = parent.getparent()
        return False

    def _paragraph(self, p: etree._Element) -> None:
        text = self.paragraph_text(p).strip()
        if p.find(f"{self.w}pPr/{self.w}numPr") is not None:
            self.numbered += 1
        if text:
            self.document.blocks.append(SourceLine(text, self._location()))
        self._text_boxes(p)

    def _table(self, tbl: etree._Element) -> None:
        w = self.w
        self.table_no += 1
        number = self.table_no
        grid = GridBuilder()
        nested: list[etree._Element] = []
        anchors: list[etree._Element] = []  # cell paragraphs holding text boxes, read after the table
        try:
            for r, tr in enumerate(c for c in self._children(tbl) if c.tag == w + "tr"):
                col = _int(tr.find(f"{w}trPr/{w}gridBefore"), w, 0)
                for tc in (c for c in self._children(tr) if c.tag == w + "tc"):
                    span = max(_int(tc.find(f"{w}tcPr/{w}gridSpan"), w, 1), 1)
                    text = self._cell_text(tc, nested, anchors)
                    v_merge = tc.find(f"{w}tcPr/{w}vMerge")
                    h_merge = tc.find(f"{w}tcPr/{w}hMerge")
                    continues_down = v_merge is not None and v_merge.get(w + "val", "continue") == "continue"
                    continues_right = h_merge is not None and h_merge.get(w + "val", "continue") == "continue"
                    if (continues_down and grid.extend_down(r, col, span)) or (
                        continues_right and grid.extend_right(r, col)
                    ):
                        if text:
                            self.document.warnings.append(
                                f"表{number}第{r + 1}行：合并单元格内被遮盖的文字“{text}”未读取。"
                            )
                    else:
                        grid.place(r, col, text, 1, span)
                    col += span
        except GridTooLarge:
            self.document.warnings.append(f"表{number}：表格过大，已跳过。")
            return
        if grid.n_rows:
            self.document.blocks.append(self._placed(grid.build(number)))
        else:
            self.table_no -= 1
        for p in anchors:
            self._text_boxes(p)
        for inner in nested:
            self.document.warnings.append(
                f"表{number}的单元格内嵌有表格，已作为表{self.table_no + 1}单独列出。"
            )
            self._table(inner)

    def _placed(self, table: SourceTable) -> SourceTable:
        """A table of a header, footer or text box carries that part in every location."""
        if self.where is None:
            return table

        def moved(loc: Location) -> Location:
            return dataclasses.replace(loc, part=self.where)

        rows = tuple(
            tuple(
                dataclasses.replace(
                    cell, loc=moved(cell.loc), origin=None if cell.origin is None else moved(cell.origin)
                )
                for cell in row
            )
            for row in table.rows
        )
        return SourceTable(rows=rows, loc=moved(table.loc))

    def _cell_text(
        self, tc: etree._Element, nested: list[etree._Element], anchors: list[etree._Element]
    ) -> str:
        lines = []
        for child in self._children(tc):
            if child.tag == self.w + "p":
                lines.append(self.paragraph_text(child).strip())
                anchors.append(child)
            elif child.tag == self.w + "tbl":
                nested.append(child)
        return "\n".join(line for line in lines if line)


def _int(el: etree._Element | None, w: str, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(w + "val", default))
    except ValueError:
        return default
