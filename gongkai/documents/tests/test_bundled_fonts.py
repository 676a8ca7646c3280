"""Every kind of PDF gongkai makes renders its Chinese with the bundled fonts on a machine without
any font: in a child process whose fontconfig configuration is empty, each letter type, every
answer's legal basis and both annual-report formats are rendered, then read back with PyMuPDF.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pymupdf
import pytest

from gongkai.applications import letters
from gongkai.applications.models import Application, Consultation, IssuedLetter, LetterKind
from gongkai.core.fees import per_page_fee, per_request_fee
from gongkai.core.letter_grounds import GROUNDS, remedies
from gongkai.documents import fonts
from gongkai.documents import report_tables as rt
from gongkai.documents.inspect import pdf_glyph_problems
from gongkai.documents.letter import Letter
from gongkai.documents.tests.test_report_tables import rendered_parts

ROOT = Path(__file__).resolve().parents[3]
# WeasyPrint names a face in the PDF after its CSS family, spaces turned into hyphens.
BUNDLED = {family.replace(" ", "-"): path for family, path in fonts.BUNDLED_FILES.items()}
SENDER = "示范区东湖街道办事处"


def application() -> Application:
    """A case as registered, not saved: the letters read only these fields."""
    return Application(
        number="DONGHU-2026-0007",
        query_code="K7M2Q9",
        received_on=date(2026, 3, 2),
        applicant_name="张三",
        information_requested="2025年东湖街道最低生活保障金发放名单及金额",
    )


def every_letter() -> dict[str, Letter]:
    """One letter of each kind, an answer for every ground, numbered and signed as letter_issue does."""
    case = application()
    drafts = {
        "acknowledgement": letters.acknowledgement(case, due_on=date(2026, 3, 30)),
        "supplement": letters.supplement_notice(
            case, missing="请写明所需信息的年份和范围。", working_days=15
        ),
        "extension": letters.extension_notice(
            case, days=20, new_due_on=date(2026, 4, 28), reason="需要调取的档案数量较多"
        ),
        "consultation": letters.consultation(case, third_party="某某建设有限公司", concerns="商业秘密"),
        "consultation-co-producer": letters.co_producer_consultation(case, body_name="示范区财政局"),
        "disclosure-notice": letters.third_party_notice(
            case,
            consultation=Consultation(
                party="某某建设有限公司",
                reason="含有本公司的报价明细",
                answered_on=date(2026, 3, 16),
                letter=IssuedLetter(number="东湖街道依申征〔2026〕1号", issued_on=date(2026, 3, 9)),
            ),
            content="中标价格及项目工期",
            reason="项目使用财政资金，不公开可能对公共利益造成重大影响",
            remedy=remedies(
                review_authority="示范区人民政府",
                court="示范区人民法院",
                decision="本决定",
                document="本告知书",
            ),
        ),
        "fee-per-page": letters.fee_notice(case, fee=per_page_fee(pages=250)),
        "fee-per-request": letters.fee_notice(case, fee=per_request_fee(earlier_this_month=40, requests=3)),
        "termination": letters.termination(
            case,
            notice=IssuedLetter(
                kind=LetterKind.SUPPLEMENT_NOTICE,
                number="东湖街道依申补〔2026〕3号",
                issued_on=date(2026, 3, 4),
                delivered_on=date(2026, 3, 6),
            ),
            missed="补正",
            closed_on=date(2026, 3, 27),
            basis="《中华人民共和国政府信息公开条例》第三十条",
        ),
        "art35-reason": letters.art35_reason_notice(
            case,
            grounds="您在30日内提出申请25件",
            counts="截至2026年3月9日，您本年度已向本机关提出政府信息公开申请40件，其中近30日内25件。",
            reply_by=date(2026, 3, 16),
        ),
        "art35-delay": letters.art35_delay_notice(case, due_on=date(2026, 4, 30), reason="所涉档案分散"),
    }
    facts = {
        "access": "当面领取",
        "withheld": "身份证号码",
        "reason": "涉及个人隐私，已作区分处理。",
        "art35_reply": "您未在2026年3月16日前说明理由",
    }
    remedy = remedies(review_authority="示范区人民政府", court="示范区人民法院")
    for ground in GROUNDS:
        drafts[f"answer-{ground.code}"] = letters.answer(case, ground=ground, facts=facts, remedy=remedy)
    assert {draft.kind for draft in drafts.values()} == set(LetterKind.values)
    return {
        name: Letter(
            title=LetterKind(draft.kind).label,
            number=f"东湖街道依申{letters.ABBREVIATIONS[draft.kind]}〔2026〕{serial}号",
            recipient=draft.recipient,
            paragraphs=(*draft.paragraphs, *((draft.remedy,) if draft.remedy else ())),
            sender=SENDER,
            dated=date(2026, 3, 4),
            legal_basis=draft.legal_basis,
            notes=("联系电话：0755-8000 2000  地址：示范区东湖路1号",),
        )
        for serial, (name, draft) in enumerate(drafts.items(), start=1)
    }


def every_report() -> dict[str, tuple]:
    return {f"report-{template}": rendered_parts(template) for template in ("2019", "2021")}


def without_fonts(folder: Path) -> dict[str, str]:
    """The environment of a machine without fonts: fontconfig reads a configuration with none."""
    empty = folder / "fonts.conf"
    empty.write_text("<fontconfig></fontconfig>", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(empty)}
    env.pop("FONTCONFIG_PATH", None)
    return env


def render_without_fonts(documents: dict[str, object], folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - this interpreter and a module of the project
        [sys.executable, "-m", "gongkai.documents.tests.render_child", str(folder)],
        input=pickle.dumps(list(documents.items())),
        capture_output=True,
        cwd=ROOT,
        env=without_fonts(folder),
        timeout=600,
        check=False,
    )


def _characters(text: str) -> Counter:
    return Counter(re.sub(r"\s", "", text))


def report_text(parts, title, signature) -> str:
    cells = [spot.text for part in parts if part.grid for row in part.grid for spot in row]
    return "".join([title, *(p.heading + p.text for p in parts), *cells, *signature])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, weasyprint_available):
    folder = tmp_path_factory.mktemp("no-fonts")
    documents = {**every_letter(), **every_report()}
    documents["control-missing-glyph"] = Letter(
        **{**every_letter()["acknowledgement"].__dict__, "recipient": "张𠀀"}
    )
    process = render_without_fonts(documents, folder)
    return documents, folder, process


def test_that_environment_has_no_font_at_all(tmp_path):
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("未安装 fc-list（fontconfig）")
    listed = subprocess.run(  # noqa: S603 - fontconfig's own lister, found on PATH
        [fc_list], capture_output=True, text=True, env=without_fonts(tmp_path), check=True
    )
    assert listed.stdout == ""


def test_every_pdf_renders_without_a_system_font_and_without_warnings(rendered):
    documents, folder, process = rendered
    assert process.returncode == 0, process.stderr.decode()
    warnings = process.stderr.decode()
    # The control letter holds one character the font lacks, and only it is warned about.
    assert warnings.count(".notdef") == 1 and "U+20000" in warnings, warnings
    assert not [line for line in warnings.splitlines() if "U+20000" not in line], warnings
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted(documents)


@pytest.mark.parametrize("name", [*every_letter(), *every_report()])
def test_each_pdf_reads_back_in_the_bundled_fonts(rendered, name):
    documents, folder, _ = rendered
    data = (folder / f"{name}.pdf").read_bytes()
    assert pdf_glyph_problems(data, BUNDLED) == []
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        text = "".join(page.get_text() for page in pdf)
        used = {font[3].split("+", 1)[1] for page in pdf for font in page.get_fonts()}
    document = documents[name]
    if isinstance(document, Letter):
        assert re.sub(r"\s", "", text) == re.sub(r"\s", "", document.plain_text())
        assert used == {"Noto-Serif-SC-Bundled"}
    else:
        assert _characters(text) == _characters(report_text(*document))
        assert used == {"Noto-Serif-SC-Bundled", "Noto-Sans-SC-Bundled"}  # headings in the sans, as 黑体


def test_a_character_the_font_lacks_is_found(rendered):
    _, folder, _ = rendered
    problems = pdf_glyph_problems((folder / "control-missing-glyph.pdf").read_bytes(), BUNDLED)
    assert problems == ["第1页：「𠀀」（U+20000）没有字形"]


def test_a_pdf_in_a_system_font_is_not_taken_for_the_bundled_one(rendered):
    _, folder, _ = rendered
    data = (folder / "acknowledgement.pdf").read_bytes()
    assert pdf_glyph_problems(data, {"Noto-Serif-CJK-SC": BUNDLED["Noto-Serif-SC-Bundled"]}) == [
        "第1页：字体 Noto-Serif-SC-Bundled 不是随附字体"
    ]


def test_served_html_never_names_a_file_on_the_server():
    parts, title, signature = rendered_parts("2021")
    assert "file:" not in rt.render_html(parts, title, signature)
