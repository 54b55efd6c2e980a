"""The Celery app: ``celery -A config worker`` (run with site/ on the path, see Makefile).

Configuration comes from Django settings with the ``CELERY_`` prefix; tasks are
discovered in every installed app's ``tasks.py``.
"""

import os
import sys
from pathlib import Path

from celery import Celery

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from config.pathsetup import add_site_to_path  # noqa: E402

add_site_to_path()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("mitgestalten")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
