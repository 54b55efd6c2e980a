from django.core.management.base import BaseCommand

from participation.models import SurveyPage


class Command(BaseCommand):
    help = "Read synthetic filled scans of the demo survey (half harsh) and print the reader's figures."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--json", help="also write the figures to this file")

    def handle(self, *args, pages, workers, seed, json: str | None = None, **options):
        from participation.demo import SURVEY_SLUG
        from participation.scan_bench import run

        survey = SurveyPage.objects.filter(slug=SURVEY_SLUG).first()
        if survey is None:
            self.stderr.write("No demo survey: run `python manage.py load_demo_content` first.")
            return
        result = run(survey, pages=pages, workers=workers, seed=seed)
        rows = [
            ("pages (harsh)", f"{result['pages']} ({result['harsh_pages']})"),
            ("identified automatically", f"{result['identified_pct']} %  (budget ≥ 98 %)"),
            ("counted on a wrong sheet", f"{result['wrong_sheet']}  (budget 0)"),
            ("misregistered → review", str(result["misregistered"])),
            ("boxes read", str(result["boxes"])),
            ("boxes decided wrong, unreviewed", f"{result['boxes_wrong']} = {result['boxes_wrong_pct']} %  "
                                                "(budget ≤ 0.05 %)"),
            ("boxes sent to review", f"{result['boxes_review_pct']} %  (budget ≤ 2 %)"),
            ("written fields missed", f"{result['texts_missed']} of {result['texts']}"),
            ("pages per second", f"{result['pages_per_second']} with {workers} processes  (budget ≥ 10)"),
        ]
        width = max(len(label) for label, _value in rows)
        self.stdout.write("Scan reader benchmark")
        for label, value in rows:
            self.stdout.write(f"  {label.ljust(width)}  {value}")
        if json:
            import json as json_module

            with open(json, "w", encoding="utf-8") as handle:
                json_module.dump(result, handle, indent=2)
