"""The typefaces of a 公文 (GB/T 9704-2012), stated once for every DOCX and PDF gongkai writes.

GB/T 9704 sets the title in 小标宋, the text in 仿宋, first-level headings in 黑体 and second-level
ones in 楷体. A DOCX names them as Word and WPS know them (`w:eastAsia`; digits and Latin text in
Times New Roman), and its font table offers the face Windows ships as the stand-in where the
_GB2312 face is not installed. A PDF cannot count on any of them, nor on any CJK font at all: it
is drawn with Noto Serif SC and Noto Sans SC from the pinned `pylopdf-fonts-zh-cn` package
(SIL Open Font License 1.1), loaded through `@font-face`, so no system font is needed and the
glyphs are the Simplified Chinese forms whatever the machine has.

Scope / known limits: the bundled files are the Regular weights only, so nothing is set in bold
(GB/T 9704 sets nothing in bold either: 黑体 is the heavy face); 楷体 has no bundled face and is
drawn in the serif.
"""

from __future__ import annotations

import atexit
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import pylopdf_fonts_zh_cn

LATIN = "Times New Roman"  # digits and Latin letters in a 公文
TEXT_SIZE = 16  # 3号, the text size of a 公文
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Family names of the bundled faces in a PDF (its font list shows them): unlike the plain family
# names, they cannot pick up another copy of the face that the machine has installed.
SERIF = "Noto Serif SC Bundled"
SANS = "Noto Sans SC Bundled"
BUNDLED_FILES = {SERIF: pylopdf_fonts_zh_cn.serif_path(), SANS: pylopdf_fonts_zh_cn.sans_path()}


@dataclass(frozen=True)
class Face:
    word: str  # the name a DOCX gives (w:eastAsia), as Word and WPS list it
    windows: str  # the face Windows ships, which Word substitutes where `word` is missing
    bundled: str  # the bundled family that draws it in a PDF

    @property
    def css(self) -> str:
        """A CSS font-family: the bundled face in a PDF, the installed one in a browser."""
        generic = "sans-serif" if self.bundled == SANS else "serif"
        return f'"{self.bundled}", "{self.word}", "{self.windows}", {generic}'


TITLE = Face("方正小标宋简体", "宋体", SERIF)
TEXT = Face("仿宋_GB2312", "仿宋", SERIF)
HEADING = Face("黑体", "黑体", SANS)
SUBHEADING = Face("楷体_GB2312", "楷体", SERIF)
FACES = (TITLE, TEXT, HEADING, SUBHEADING)


# --- PDF ---------------------------------------------------------------------------------------


def font_faces_css() -> str:
    """@font-face rules for the bundled files. Only for WeasyPrint: the file:// URLs are paths on
    this server, so they never go into HTML that is served or downloaded."""
    return "".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); }}'
        for family, path in BUNDLED_FILES.items()
    )


def html_to_pdf(html: str) -> bytes:
    """Every PDF gongkai draws goes through here, with the bundled faces and no system font."""
    return html_to_document(html).write_pdf()


def html_to_document(html: str):
    """The laid-out WeasyPrint document (its pages and their anchors), drawn as html_to_pdf draws;
    `.write_pdf()` gives the bytes."""
    font_config, faces = _bundled_faces()
    from weasyprint import HTML  # loaded by _bundled_faces, with its warning silenced

    return HTML(string=html).render(stylesheets=[faces], font_config=font_config)


_per_thread = threading.local()


@atexit.register
def _remove_copies() -> None:
    """Drop the main thread's configuration while the interpreter can still run its cleanup, which
    removes the copied files (another thread's goes when that thread ends)."""
    _per_thread.__dict__.pop("faces", None)


def _bundled_faces():
    """The font configuration holding the bundled faces, made once per thread and kept: WeasyPrint
    copies each file into it (20 MB), which cost more than drawing a whole letter; and a
    configuration is not to be shared between threads (Pango's font map is not thread-safe).
    It is made again if a cleaner of the temporary folder has removed the copies since."""
    kept = getattr(_per_thread, "faces", None)
    if kept is None or not Path(kept[0]._folder).is_dir():  # WeasyPrint's folder of copies
        with warnings.catch_warnings():
            # On a machine without fonts WeasyPrint warns at import that its output will be ugly;
            # the bundled faces are what makes it right, so the warning would only mislead.
            warnings.filterwarnings("ignore", message=".*Expect ugly output", category=UserWarning)
            from weasyprint import CSS  # imported late: loading Pango costs ~0.3 s
            from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        _per_thread.faces = (font_config, CSS(string=font_faces_css(), font_config=font_config))
    return _per_thread.faces


# --- DOCX (python-docx is imported in the functions: it costs ~0.25 s, and the report tables'
# HTML, which the portal renders, needs none of it) ----------------------------------------------


def name_fonts(rpr, face: Face) -> None:
    """Name `face` for CJK text and Times New Roman for digits and Latin text in a w:rPr."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for theme in THEME_ATTRIBUTES:  # Word reads a theme font before the plain name
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(script), LATIN)
    fonts.set(qn("w:eastAsia"), face.word)


def style_docx(document) -> None:
    """The styles of a 公文: text in 仿宋 (the document's defaults and Normal), Title in 小标宋 at 2号
    and centred, Heading 1 in 黑体 and Heading 2 in 楷体 at the text size, all black and upright;
    and the font table's stand-ins."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    name_fonts(defaults, TEXT)
    for lang in defaults.findall(qn("w:lang")):  # the template says en-US for CJK text too
        lang.set(qn("w:eastAsia"), "zh-CN")
    for name, face, size in (
        ("Normal", TEXT, TEXT_SIZE),
        ("Title", TITLE, 22),
        ("Heading 1", HEADING, TEXT_SIZE),
        ("Heading 2", SUBHEADING, TEXT_SIZE),
    ):
        style = document.styles[name]
        name_fonts(style.element.get_or_add_rPr(), face)
        style.font.size = Pt(size)
        if name != "Normal":
            style.font.bold = False
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
    title = document.styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for border in title.element.xpath("./w:pPr/w:pBdr"):  # the template's blue rule under the title
        border.getparent().remove(border)
    _declare_stand_ins(document)


def _declare_stand_ins(document) -> None:
    """fontTable.xml lists each face with the Windows one as w:altName, in the GB2312 charset, so
    Word substitutes 仿宋 for a missing 仿宋_GB2312 instead of a Latin font."""
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn
    from lxml import etree

    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    table = parse_xml(part.blob)
    for face in FACES:
        font = OxmlElement("w:font", {qn("w:name"): face.word})
        if face.windows != face.word:
            font.append(OxmlElement("w:altName", {qn("w:val"): face.windows}))
        font.append(OxmlElement("w:charset", {qn("w:val"): "86"}))  # GB2312
        font.append(OxmlElement("w:family", {qn("w:val"): "modern" if face.bundled == SANS else "roman"}))
        table.append(font)
    # python-docx loads this part as a plain blob and offers no setter for it.
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
