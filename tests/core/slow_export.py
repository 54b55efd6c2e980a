"""A made-up export whose rows come slowly, so that a test can kill the worker while it writes them. Loaded
into the test's worker with `celery worker --include tests.core.slow_export` (never by the site itself)."""

import time

from core import registry
from core.exports import Column, Dataset


class SlowRows(Dataset):
    key = "test_slow_rows"
    label = "Langsame Zeilen"
    total = 1_000_000  # about 20 minutes: the test kills the worker long before

    def count(self, params, open_data=False):
        return self.total

    def columns(self, params, personal=False, open_data=False):
        return [Column("n", "Nummer"), Column("text", "Text")]

    def rows(self, params, personal=False, open_data=False):
        for number in range(self.total):
            time.sleep(0.001)
            yield number, "Eine Zeile, die in die Tabelle geschrieben wird"


registry.register_export_dataset(SlowRows())
