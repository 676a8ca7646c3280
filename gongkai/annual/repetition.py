"""「内容雷同」: a draft compared with the body's previous reports and with other bodies' reports of
the same year before it is reviewed (2021 format: copied content carries accountability).

The whole text is scored as the auditor's SIMILAR-TEXT check does (gongkai.core.reports.cross);
over its limit, the reviewer is shown the sentences that repeat and must confirm before approving.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from gongkai.annual.models import AnnualReportVersion, ReportStatus
from gongkai.core.reports.cross import SIMILARITY_LIMIT

SENTENCE_END = re.compile(r"[。；;\n]")
MIN_PASSAGE = 20  # shorter sentences (headings, 「本年度未收取信息处理费。」) repeat by nature


@dataclass(frozen=True)
class Repetition:
    against: str  # 「本机关2025年度年报」 or another body's name and year
    similarity: float
    passages: list[str]  # sentences of the draft found (nearly) verbatim in the other report


def _body_text(sections) -> str:
    return "".join(
        line.strip() for _, text in sections for line in text.splitlines() if len(line.strip()) > 20
    )


def _sentences(sections) -> list[str]:
    return [
        s.strip() for _, text in sections for s in SENTENCE_END.split(text) if len(s.strip()) >= MIN_PASSAGE
    ]


def _compared(version, other, label: str) -> Repetition | None:
    similarity = fuzz.ratio(_body_text(version.sections), _body_text(other.sections))
    if similarity < SIMILARITY_LIMIT:
        return None
    theirs = _sentences(other.sections)
    passages = [
        s
        for s in _sentences(version.sections)
        if (best := process.extractOne(s, theirs, scorer=fuzz.ratio)) and best[1] >= SIMILARITY_LIMIT
    ]
    return Repetition(label, round(similarity, 1), passages)


def repetitions(version) -> list[Repetition]:
    """The reports the version's text repeats: the body's published reports of earlier years, and
    the latest version of every other body's report of the same year."""
    found = []
    earlier = AnnualReportVersion.objects.filter(
        body=version.body, year__lt=version.year, status=ReportStatus.PUBLISHED
    ).order_by("year", "-version")
    latest_per_year: dict[int, AnnualReportVersion] = {}
    for other in earlier:
        latest_per_year.setdefault(other.year, other)
    for year, other in sorted(latest_per_year.items(), reverse=True):
        if hit := _compared(version, other, f"本机关{year}年度年报"):
            found.append(hit)
    peers: dict[int, AnnualReportVersion] = {}
    for other in (
        AnnualReportVersion.objects.filter(year=version.year)
        .exclude(body=version.body)
        .select_related("body")
        .order_by("body_id", "-version")
    ):
        peers.setdefault(other.body_id, other)
    for other in peers.values():
        if hit := _compared(version, other, f"{other.body}{version.year}年度年报"):
            found.append(hit)
    return found


def repetition_message(found: list[Repetition]) -> list[str]:
    lines = ["年报正文与以下年报高度雷同，请核对重复的段落，确认后方可审核通过："]
    for r in found:
        lines.append(f"与{r.against}的相似度为{r.similarity:.0f}%。重复的段落：")
        lines += [f"「{p}」" for p in r.passages[:20]]
    return lines
