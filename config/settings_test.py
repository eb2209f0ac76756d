"""Settings for the test suite: production settings with only what tests must change."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from .settings import *  # noqa: E402, F403

# PBKDF2 is deliberately slow (about a second per hash here); tests create users by the dozen.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Production serves hashed file names from `collectstatic`; tests render templates without running it.
STORAGES = STORAGES | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405

# pytest-xdist workers share one Redis: give each its own database, since clearing the cache between
# tests (tests/conftest.py) flushes a whole Redis database.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _worker.startswith("gw"):  # noqa: F405
    base, _, number = REDIS_URL.rpartition("/")  # noqa: F405
    database = (int(number) if number.isdigit() else 0) + 1 + int(_worker[2:])
    CACHES["default"]["LOCATION"] = f"{base}/{database}"  # noqa: F405
