"""The annual report's rules translated into HTTP answers, for its pages, imports and API."""

from __future__ import annotations

from django.http import Http404

from gongkai.annual.selectors import report_year_problem


def check_report_year(year: int) -> None:
    """404 for a year that has no annual report (pages and API alike)."""
    problem = report_year_problem(year)
    if problem:
        raise Http404(problem)
