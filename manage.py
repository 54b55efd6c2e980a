#!/usr/bin/env python
"""Django's command-line utility for Mitgestalten."""

import os
import sys
from pathlib import Path


def main():
    # site/ is a plain folder on the import path (see site/config/pathsetup.py).
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    from config.pathsetup import add_site_to_path

    add_site_to_path()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
