"""The cast's actors and the Row type of the permission matrix, shared by every area's access rows.

An area adds its pages to the matrix in gongkai/<area>/tests/access_rows.py: a list ROWS of Row,
and optionally placeholders(cast) -> dict giving the values of its own {placeholders} in paths.
placeholders() is called before every request, so it must find or create its objects idempotently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ACTORS = [
    "anonymous",
    "clerk",
    "backup_clerk",
    "reviewer",
    "secrecy",
    "head",
    "admin",
    "inspector",
    "office_clerk",
    "outsider",
    "other_admin",
    "superuser",
]
STAFF = {"clerk", "backup_clerk", "reviewer", "secrecy", "head", "admin"}
EVERYONE_LOGGED_IN = set(ACTORS) - {"anonymous"}
# 经办人, 审核人, 负责人 and 管理员 handle applications; the 保密审查员 and inspectors only read.
HANDLERS = {"clerk", "backup_clerk", "reviewer", "head", "admin", "superuser"}
READERS = STAFF | {"inspector", "superuser"}


@dataclass
class Row:
    name: str
    method: str
    path: str  # {body} = 东湖街道's code; other {placeholders} come from the areas' placeholders(cast)
    allowed: set[str]
    ok: tuple[int, ...] = (200,)
    data: dict = field(default_factory=dict)
    api: bool = False
