"""The job kinds: one function per job, registered with a Chinese title and an attempt limit.

A job function takes the running `Progress` first and its arguments as keywords, and must be
idempotent: after a killed worker or a failure it runs again from the start, so it must undo or
skip what an earlier attempt already did. It returns a one-line Chinese summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class JobKind:
    name: str
    title: str
    function: Callable[..., str]
    max_attempts: int


JOBS: dict[str, JobKind] = {}


def job(name: str, *, title: str, max_attempts: int = 3):
    def register(function):
        JOBS[name] = JobKind(name, title, function, max_attempts)
        return function

    return register


def job_title(name: str) -> str:
    kind = JOBS.get(name)
    return kind.title if kind else name
