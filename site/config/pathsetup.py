"""Put ``site/`` on the import path.

``site`` is also a standard-library module, so the folder is never imported as a
package: its apps (``config``, ``core``, ``accounts``) import under their own names.
Every entry point (manage.py, wsgi, asgi, the Celery app, pytest) calls this first.
"""

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SITE_DIR = PROJECT_ROOT / "site"


def add_site_to_path():
    for path in (str(PROJECT_ROOT), str(SITE_DIR)):
        if path not in sys.path:
            sys.path.insert(0, path)
