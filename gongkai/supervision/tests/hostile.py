"""Hostile upload files, made on the fly for the tests and bench/bench_uploads.py."""

from __future__ import annotations

import io
import random
import zipfile


def many_page_pdf(pages: int) -> bytes:
    """A valid PDF of `pages` pages sharing one tiny content stream (10,000 pages in about 1 MB)."""
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Count {pages} /Kids [{kids}] >>".encode(),
        b"<< /Length 36 >>\nstream\nBT /F1 12 Tf 20 50 Td (page) Tj ET\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R /Resources"
    page += b" << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
    objects += [page] * pages
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def zip_of_many(members: int, member_bytes: int) -> bytes:
    """Many members of report-like text, each well under the per-member limit (about 130:1 compressed)."""
    buffer = io.BytesIO()
    digits = random.Random(0).choices("0123456789 \n", k=4 * 1024)
    block = ("二、主动公开政府信息情况\n" + "".join(digits)).encode()
    payload = (block * (member_bytes // len(block) + 1))[:member_bytes]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(members):
            archive.writestr(f"报告{n:03d}.txt", payload)
    return buffer.getvalue()
