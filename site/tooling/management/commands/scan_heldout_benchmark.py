"""`manage.py scan_heldout_benchmark`: the scan reader on the held-out set (site/tooling/scans/heldout_bench.py),
per subset with 95 % intervals, and whether the goals of issue 22 hold."""

import json

from django.core.management.base import BaseCommand

from participation.surveys.models import SurveyPage


class Command(BaseCommand):
    help = "Read held-out scans and phone photos (an independent generator) and print the figures per subset."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1200)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--seed", type=int, default=2027)
        parser.add_argument("--subsets", nargs="*", help="only these subsets (default: the generator's mix)")
        parser.add_argument("--cache", default="var/scan_heldout", help="keep generated pages here ('' for none)")
        parser.add_argument("--stacks", type=int, default=3, help="whole stacks through the import pipeline")
        parser.add_argument("--json", dest="json_path", help="also write the figures to this file")

    def handle(self, *args, pages, workers, seed, stacks, cache, subsets=None, json_path: str | None = None, **options):
        from participation.surveys.demo import SURVEY_SLUG
        from tooling.scans.heldout_bench import goals_met, run, run_stacks, stack_lines, table

        survey = SurveyPage.objects.filter(slug=SURVEY_SLUG).first()
        if survey is None:
            self.stderr.write("No demo survey: run `python manage.py load_demo_content` first.")
            return
        figures = run(survey, pages=pages, seed=seed, workers=workers, subsets=subsets or None, cache=cache or None)
        self.stdout.write(f"Held-out scan benchmark: {pages} pages, seed {seed}, {figures['all']['workers']} processes")
        for line in table(figures):
            self.stdout.write("  " + line)
        self.stdout.write(f"  scans read at {figures['all']['scan_pages_per_second']:.1f} pages/s")
        for name, (holds, shown) in goals_met(figures).items():
            self.stdout.write(f"  {'ok  ' if holds else 'MISS'} {name}: {shown}")
        for name, f in figures.items():
            for example in f.get("wrong_examples", [])[:5]:
                self.stdout.write(f"  wrong in {name}: {example}")
        if stacks:
            figures["stacks"] = run_stacks(survey, stacks=stacks, seed=seed)
            for line in stack_lines(figures["stacks"]):
                self.stdout.write("  " + line)
        if json_path:
            with open(json_path, "w", encoding="utf-8") as handle:
                json.dump(figures, handle, indent=2, default=str)
