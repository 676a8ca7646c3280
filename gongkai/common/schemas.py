"""What every API input schema shares with the forms: text a document can hold, plausible dates.

Input schemas derive from `InSchema`; a date field is annotated with the kind of date it records.
The errors carry their Chinese sentence in `msg` under a type of ours (see `OWN_ERROR_TYPES`), which
the API's error handler passes on instead of its generic words.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, field_validator
from pydantic_core import PydanticCustomError

from gongkai.common.dates import DateKind, date_problem
from gongkai.common.text import unsafe_text_problem

OWN_ERROR_TYPES = frozenset({"unsafe_text", "implausible_date", "inconsistent"})


def _plausible(kind: DateKind):
    def check(value: date) -> date:
        problem = date_problem(value, kind, today=timezone.localdate())
        if problem:
            raise PydanticCustomError("implausible_date", "日期{problem}", {"problem": problem})
        return value

    return AfterValidator(check)


HappenedDate = Annotated[date, _plausible(DateKind.HAPPENED)]
PlannedDate = Annotated[date, _plausible(DateKind.PLANNED)]


class InSchema(Schema):
    @field_validator("*", mode="after")
    @classmethod
    def _safe_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            problem = unsafe_text_problem(value)
            if problem:
                raise PydanticCustomError("unsafe_text", "{problem}", {"problem": problem})
        return value
