"""Permission-matrix rows of the annual-report pages (see tests/access.py)."""

from tests.access import ACTORS, HANDLERS, READERS, Row

EVERYONE = set(ACTORS)  # a published report is public
LEDGER_KEEPERS = {"clerk", "backup_clerk", "admin", "superuser"}  # backup_clerk is a second 经办人

ROWS = [
    Row("annual-report", "get", "/bodies/{body}/annual/2026/", READERS),
    Row("annual-download", "get", "/bodies/{body}/annual/2026.xlsx", READERS),
    Row("annual-cell", "get", "/bodies/{body}/annual/2026/cell/t2/new/total/", READERS),
    Row("annual-cell", "get", "/bodies/{body}/annual/2026/cell/t3/appeals/review.total/", READERS),
    Row("annual-rollup", "get", "/work/rollup/2026/", {"inspector", "superuser"}),
    Row("annual-rollup-xlsx", "get", "/work/rollup/2026.xlsx", {"inspector", "superuser"}),
    Row("annual-step", "post", "/bodies/{body}/annual/2026/nonsense/", HANDLERS, ok=(404,)),
    Row("public-report", "get", "/reports/{body}/2026/", EVERYONE, ok=(404,)),
    Row("public-report-version", "get", "/reports/{body}/2026/v1/", EVERYONE, ok=(404,)),
    Row("public-report-file", "get", "/reports/{body}/2026/v1.pdf", EVERYONE, ok=(404,)),
    Row("api-v1:annual_report", "get", "/api/v1/bodies/{body}/annual/2026", READERS, api=True),
    Row("api-v1:annual_rollup", "get", "/api/v1/rollup/2026", {"inspector", "superuser"}, api=True),
    Row("annual-figures", "get", "/bodies/{body}/annual/2026/figures/", HANDLERS),
    Row("annual-figures-import", "get", "/bodies/{body}/annual/2026/figures/import/", HANDLERS),
    Row("annual-figures-template", "get", "/bodies/{body}/annual/2026/figures/template.csv", HANDLERS),
    # The 工作台账: read by the body's readers, kept by its 经办人 and 管理员 (annual.ledger).
    Row("annual-ledger", "get", "/bodies/{body}/annual/2026/ledger/", READERS),
    Row("annual-ledger", "post", "/bodies/{body}/annual/2026/ledger/", LEDGER_KEEPERS, ok=(400,)),
    Row(
        "annual-ledger-remove",
        "post",
        "/bodies/{body}/annual/2026/ledger/{ledger_entry}/remove/",
        LEDGER_KEEPERS,
        ok=(400,),
    ),
    Row("annual-ledger-file", "get", "/bodies/{body}/annual/2026/ledger/files/{ledger_file}/", READERS),
]


def placeholders(cast) -> dict:
    """A 2026 台账 entry of 东湖街道 with one attachment, found or made once."""
    from datetime import date

    from gongkai.annual.ledger import ledger_entry_add
    from gongkai.annual.models import LedgerEntry

    entry = LedgerEntry.objects.filter(body=cast.body, year=2026).first() or ledger_entry_add(
        actor=cast.clerk,
        body=cast.body,
        kind="training",
        on=date(2026, 3, 10),
        title="政务公开业务培训",
        attendees=12,
        files=[("签到表.txt", "政务公开业务培训签到表".encode())],
        today=date(2026, 3, 10),
    )
    return {"ledger_entry": entry.pk, "ledger_file": entry.attachments.get().pk}
