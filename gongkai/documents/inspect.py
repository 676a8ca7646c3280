"""Looking inside rendered files, for tests and for the checks a clerk may run on a download."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pypdf


def pdf_fonts(data: bytes) -> dict[str, bool]:
    """Base font name -> whether the font program is embedded, over all pages."""
    fonts: dict[str, bool] = {}
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            holder = descendants[0].get_object() if descendants else font
            descriptor = holder.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts[str(font["/BaseFont"])] = any(key.startswith("/FontFile") for key in descriptor)
    return fonts


@cache
def _glyphs(path: Path) -> tuple[frozenset[int], int]:
    """The characters a font file has a glyph for, and its number of glyphs."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    return frozenset(font.getBestCmap()), font["maxp"].numGlyphs


def pdf_glyph_problems(data: bytes, faces: dict[str, Path]) -> list[str]:
    """Everything in a PDF not drawn by one of `faces` (PDF font name -> the font file), in Chinese.

    A font must be embedded and be one of the faces, and every character drawn must have a glyph
    in that file: WeasyPrint draws a character the font lacks as .notdef (glyph 0) or as a glyph
    number past the end of the font, and both are reported. Subsetting keeps the glyph numbers
    of the file, so they are compared with the file itself; -1 is the rest of a ligature (fi).
    """
    import pymupdf

    problems = []
    with pymupdf.open(stream=data, filetype="pdf") as document:
        for number, page in enumerate(document, start=1):
            for _, ext, _, base_font, _, _ in page.get_fonts():
                name = base_font.split("+", 1)[-1]
                if name not in faces:
                    problems.append(f"第{number}页：字体 {name} 不是随附字体")
                elif ext == "n/a":
                    problems.append(f"第{number}页：字体 {name} 未嵌入")
            for span in page.get_texttrace():
                path = faces.get(span["font"].split("+", 1)[-1])
                if path is None:
                    continue  # reported above with the page's fonts
                mapped, count = _glyphs(path)
                for codepoint, glyph, *_ in span["chars"]:
                    if codepoint not in mapped or not (0 < glyph < count or glyph == -1):
                        problems.append(f"第{number}页：「{chr(codepoint)}」（U+{codepoint:04X}）没有字形")
    return problems


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_fonts(paragraph, script: str = "eastAsia") -> str | None:
    """The font Word sets the paragraph's `script` text in (eastAsia, ascii, hAnsi): its first
    run's own w:rFonts, then its style and the styles that one is based on, then the document's
    defaults. A theme font at a level wins over the plain name there, shown as "theme:<name>"."""
    layers = [run._element.rPr for run in paragraph.runs[:1]]
    style = paragraph.style
    while style is not None:
        layers.append(style.element.rPr)
        style = style.base_style
    defaults = paragraph.part.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    layers.append(defaults)
    for rpr in layers:
        fonts = None if rpr is None else rpr.find(f"{W}rFonts")
        if fonts is None:
            continue
        theme = fonts.get(f"{W}{script}Theme" if script != "cs" else f"{W}cstheme")
        if theme:
            return f"theme:{theme}"
        if fonts.get(f"{W}{script}"):
            return fonts.get(f"{W}{script}")
    return None


def docx_font_table(document) -> dict[str, str | None]:
    """The fonts a DOCX declares in word/fontTable.xml -> the w:altName Word substitutes, if any."""
    from lxml import etree

    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    table = etree.fromstring(part.blob)  # noqa: S320 - a part of a file we wrote
    return {
        font.get(f"{W}name"): next((alt.get(f"{W}val") for alt in font.iter(f"{W}altName")), None)
        for font in table.iter(f"{W}font")
    }
