"""The audit use case: files in (zips expanded), each report read and checked, the reports of one
body compared year to year, the findings merged. `gongkai audit`, the web upload and the
background job all call audit_files; they differ only in where files come from and where the
results go (on_file stores each as it is done, on_progress reports how far the batch is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from gongkai.core.archive import ArchiveError, ArchiveLimits, is_archive, read_members
from gongkai.core.reports.checks import Finding, run_checks
from gongkai.core.reports.cross import cross_checks
from gongkai.core.reports.interpret import interpret
from gongkai.core.reports.model import AnnualReport
from gongkai.core.reports.readers import ReadError, read_bytes
from gongkai.core.reports.readers.sniff import sniff
from gongkai.core.reports.registry import Severity
from gongkai.core.upload_limits import UploadRefused, refuse_long_pdf

# A file to audit: its name and its content (bytes or an open binary file), or a Chinese message
# saying why it could not be opened (a path that does not exist, ...).
Content = bytes | BinaryIO | str
DEFAULT_ZIP_LIMITS = ArchiveLimits()


@dataclass
class AuditResult:
    name: str
    report: AnnualReport | None
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # the file could not be read at all
    across: list[Finding] = field(default_factory=list)  # of findings, those from comparing reports

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR) + (1 if self.error else 0)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)


@dataclass(frozen=True)
class Progress:
    done: int  # files audited so far
    total: int | None  # files in the batch, when the caller knows (zips counted by their members)
    current: str  # the file just audited
    errors: int  # files with an error so far


def audit_bytes(data: bytes, name: str, *, max_pdf_pages: int | None = None) -> AuditResult:
    """One file read and checked on its own (no comparison with other reports)."""
    if max_pdf_pages is not None and sniff(data, name) == "pdf":
        try:
            refuse_long_pdf(data, name, max_pdf_pages)
        except UploadRefused as error:
            return AuditResult(name, None, error=str(error))
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


def expand(
    files: Iterable[tuple[str, Content]], *, limits: ArchiveLimits, refuse_broken_archives: bool
) -> Iterator[tuple[str, bytes | str]]:
    """Each file to audit, one at a time; a zip's members come out one by one as 'zip!member'.

    A zip that breaks part-way is an error result of its own, or, with refuse_broken_archives,
    the ArchiveError is raised for the caller to refuse the whole batch.
    """
    for name, content in files:
        if isinstance(content, str):
            yield name, content
        elif is_archive(content):
            try:
                for member in read_members(content, name, limits):
                    yield f"{name}!{member.name}", member.data
            except ArchiveError as error:
                if refuse_broken_archives:
                    raise
                yield name, str(error)
        elif isinstance(content, bytes):
            yield name, content
        else:
            content.seek(0)
            yield name, content.read()


# A file to audit: (name, its bytes or why they could not be taken out of their archive, the
# most PDF pages to read or None).
Item = tuple[str, bytes | str, int | None]


def _audit_one(item: Item) -> AuditResult:
    name, content, max_pdf_pages = item
    if isinstance(content, str):
        return AuditResult(name, None, error=content)
    return audit_bytes(content, name, max_pdf_pages=max_pdf_pages)


def audit_files(
    files: Iterable[tuple[str, Content]],
    *,
    zip_limits: ArchiveLimits = DEFAULT_ZIP_LIMITS,
    refuse_broken_archives: bool = False,
    max_pdf_pages: int | None = None,
    jobs: int = 1,
    total: int | None = None,
    on_file: Callable[[str, bytes | None, AuditResult], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    on_start: Callable[[Progress], None] | None = None,
) -> list[AuditResult]:
    """Audit a batch: every file's own findings, then the comparisons across it merged in.

    on_start(progress) is called before each file is read, naming it (with several jobs, as the
    files are handed to the workers); on_progress(progress) after each, naming the file just done.

    on_file(name, data, result) is called as each file is done (data None for a file that could
    not be opened), before the comparisons; a result whose findings the comparisons extend has
    them in result.across too, so a caller that stored it can update it.
    """
    items = (
        (name, content, max_pdf_pages)
        for name, content in expand(files, limits=zip_limits, refuse_broken_archives=refuse_broken_archives)
    )
    results: list[AuditResult] = []
    with_errors = 0

    def announced(items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            if on_start is not None:
                on_start(Progress(len(results), total, item[0], with_errors))
            yield item

    for item, result in _run(announced(items), jobs):
        if on_file is not None:
            on_file(item[0], None if isinstance(item[1], str) else item[1], result)
        results.append(result)
        with_errors += bool(result.errors)
        if on_progress is not None:
            on_progress(Progress(len(results), total, result.name, with_errors))
    across = cross_checks([(r.name, r.report) for r in results if r.report])
    for result in results:
        result.across = across.get(result.name, [])
        result.findings += result.across
    return results


def _run(items: Iterator[Item], jobs: int) -> Iterator[tuple[Item, AuditResult]]:
    """(item, result) in order; with several jobs the files are read in worker processes."""
    if jobs <= 1:
        for item in items:
            yield item, _audit_one(item)
        return
    from concurrent.futures import ProcessPoolExecutor

    listed = list(items)
    if len(listed) < 4:  # not worth starting the workers
        yield from ((item, _audit_one(item)) for item in listed)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from zip(listed, pool.map(_audit_one, listed, chunksize=4), strict=True)
