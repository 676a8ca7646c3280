"""The project's WSGI application with one more URL, /bench/bare/: a view that only answers "ok".

bench_portal serves its pages through this, so that each page's latency can be set against the
framework's floor (the same middleware, server and machine) measured in the same run.
"""

import os

import django
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
django.setup()
settings.ROOT_URLCONF = "bench.bare_urls"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
