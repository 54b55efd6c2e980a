import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

EXTENSIONS = {b"\xff\xd8": "jpg", b"\x89P": "png", b"II": "tif", b"MM": "tif"}


class Command(BaseCommand):
    help = ("Write held-out scan pages (images + truth.json) of the demo survey or idea call; see "
            "tooling.scans.heldout for the conditions.")

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1000)
        parser.add_argument("--out", required=True, help="directory for the images and truth.json")
        parser.add_argument("--seed", type=int, default=2027)
        parser.add_argument("--subsets", nargs="+", help="some of: office fax sideways photocopy photo slip "
                                                         "stranger blank_back (default: all, mixed)")
        parser.add_argument("--target", default="survey",
                            help="survey (the demo survey), idea (the demo idea call) or a page id")
        parser.add_argument("--stack", type=int, metavar="SHEETS",
                            help="instead of --pages: one uploaded stack of this many sheets")
        parser.add_argument("--processes", type=int, default=2)
        parser.add_argument("--cache", default="var/scan_heldout",
                            help="folder that keeps generated pages per seed ('' for none)")
        parser.add_argument("--register", action="store_true",
                            help="create a print batch with the generated serials, so the reader accepts them")

    def handle(self, *args, pages, out, seed, subsets, target, stack, processes, register, cache, **options):
        from tooling.scans import heldout as scan_heldout

        page = self._target(target)
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        if stack:
            result, expected = scan_heldout.stack(page, stack, seed=seed, processes=processes)
        else:
            result, expected = scan_heldout.generate(page, pages, seed=seed, subsets=subsets,
                                                     processes=processes, cache=cache or None), None
        elapsed = time.perf_counter() - started
        entries = []
        for index, item in enumerate(result):
            name = f"{index:05d}-{item.subset}.{EXTENSIONS.get(item.image[:2], 'bin')}"
            (folder / name).write_bytes(item.image)
            entries.append({"file": name, "subset": item.subset, "truth": item.truth})
        meta = {"target": page.pk, "title": page.title, "seed": seed, "pages": len(result), "expected": expected,
                "seconds": round(elapsed, 1)}
        (folder / "truth.json").write_text(json.dumps({"meta": meta, "pages": entries}, ensure_ascii=False))
        if register:
            from participation.paper import printing

            _pdf, version, _refused = printing.master(page)
            serials = sorted({e["truth"]["serial"] for e in entries if e["truth"].get("serial")})
            scan_heldout.register_sheets(page, version, serials)
        self.stdout.write(f"{len(result)} pages in {elapsed:.1f} s ({1000 * elapsed / max(1, len(result)):.0f} ms "
                          f"per page) -> {folder}")

    def _target(self, target):
        from wagtail.models import Page

        from participation.ideas.demo import SLUG
        from participation.ideas.models import ParticipationProcessPage
        from participation.surveys.demo import SURVEY_SLUG
        from participation.surveys.models import SurveyPage

        if target == "survey":
            page = SurveyPage.objects.filter(slug=SURVEY_SLUG).order_by("pk").first()
        elif target == "idea":
            page = ParticipationProcessPage.objects.filter(slug=SLUG).order_by("pk").first()
        else:
            found = Page.objects.filter(pk=target).first() if target.isdigit() else None
            page = found.specific if found else None
        if page is None:
            raise CommandError(f"No target {target!r}: load the demo content first (make run / load_demo).")
        return page
