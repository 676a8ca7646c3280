"""Reader for Word documents (.docx, also .docm/.dotx): body paragraphs and tables in order.

Scope:
- The container is checked first (readers.sniff.open_zip: broken zip, more than 50 MB declared
  after decompression, too many members -> ReadError). The main part is found through
  `_rels/.rels` and parsed with lxml directly (entities not resolved, no network); both the
  transitional and the strict OOXML namespaces are accepted.
- Body order of paragraphs and tables, including those inside content controls (w:sdt) and
  custom XML. Paragraph text is the text of its runs, tabs as "\\t", line breaks as "\\n";
  deleted and moved-away revisions are left out, inserted ones kept; a text box's text is taken
  once (mc:Fallback copies are ignored).
- Tables: gridBefore, gridSpan, vMerge (restart/continue) and the legacy hMerge are expanded to
  a rectangular grid whose covered positions point at the merge's origin. A cell's paragraphs
  are joined with "\\n". A table nested in a cell is emitted as its own SourceTable right after
  the table containing it, with a warning.

Known limits: text produced by automatic numbering (e.g. "一、" from a numbering definition) is
not in the runs and therefore not in the lines — a warning counts such paragraphs; headers,
footers, footnotes, comments and floating shapes outside paragraphs are not read; old binary
.doc files are not supported (sniffed as doc-or-xls).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib

from lxml import etree

from gongkai.core.reports.readers.grid import GridBuilder, GridTooLarge
from gongkai.core.reports.readers.sniff import ReadError, open_zip
from gongkai.core.reports.source import Location, SourceDocument, SourceLine

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = ("/officeDocument",)  # relationship type suffix, same in both namespaces
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def read(data: bytes, name: str) -> SourceDocument:
    if not data.strip():
        raise ReadError(f"{name}：文件为空。")
    archive = open_zip(data, name)
    root = _main_part(archive, name)
    ns = root.nsmap.get("w") or (W_STRICT if root.tag.startswith("{" + W_STRICT) else W_TRANSITIONAL)
    body = root.find(f"{{{ns}}}body")
    if body is None:
        raise ReadError(f"{name}：Word文档缺少正文（body）。")
    document = SourceDocument(path=name, kind="docx")
    _Reader(document, ns, name).run(body)
    if not document.tables():
        document.warnings.append(f"{name}：未发现表格。")
    return document


def _main_part(archive: zipfile.ZipFile, name: str) -> etree._Element:
    target = "word/document.xml"
    try:
        rels = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
        for rel in rels.iter(f"{{{REL}}}Relationship"):
            if (rel.get("Type") or "").endswith(OFFICE_DOCUMENT) and rel.get("Target"):
                target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                break
    except (
        KeyError,
        etree.XMLSyntaxError,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ):
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
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{name}：Word文档正文已损坏，无法解析。") from exc


class _Reader:
    def __init__(self, document: SourceDocument, ns: str, name: str) -> None:
        self.document = document
        self.name = name
        self.w = "{" + ns + "}"
        self.line_no = 0
        self.table_no = 0
        self.numbered = 0
        w = self.w
        self.text_tags = {w + "t": None, w + "tab": "\t", w + "br": "\n", w + "cr": "\n"}
        self.skip_parents = {w + "del", w + "moveFrom", "{" + MC + "}Fallback", w + "pPr", w + "rPr"}

    def run(self, body: etree._Element) -> None:
        self._container(body)
        if self.numbered:
            self.document.warnings.append(
                f"{self.name}：有{self.numbered}段使用Word自动编号，编号文字（如“一、”）不在读取结果中。"
            )

    def _children(self, parent: etree._Element):
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
            self.line_no += 1
            self.document.blocks.append(SourceLine(text, Location(line=self.line_no)))

    def _table(self, tbl: etree._Element) -> None:
        w = self.w
        self.table_no += 1
        number = self.table_no
        grid = GridBuilder()
        nested: list[etree._Element] = []
        try:
            for r, tr in enumerate(c for c in self._children(tbl) if c.tag == w + "tr"):
                col = _int(tr.find(f"{w}trPr/{w}gridBefore"), w, 0)
                for tc in (c for c in self._children(tr) if c.tag == w + "tc"):
                    span = max(_int(tc.find(f"{w}tcPr/{w}gridSpan"), w, 1), 1)
                    text = self._cell_text(tc, nested)
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
            self.document.blocks.append(grid.build(number))
        else:
            self.table_no -= 1
        for inner in nested:
            self.document.warnings.append(
                f"表{number}的单元格内嵌有表格，已作为表{self.table_no + 1}单独列出。"
            )
            self._table(inner)

    def _cell_text(self, tc: etree._Element, nested: list[etree._Element]) -> str:
        lines = []
        for child in self._children(tc):
            if child.tag == self.w + "p":
                lines.append(self.paragraph_text(child).strip())
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
