"""Settings for the test suite: the real settings with a fast password hasher."""

import os

os.environ.setdefault("GONGKAI_DEBUG", "true")
# Tasks run in the test process (huey's immediate mode) unless a test starts real workers.
os.environ.setdefault("GONGKAI_QUEUE_IMMEDIATE", "true")

from gongkai.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# The portal's page cache is on in the tests, in this one process's memory, so that every test
# that publishes and then looks at the portal also proves the cache was emptied by the change.
PORTAL_PAGE_CACHE_SECONDS = 3600
