"""Every interface string goes through gettext and has a German translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "site" / "locale" / "de" / "LC_MESSAGES" / "django.po"
OVERRIDES = ROOT / "site" / "locale_overrides" / "de" / "LC_MESSAGES" / "django.po"


def test_german_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    assert po.untranslated_entries() == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert len(po.translated_entries()) > 50


def test_catalogue_holds_every_string_in_the_code(tmp_path):
    """Re-extract the strings (as `make messages` does) and compare: nothing new may appear."""
    backup = tmp_path / "django.po"
    shutil.copy(CATALOGUE, backup)
    try:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-obsolete", "--ignore=.venv",
             "--ignore=node_modules", "--ignore=var", "--ignore=tests"],
            cwd=ROOT, check=True, capture_output=True, timeout=120,
        )
        extracted = {e.msgid for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}
    finally:
        shutil.copy(backup, CATALOGUE)
    translated = {e.msgid for e in polib.pofile(str(backup)) if e.translated()}
    assert sorted(extracted - translated) == [], "run `make messages` and translate the new strings"


@pytest.mark.skipif(not OVERRIDES.exists(), reason="no overrides catalogue")
def test_allauth_strings_address_people_formally():
    import re

    informal = re.compile(r"\b(du|dein\w*|dich|dir)\b", re.IGNORECASE)
    po = polib.pofile(str(OVERRIDES))
    assert [e.msgid for e in po if informal.search(e.msgstr)] == []
