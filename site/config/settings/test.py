"""Test settings: each override says why."""

import os

from .base import *  # noqa: F403
from .base import CACHES, STORAGES, VAR_DIR

SECRET_KEY = "test-only-key"  # noqa: S105 - tests never run with a real secret
DEBUG = False
TESTING = True  # core.templatetags.content_cache refuses per-request HTML in shared fragments, loudly
# Fast hashing: security of test passwords is irrelevant, suite speed is not.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-xdist (`make test` runs two workers): each worker has its own test database (pytest-django adds
# _gw0, _gw1 to its name), media and private folders and share of the Redis cache (tests/worker_cache.py);
# Celery tasks that a test sends to a real worker go to a queue of that test's own (tests/core/worker_process.py).
# Processes a test starts (live server thread, Celery worker) inherit PYTEST_XDIST_WORKER.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_worker_suffix = f"-{XDIST_WORKER}" if XDIST_WORKER else ""
if XDIST_WORKER and os.environ.get("REDIS_URL"):  # base.py chose Redis: every worker keeps to its own keys
    CACHES = {"default": {**CACHES["default"], "BACKEND": "tests.worker_cache.WorkerRedisCache",
                          "KEY_PREFIX": f"{CACHES['default']['KEY_PREFIX']}-{XDIST_WORKER}"}}
# No manifest needed: tests must not depend on collectstatic having run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "core.files.PrivateStorage",
                "OPTIONS": {"location": str(VAR_DIR / f"test-private{_worker_suffix}")}},
}
WHITENOISE_AUTOREFRESH = True  # serve from the finders, as collectstatic has not run
# Tasks run in the test process unless a test starts a real worker (tests/core/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "true") == "true"
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = VAR_DIR / f"test-media{_worker_suffix}"
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
