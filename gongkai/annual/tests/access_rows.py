"""Permission-matrix rows of the annual-report pages (see tests/access.py)."""

from tests.access import ACTORS, HANDLERS, READERS, Row

EVERYONE = set(ACTORS)  # a published report is public

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
    Row("api-v1:annual_report", "get", "/api/v1/bodies/{body}/annual/2026", READERS, api=True),
    Row("api-v1:annual_rollup", "get", "/api/v1/rollup/2026", {"inspector", "superuser"}, api=True),
    Row("annual-figures", "get", "/bodies/{body}/annual/2026/figures/", HANDLERS),
    Row("annual-figures-import", "get", "/bodies/{body}/annual/2026/figures/import/", HANDLERS),
    Row("annual-figures-template", "get", "/bodies/{body}/annual/2026/figures/template.csv", HANDLERS),
]
