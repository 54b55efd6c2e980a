"""The layout from the design card: site/ is a plain folder, every app is a real Django app."""

import importlib
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.sqlite
def test_stdlib_site_module_is_not_shadowed():
    import site

    assert Path(site.__file__).resolve().parent == Path(sysconfig.get_paths()["stdlib"]).resolve()


LABELS = ["core", "accounts", "blog", "participation", "ideas", "surveys", "paper", "volunteering", "accessibility"]
# The apps that hold a feature's models; `participation` itself holds only the history of its tables and URLs.
FEATURE_APPS = ["blog", "ideas", "surveys", "paper", "volunteering", "accessibility"]


@pytest.mark.parametrize("label", LABELS)
def test_every_app_is_registered_under_its_folder_name(label):
    config = apps.get_app_config(label)
    assert Path(config.path).name == label
    assert importlib.import_module(f"{config.name}.apps")


@pytest.mark.sqlite
@pytest.mark.parametrize("label", FEATURE_APPS)
def test_every_feature_app_has_the_same_shape(label):
    """The next engineer finds the same rooms in every app: its config, models, migrations and templates."""
    folder = Path(apps.get_app_config(label).path)
    assert (folder / "apps.py").is_file()
    assert (folder / "models.py").is_file() or (folder / "models" / "__init__.py").is_file()
    assert (folder / "migrations" / "__init__.py").is_file()
    assert (folder / "templates" / label).is_dir(), "templates live under templates/<label>/"
    assert apps.get_app_config(label).get_models(), "a feature app owns its models"


@pytest.mark.sqlite
def test_celery_app_imports_from_a_plain_shell_and_finds_the_apps_tasks():
    """`celery -A config` needs only PYTHONPATH (as the Makefile sets it) to find every app's tasks."""
    code = (
        "from config.celery import app; app.loader.import_default_modules(); "
        "print('\\n'.join(sorted(app.tasks)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd="/", capture_output=True, text=True, timeout=60,
        env={"PYTHONPATH": f"{ROOT / 'site'}:{ROOT}", "PATH": "/usr/bin:/bin",
             "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert result.returncode == 0, result.stderr
    assert "core.tasks.send_outgoing_email" in result.stdout.split()
    assert "participation.paper.tasks.import_scan" in result.stdout.split()
