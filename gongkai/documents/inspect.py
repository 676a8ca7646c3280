"""Looking inside rendered files, for tests and for the checks a clerk may run on a download."""

from __future__ import annotations

import io

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
