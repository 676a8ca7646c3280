"""The project's URLs and the bare view of bench_portal (see bare_wsgi)."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/bare/", bare), path("", include("gongkai.urls"))]
