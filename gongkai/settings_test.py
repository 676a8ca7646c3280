"""Settings for the test suite: the real settings with a fast password hasher."""

import os

os.environ.setdefault("GONGKAI_DEBUG", "true")

from gongkai.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
