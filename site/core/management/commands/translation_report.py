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
                            help="Copy every msgid into the English catalogue where it has no msgstr yet.")

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
        po = polib.pofile(str(path))
        for entry in po:
            if entry.msgid_plural:
                if not all(entry.msgstr_plural.values()):
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            elif not entry.msgstr:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save()
