"""Test settings: each override says why."""

import os

from .base import *  # noqa: F403
from .base import STORAGES, VAR_DIR

SECRET_KEY = "test-only-key"  # noqa: S105 - tests never run with a real secret
DEBUG = False
TESTING = True  # core.templatetags.content_cache refuses per-request HTML in shared fragments, loudly
# Fast hashing: security of test passwords is irrelevant, suite speed is not.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No manifest needed: tests must not depend on collectstatic having run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "core.files.PrivateStorage",
                "OPTIONS": {"location": str(VAR_DIR / "test-private")}},
}
WHITENOISE_AUTOREFRESH = True  # serve from the finders, as collectstatic has not run
# Tasks run in the test process unless a test starts a real worker (tests/core/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "true") == "true"
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = VAR_DIR / "test-media"
# Staff tests sign in with force_login, which skips the second factor; tests/security/test_logins.py
# switches the requirement on and proves it.
STAFF_MFA_REQUIRED = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not :memory:, so the live server, the browser and a worker process share one database; one
    # file per test run (processes the run starts inherit the name), so two runs side by side do not clash.
    os.environ.setdefault("MITGESTALTEN_TEST_SQLITE", str(VAR_DIR / f"test-{os.getpid()}.sqlite3"))  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["MITGESTALTEN_TEST_SQLITE"]}  # noqa: F405
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Test data need not survive a power cut: commits do not wait for the disk (synchronous_commit=off for
    # these connections only). Still the real server with its SQL, locks and isolation.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
