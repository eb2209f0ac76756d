"""Settings for the test suite: production settings with only what tests must change."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from .settings import *  # noqa: E402, F403

# PBKDF2 is deliberately slow (about a second per hash here); tests create users by the dozen.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Production serves hashed file names from `collectstatic`; tests render templates without running it.
STORAGES = STORAGES | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
