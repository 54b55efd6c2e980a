"""Export benchmark: a survey with many made-up responses, written as CSV and as XLSX, timed and measured."""

import json as json_module
import os
import tempfile
import threading
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError

from core import exports

# Budgets on a two-core machine (issue 9): wall time in seconds, added peak memory in MB.
BUDGETS = {"csv": (3.0, 30), "xlsx": (10.0, 50)}


def rss_mb():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler(threading.Thread):
    """The highest resident set size seen while an export runs (sampled every 10 ms)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.baseline = self.peak = rss_mb()
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.01)

    def stop(self):
        self.running = False
        self.join()
        self.peak = max(self.peak, rss_mb())
        return self.peak - self.baseline


def measure(dataset, params, fmt, folder):
    """Wall time and RSS growth in one run, the Python heap's peak (tracemalloc) in a second run: tracing
    slows Python down, so it never runs while the clock does."""
    path = os.path.join(folder, f"benchmark.{fmt}")
    sampler = RssSampler()
    sampler.start()
    started = time.perf_counter()
    rows = exports.write_export(path, dataset, params, fmt)
    seconds = time.perf_counter() - started
    rss_growth = sampler.stop()
    size = os.path.getsize(path)
    os.remove(path)
    tracemalloc.start()
    exports.write_export(path, dataset, params, fmt)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    os.remove(path)
    seconds_budget, memory_budget = BUDGETS[fmt]
    memory = max(rss_growth, peak / 2**20)
    return {
        "format": fmt, "rows": rows, "seconds": round(seconds, 2), "rss_growth_mb": round(rss_growth, 1),
        "tracemalloc_peak_mb": round(peak / 2**20, 1), "file_mb": round(size / 2**20, 1),
        "budget_seconds": seconds_budget, "budget_mb": memory_budget,
        "passed": seconds <= seconds_budget and memory <= memory_budget,
    }


class Command(BaseCommand):
    help = "Export a survey with many made-up responses as CSV and XLSX; print time, memory and the budgets."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--dataset", default="survey_responses",
                            help="a registered dataset that can make up sample rows")
        parser.add_argument("--json", help="also write the figures to this file")

    def handle(self, *args, rows, dataset, json=None, **options):
        from core import registry

        if dataset not in registry.export_datasets:
            raise CommandError(f"No dataset {dataset!r}; registered: {', '.join(registry.export_datasets)}")
        source = registry.export_datasets[dataset]
        import xlsxwriter  # noqa: F401 - imported before measuring, so its import is not counted

        self.stdout.write(f"Creating {rows:,} made-up rows for {dataset} …")
        started = time.perf_counter()
        with source.sample(rows) as params, tempfile.TemporaryDirectory() as folder:
            seeded = round(time.perf_counter() - started, 1)
            results = [measure(source, params, fmt, folder) for fmt in ("csv", "xlsx")]
        self.stdout.write(f"Export benchmark: {rows:,} rows of {dataset} (made up in {seeded} s)")
        self.stdout.write(f"  {'format':6}  {'time':>8}  {'budget':>7}  {'RSS +':>8}  {'heap peak':>9}  "
                          f"{'budget':>7}  {'file':>8}  result")
        for result in results:
            self.stdout.write(
                f"  {result['format']:6}  {result['seconds']:>6} s  {result['budget_seconds']:>5} s  "
                f"{result['rss_growth_mb']:>5} MB  {result['tracemalloc_peak_mb']:>6} MB  "
                f"{result['budget_mb']:>4} MB  {result['file_mb']:>5} MB  "
                f"{'pass' if result['passed'] else 'FAIL'}")
        if json:
            with open(json, "w", encoding="utf-8") as handle:
                json_module.dump({"rows": rows, "dataset": dataset, "results": results}, handle, indent=2)
        if not all(result["passed"] for result in results):
            raise CommandError("An export missed its budget.")
