"""Audit one report file: read it, interpret it, check it. Used by the CLI and the web app."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.core.reports.checks import ERROR, Finding, run_checks
from gongkai.core.reports.interpret import interpret
from gongkai.core.reports.model import AnnualReport
from gongkai.core.reports.readers import ReadError, read_bytes


@dataclass
class AuditResult:
    name: str
    report: AnnualReport | None
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # the file could not be read at all

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR) + (1 if self.error else 0)


def audit_bytes(data: bytes, name: str) -> AuditResult:
    try:
        document = read_bytes(data, name)
    except ReadError as error:
        return AuditResult(name, None, error=str(error))
    if not document.has_text_layer:
        return AuditResult(name, None, error=f"{name}：扫描件，没有文字层，无法读取表格（需人工核对或OCR）。")
    report = interpret(document)
    return AuditResult(name, report, run_checks(report))


def audit_path(path: str) -> AuditResult:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return AuditResult(path, None, error=f"{path}：无法打开（{error.strerror}）。")
    return audit_bytes(data, path)
