"""The migrated test database, kept between runs as a template: migrating a new one takes 25–40 s.

After a run has migrated its test database it keeps a copy, named after a fingerprint of everything the
migrations can depend on: every migration file of every installed app (ours and the packages'), the installed
packages and their versions, and the settings files. The next run with the same fingerprint starts from that
copy (PostgreSQL: `CREATE DATABASE … TEMPLATE …`, under a second; SQLite: a file copy) and then runs `migrate`
as usual, which finds nothing to apply but still sends `post_migrate` with today's code (permissions, the
staff roles, the site address). A changed or new migration, package or setting makes a new fingerprint, so
that run migrates from scratch and keeps the new copy (older copies are removed).

Only the migrated schema and the data migrations are kept, never the demo content: the demo is written
relative to the moment it is loaded (phases, survey dates, shifts), so every run loads it anew.
"""

import hashlib
import importlib.metadata
import shutil
import sqlite3
import sys
from pathlib import Path

from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parents[1]


def fingerprint():
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key, migration in sorted(loader.disk_migrations.items()):
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[migration.__module__].__file__).read_bytes())
    for name in sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()):
        digest.update(name.encode())
    for path in sorted((ROOT / "site" / "config" / "settings").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class Template:
    """The kept copy for the default database of this run."""

    def __init__(self, alias="default"):
        self.connection = connections[alias]
        self.vendor = self.connection.vendor
        self.test_name = self.connection.creation._get_test_db_name()
        self.key = fingerprint()
        if self.vendor == "postgresql":
            self.prefix = f"{self.test_name}_migrated_"
            self.name = self.prefix + self.key
        elif self.vendor == "sqlite":
            self.folder = Path(settings.VAR_DIR) / "test-migrated"
            self.name = str(self.folder / f"{self.key}.sqlite3")

    @property
    def supported(self):
        return self.vendor in ("postgresql", "sqlite") and not self.test_name.startswith(("file:", ":memory:"))

    def _pg(self, *statements):
        quote = self.connection.ops.quote_name
        with self.connection._nodb_cursor() as cursor:
            for sql, names in statements:
                cursor.execute(sql.format(*(quote(name) for name in names)))

    def _pg_copies(self):
        with self.connection._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                           [self.prefix.replace("_", r"\_") + "%"])
            return [row[0] for row in cursor.fetchall()]

    def restore(self):
        """Create this run's test database from the kept copy; False when there is none."""
        if self.vendor == "postgresql":
            if self.name not in self._pg_copies():
                return False
            self._pg(("DROP DATABASE IF EXISTS {}", [self.test_name]),
                     ("CREATE DATABASE {} TEMPLATE {}", [self.test_name, self.name]))
            return True
        if not Path(self.name).exists():
            return False
        for suffix in ("", "-wal", "-shm"):
            Path(self.test_name + suffix).unlink(missing_ok=True)
        shutil.copyfile(self.name, self.test_name)
        return True

    def keep(self):
        """Keep the migrated test database (no demo content yet) for the next run; remove older copies."""
        if self.vendor == "postgresql":
            self.connection.close()
            self._pg(*[("DROP DATABASE IF EXISTS {}", [old]) for old in self._pg_copies()],
                     ("CREATE DATABASE {} TEMPLATE {}", [self.name, self.test_name]))
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.sqlite3"):
            old.unlink()
        self.connection.ensure_connection()
        partial = Path(self.name + ".partial")
        with sqlite3.connect(partial) as copy:
            self.connection.connection.backup(copy)
        copy.close()
        partial.rename(self.name)
