"""Refuses a request whose address holds control characters, before any view reads it.

A NUL in a path segment or a query parameter reaches the database as a lookup value, where
PostgreSQL raises DataError (a 500); other control characters would be stored or echoed into
documents. No address of the site needs them, so they are refused here once, with a 400 that says
where the character was.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from gongkai.common.text import unsafe_text_problem, xml_safe


def _address_problem(request) -> str | None:
    problem = unsafe_text_problem(request.path)
    if problem:
        return f"网址路径{problem}"
    for key, values in request.GET.lists():
        for text in (key, *values):
            problem = unsafe_text_problem(text)
            if problem:
                # The name may itself hold the character: print it without.
                return f"查询参数“{xml_safe(key) or '（无名）'}”{problem}"
    return None


class UnsafeAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = _address_problem(request)
        if problem is None:
            return self.get_response(request)
        message = f"{problem}。"
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400, json_dumps_params={"ensure_ascii": False})
        return render(request, "web/error.html", {"title": "请求有误", "message": message}, status=400)
