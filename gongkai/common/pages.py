"""Page helpers every app's views share (the shared kernel holds no view of its own)."""

from __future__ import annotations

from django.shortcuts import render


def form_page(
    request,
    form,
    *,
    heading: str,
    cancel_url: str,
    intro: str = "",
    submit_label: str = "保存",
    scripts: list[str] | None = None,
):
    """The one form page (web/form_page.html); a bound form with errors answers 400. `scripts`:
    static paths of helpers the form works without (the page's CSP allows only own scripts)."""
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "form": form,
        "heading": heading,
        "cancel_url": cancel_url,
        "intro": intro,
        "submit_label": submit_label,
        "scripts": scripts or [],
    }
    return render(request, "web/form_page.html", context, status=status)
