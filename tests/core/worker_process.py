"""A real `celery -A config worker` process against the test database, for the few tests that need one.

The worker runs as in production (`celery -A config worker`) with the pool `solo`, so the process the test
holds is the one that runs the task (killing it kills the task), on a queue of its own (no stale messages,
no other consumer), with the broker the settings name (Redis in CI, the file broker on the SQLite pass).
"""

import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

from config.celery import app

ROOT = Path(__file__).resolve().parents[2]


def database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def new_queue():
    return f"test-{uuid.uuid4().hex[:8]}"


@contextlib.contextmanager
def tasks_sent_to(queue):
    """Tasks the test process sends go to `queue` (through the broker, not run in the test process)."""
    always_eager, default_queue = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = always_eager, default_queue


@contextlib.contextmanager
def celery_worker(folder, queue, include=(), env=None):
    """Start a worker on `queue` and yield (process, log file) once it is ready; stopped afterwards unless the
    test killed it. `include` names extra modules the worker imports (test-only datasets)."""
    log = Path(folder) / f"worker-{uuid.uuid4().hex[:6]}.log"
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_QUEUE": queue,
        **(env or {}),
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO",
               "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue]
    if include:
        command += ["--include", ",".join(include)]
    with log.open("w") as log_file:
        worker = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text():
            assert worker.poll() is None, f"the worker died:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the worker did not start:\n{log.read_text()}"
            time.sleep(0.2)
        yield worker, log
    finally:
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)


def wait_for(condition, log, what, seconds=30):
    """Poll `condition()` until it is true; fail with the worker's log after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {seconds} s\n{Path(log).read_text()}"
        time.sleep(0.2)
