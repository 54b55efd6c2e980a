"""WSGI entry point (gunicorn config.wsgi, with site/ on the path)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from config.pathsetup import add_site_to_path  # noqa: E402

add_site_to_path()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
