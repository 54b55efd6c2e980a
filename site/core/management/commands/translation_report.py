"""How much of the interface is translated, per language (`make test` prints it; `make messages` also
fills the English catalogue, whose msgids are English already).

German and English must be complete (tests/core/test_languages.py checks it); Turkish, Arabic and
Ukrainian are reported. Leichte Sprache translates the strings residents read; the rest falls back to
the German catalogue (gettext looks up de_X-ls, then de), so its coverage is lower by design.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import to_locale


class Command(BaseCommand):
    help = "Print the share of translated interface strings per language; --fill-english completes en."

    def add_arguments(self, parser):
        parser.add_argument("--fill-english", action="store_true",
                            help="Make the English catalogue's msgstr equal to its msgid everywhere.")

    def handle(self, *args, **options):
        root = Path(settings.PROJECT_ROOT) / "site" / "locale"
        if options["fill_english"]:
            self._fill_english(root / "en" / "LC_MESSAGES" / "django.po")
        self.stdout.write(f"{'catalogue':<10} {'translated':>13} {'share':>8}  fuzzy")
        for code, _name in settings.LANGUAGES:
            directory = to_locale(code)
            path = root / directory / "LC_MESSAGES" / "django.po"
            if not path.exists():
                self.stdout.write(f"{directory:<10} missing")
                continue
            po = polib.pofile(str(path))
            entries = [e for e in po if not e.obsolete]
            done = len(po.translated_entries())
            share = 100 * done / len(entries) if entries else 100
            fuzzy = len(po.fuzzy_entries())
            self.stdout.write(f"{directory:<10} {done:>5} / {len(entries):<5} {share:>6.1f} %  {fuzzy}")

    def _fill_english(self, path):
        """English msgstr = msgid, always: msgmerge's fuzzy guesses from an older msgid must not survive."""
        po = polib.pofile(str(path))
        for entry in po:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        po.save()
