"""`make load`: 50 visitors browse and take part for 10 minutes against gunicorn with a real Celery worker;
afterwards every accepted submission must be in the database and every server answer below 500 (issue 12).

A documented benchmark, not a timed test: it takes ten minutes and loads both cores. The figures of the latest
run are in the README ("Load test"). Locust drives the visitors (site/tooling/bench/locustfile.py); gunicorn's
access log counts the status codes, so no 5xx can hide in a visitor's bookkeeping.
"""

import collections
import csv
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from tooling.bench import http, seed
from tooling.management.commands.bench import Command as BenchCommand

LOCUSTFILE = Path(__file__).resolve().parents[2] / "bench" / "locustfile.py"


class Command(BenchCommand):
    help = "Load test: N visitors browse and submit for M minutes; zero 5xx and nothing lost (make load)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--minutes", type=float, default=10)
        parser.add_argument("--spawn-rate", type=float, default=5)
        parser.set_defaults(output=str(Path(settings.VAR_DIR) / "load"), reuse=True)

    def handle(self, *args, **options):
        if settings.ROOT_URLCONF != "config.urls_bench":
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=config.settings.bench (make load).")
        # Only look: importing locust here would monkey-patch this process with gevent.
        if importlib.util.find_spec("locust") is None:
            raise CommandError("Locust is missing: `make load` installs requirements-load.txt.")
        self.options = options
        self.prepare(options)
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)
        record, access_log = output / "submissions.jsonl", output / "access.log"
        for path in (record, access_log):
            path.unlink(missing_ok=True)
        env = {"LOAD_TARGETS": json.dumps(self.targets()), "LOAD_RECORD": str(record),
               "PYTHONPATH": f"{http.ROOT / 'site'}:{http.ROOT}"}  # the locustfile imports tooling.bench.forms
        worker = subprocess.Popen(  # noqa: S603 - our interpreter, our arguments
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "warning", "--concurrency", "1",
             "--without-gossip", "--without-mingle"],
            env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "config.settings.bench"}, stdout=subprocess.DEVNULL,
            stderr=open(output / "worker.log", "w"))  # noqa: SIM115
        began = time.time()
        try:
            with http.gunicorn(workers=int(os.environ.get("WEB_CONCURRENCY", "3")), access_log=access_log) as base:
                self.log(f"{options['users']} visitors for {options['minutes']:g} minutes against {base} …")
                subprocess.run(  # noqa: S603
                    [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--users",
                     str(options["users"]), "--spawn-rate", str(options["spawn_rate"]), "--run-time",
                     f"{int(options['minutes'] * 60)}s", "--host", base, "--csv", str(output / "locust"),
                     "--only-summary", "--stop-timeout", "30", "--loglevel", "WARNING"],
                    env={**os.environ, **env}, check=False, stdout=open(output / "locust.log", "w"),  # noqa: SIM115
                    stderr=subprocess.STDOUT)
            self.wait_for_mail(began)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        self.report_load(output, record, access_log, began, options)

    def targets(self):
        from blog.models import BlogIndexPage, BlogPage
        from participation.ideas.models import Idea

        with translation.override("de"):
            opportunities = reverse("volunteering:opportunities")
        process = seed.demo_process()
        blog = BlogIndexPage.objects.live().filter(locale__language_code="de").first()
        posts = BlogPage.objects.live().descendant_of(blog).order_by("-first_published_at")[:30]
        ideas = Idea.objects.public().filter(process=process).order_by("-pk").values_list("reference", flat=True)
        path = http.path_of  # the default site's addresses: with several municipalities a page's url names its host
        return {"process": path(process.url), "survey": path(seed.demo_survey().url), "blog": path(blog.url),
                "posts": [path(post.url) for post in posts], "ideas": list(ideas[:200]), "opportunities": opportunities}

    def wait_for_mail(self, began, seconds=120):
        """The worker sends what the run queued (receipts, confirmations); wait until none is left."""
        from django.utils import timezone

        from core.models.mail import OutgoingEmail

        since = timezone.datetime.fromtimestamp(began, tz=timezone.get_current_timezone())
        deadline = time.monotonic() + seconds
        while OutgoingEmail.objects.filter(created_at__gte=since, sent_at__isnull=True).exists():
            if time.monotonic() > deadline:
                break
            time.sleep(2)

    def report_load(self, output, record, access_log, began, options):
        from django.utils import timezone

        from core.models.mail import OutgoingEmail
        from participation.ideas.models import Idea
        from participation.surveys.models import SurveyResponse

        submissions = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()] \
            if record.exists() else []
        ideas = {s["key"]["reference"]: s["key"]["marker"] for s in submissions if s["kind"] == "idea"}
        tokens = [s["key"]["token"] for s in submissions if s["kind"] == "survey"]
        stored = dict(Idea.objects.filter(reference__in=ideas).values_list("reference", "title"))
        lost_ideas = [ref for ref, marker in ideas.items() if marker not in stored.get(ref, "")]
        answered = set(SurveyResponse.objects.filter(token__in=tokens, submitted_at__isnull=False)
                       .values_list("token", flat=True))
        lost_answers = [token for token in tokens if not any(token == t.hex for t in answered)]
        since = timezone.datetime.fromtimestamp(began, tz=timezone.get_current_timezone())
        mails = OutgoingEmail.objects.filter(created_at__gte=since)
        mails_total, mails_unsent = mails.count(), mails.filter(sent_at__isnull=True).count()
        statuses = collections.Counter(line.split(" ", 1)[0] for line in access_log.read_text().splitlines()
                                       if line.strip()) if access_log.exists() else collections.Counter()
        server_errors = sum(count for status, count in statuses.items() if status.startswith("5"))
        rows = list(csv.DictReader(open(output / "locust_stats.csv", encoding="utf-8")))  # noqa: SIM115
        lines = ["| what | requests | failures | median ms | p95 ms | p99 ms |", "|---|---|---|---|---|---|"]
        for row in rows:
            lines.append(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
                         f"{row['Median Response Time']} | {row['95%']} | {row['99%']} |")
        total = next((row for row in rows if row["Name"] == "Aggregated"), None)
        failures = ""
        if (output / "locust_failures.csv").exists():
            failures = "\n".join(f"- {row['Name']}: {row['Error']} × {row['Occurrences']}" for row in
                                 csv.DictReader(open(output / "locust_failures.csv", encoding="utf-8")))  # noqa: SIM115
        database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        summary = [
            f"Load test {time.strftime('%Y-%m-%d %H:%M')} · {database} · {options['users']} visitors · "
            f"{options['minutes']:g} min · gunicorn {os.environ.get('WEB_CONCURRENCY', '3')} workers + 1 Celery worker",
            "",
            f"- requests answered: {sum(statuses.values()):,} "
            f"({', '.join(f'{s}: {c:,}' for s, c in sorted(statuses.items()))}); "
            f"{float(total['Requests/s']):.1f} per second" if total else "- no requests",
            f"- server errors (5xx): {server_errors}",
            f"- ideas accepted: {len(ideas)}, stored: {len(ideas) - len(lost_ideas)}; "
            f"survey answers finished: {len(tokens)}, stored: {len(tokens) - len(lost_answers)}",
            f"- mails queued during the run: {mails_total}, still unsent after the run: {mails_unsent}",
            "", *lines, "",
        ]
        if failures:
            summary += ["Visitor-side failures (not server errors):", failures, ""]
        text = "\n".join(summary)
        (output / "results.md").write_text(text, encoding="utf-8")
        self.log("\n" + text)
        if server_errors or lost_ideas or lost_answers or not total:
            raise CommandError(f"{server_errors} server errors, {len(lost_ideas)} ideas and {len(lost_answers)} "
                               "answers lost.")
