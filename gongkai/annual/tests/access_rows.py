"""Permission-matrix rows of the annual-report pages (see tests/access.py)."""

from tests.access import HANDLERS, READERS, Row

ROWS = [
    Row("annual-report", "get", "/bodies/{body}/annual/2026/", READERS),
    Row("annual-download", "get", "/bodies/{body}/annual/2026.xlsx", READERS),
    Row("annual-rollup", "get", "/work/rollup/2026/", {"inspector", "superuser"}),
    Row("annual-figures", "get", "/bodies/{body}/annual/2026/figures/", HANDLERS),
]
