"""Production settings fail fast without a secret and pass `check --deploy` without a warning."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL_SECRET = "k3v9-" + "x7Qp2mZr8LwT4nB6yHc1sDf5gJu0aEo9iRtYvXbNq" + "-mitgestalten-prod"


def manage(*args, **env):
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "BASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
    )


@pytest.mark.sqlite
def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", ALLOWED_HOSTS="mitgestalten.luebeck.de")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", SECRET_KEY=REAL_SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    result = manage("check", SECRET_KEY=REAL_SECRET, ALLOWED_HOSTS="mitgestalten.luebeck.de")
    assert result.returncode != 0
    assert "BASE_URL" in result.stderr


@pytest.mark.sqlite
def test_check_deploy_prints_no_warning_with_a_real_secret_and_host():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=REAL_SECRET, ALLOWED_HOSTS="mitgestalten.luebeck.de", BASE_URL="https://mitgestalten.luebeck.de",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.sqlite
def test_make_run_on_another_port_gives_every_link_that_port():
    """`PORT=8123 make run` hands BASE_URL=http://127.0.0.1:8123 to migrate, the demo content, web and worker."""
    result = subprocess.run(["make", "--dry-run", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, env={k: v for k, v in os.environ.items() if k != "BASE_URL"})
    assert result.returncode == 0, result.stderr
    assert "links in mails and PDFs to http://127.0.0.1:8123/" in result.stdout
