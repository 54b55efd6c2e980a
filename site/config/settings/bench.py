"""`make bench` and `make load`: the production settings, served over plain HTTP on loopback.

Everything that makes production fast or slow stays as it is (DEBUG off, template caching, manifest static
files through WhiteNoise, the anonymous page cache, Redis as the cache when it runs, PostgreSQL when
DATABASE_URL points to it). What differs, and why:
- its own database (var/bench.sqlite3, or `<name>_bench` on the PostgreSQL server of DATABASE_URL), which the
  benchmark fills with 10,000 ideas and more; a developer's database is never touched;
- plain HTTP: no HTTPS redirect, no secure-only cookies (loopback has no TLS);
- a hello-world view at /bench/hello/ (config/urls_bench.py), the baseline every figure is divided by;
- staff MFA off, so the benchmark can read survey results with a session it makes itself;
- its own Celery queue (the load test starts its own worker);
- TRUSTED_PROXY_COUNT=1: the load test's visitors come through "a proxy" (their X-Forwarded-For), so the
  per-IP limits count each visitor, as behind the real reverse proxy.
"""

import os
import socket
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

_root = Path(__file__).resolve().parents[3]
os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 60)  # loopback benchmark, never a real site
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("BASE_URL", "http://127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("TRUSTED_PROXY_COUNT", "1")
os.environ.setdefault("CELERY_QUEUE", "mitgestalten-bench")  # never shares a queue with a `make run` worker


def _redis_reachable(url):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=0.3):
            return True
    except OSError:
        return False


# Redis as the cache, like production: the given REDIS_URL, else the local server if one answers.
if not os.environ.get("REDIS_URL") and _redis_reachable("redis://127.0.0.1:6379"):
    os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/3"


def bench_database_url():
    """BENCH_DATABASE_URL, else DATABASE_URL's server with `_bench` added to the name, else a SQLite file."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path=(parts.path.rstrip("/") or "/mitgestalten") + "_bench"))
    return f"sqlite:///{_root / 'var' / 'bench.sqlite3'}"


os.environ["BENCH_DATABASE_URL"] = os.environ["DATABASE_URL"] = bench_database_url()  # the same for child processes
os.environ.setdefault("DB_CONN_MAX_AGE", "60")  # persistent connections, as a production deployment keeps them

from .production import *  # noqa: E402,F403

ROOT_URLCONF = "config.urls_bench"
SECURE_HSTS_SECONDS = 0  # plain HTTP: a browser would ignore it anyway
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STAFF_MFA_REQUIRED = False
MEDIA_ROOT = _root / "var" / "bench-media"
SERVE_MEDIA = True
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "WARNING"}}
