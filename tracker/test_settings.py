"""Settings for the test suite: production settings with a throwaway key."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-key-for-the-test-suite-only")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from tracker.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs collectstatic; tests render templates without it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the apps' folders (no collectstatic before tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Two-factor is tested on its own (tests/test_accounts.py); the other admin
# tests log in with force_login.
OTP_REQUIRED = False
# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
# The cache production uses (the database table tracker_cache, settings.CACHES),
# so that pinned query counts are production's; emptied before each test
# (tests/conftest.py), and its writes roll back with each test's transaction.
