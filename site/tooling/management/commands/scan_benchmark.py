from django.core.management.base import BaseCommand

from participation.surveys.models import SurveyPage


class Command(BaseCommand):
    help = ("Read the tuning set (synthetic filled pages of the demo survey: office scans, 1-bit fax, photocopies, "
            "sideways pages, phone photos) and print the reader's figures per subset.")

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--only", help="one condition only (office, fax, copy, sideways, photo)")
        parser.add_argument("--json", help="also write the figures to this file")

    def handle(self, *args, pages, workers, seed, only=None, json: str | None = None, **options):
        from participation.surveys.demo import SURVEY_SLUG
        from tooling.scans.bench import MIX, run

        survey = SurveyPage.objects.filter(slug=SURVEY_SLUG).first()
        if survey is None:
            self.stderr.write("No demo survey: run `python manage.py load_demo_content` first.")
            return
        result = run(survey, pages=pages, workers=workers, seed=seed, mix={only: 1.0} if only else MIX)
        header = ("subset", "pages", "identified", "wrong sheet", "boxes", "wrong unreviewed (95 % bound)",
                  "to review", "ambiguous: review / wrong", "unreliable pages", "pages/s")
        rows = []
        for name, part in [*result["subsets"].items(), ("all", result)]:
            rows.append((name, str(part["pages"]), f"{part['identified_pct']} %", str(part["wrong_sheet"]),
                         str(part["boxes"]),
                         f"{part['boxes_wrong']} = {part['boxes_wrong_pct']} % (≤ {part['boxes_wrong_upper_pct']} %)",
                         f"{part['boxes_review_pct']} %",
                         f"{part['ambiguous_review']} / {part['ambiguous_wrong']} of {part['ambiguous']}",
                         str(part["unreliable"]), str(part["pages_per_second_est"])))
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        self.stdout.write(f"Scan reader, tuning set ({workers} processes)")
        for row in [header, *rows]:
            self.stdout.write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        self.stdout.write(f"  pages per second, all pages, wall clock: {result['pages_per_second']}; "
                          f"scans (est. from time per page): {result['scans_pages_per_second_est']}")
        self.stdout.write("  goals: 0 wrong sheet; ≥ 99 % scans / ≥ 95 % photos identified; ≤ 0.1 % boxes wrong "
                          "unreviewed; ≤ 5 % to review; ≥ 10 pages/s for scans")
        for name, part in result["subsets"].items():
            if part["wrong_examples"]:
                self.stdout.write(f"  wrong in {name}: {part['wrong_examples']}")
        if json:
            import json as json_module

            with open(json, "w", encoding="utf-8") as handle:
                json_module.dump(result, handle, indent=2)
