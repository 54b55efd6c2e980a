"""The migrated test database, kept between runs as a template: migrating a new one takes 25–40 s.

After a run has migrated its test database it keeps a copy, named after a fingerprint of everything the
migrations can depend on: every migration file of every installed app (ours and the packages'), the installed
packages and their versions, and the settings files. The next run with the same fingerprint starts from that
copy (PostgreSQL: `CREATE DATABASE … TEMPLATE …`, under a second; SQLite: a file copy) and then runs `migrate`
as usual, which finds nothing to apply but still sends `post_migrate` with today's code (permissions, the
staff roles, the site address). A changed or new migration, package or setting makes a new fingerprint, so
that run migrates from scratch and keeps the new copy (older copies are removed; of the SQLite files, which
every checkout on the machine shares, the newest four stay).

Only the migrated schema and the data migrations are kept, never the demo content: the demo is written
relative to the moment it is loaded (phases, survey dates, shifts), so every run loads it anew.

The copies outlive the checkout, as CI runs in a fresh clone each time: PostgreSQL keeps them on the server,
the SQLite file lies in the machine's cache folder (~/.cache/mitgestalten/test-migrated/, or under
$XDG_CACHE_HOME). The fingerprint says whether a copy fits the code at hand, whichever clone made it.

With pytest-xdist each worker has a test database of its own (`test_mitgestalten_gw0`, …), all made from one
kept copy. Finding or making a copy and keeping one is done by one worker at a time (a file lock in that
folder); on a first run each worker migrates its own database, and the first to finish keeps the copy.
"""

import contextlib
import fcntl
import hashlib
import importlib.metadata
import os
import shutil
import sqlite3
import sys
from pathlib import Path

from django.db import connections

ROOT = Path(__file__).resolve().parents[1]
SQLITE_KEPT = 4  # copies kept in CACHE
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mitgestalten" / "test-migrated"


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
        self.test_name = self.connection.creation._get_test_db_name()  # with pytest-xdist: …_gw0, …_gw1
        self.key = fingerprint()
        self.lock = CACHE / "lock"
        if self.vendor == "postgresql":
            worker = os.environ.get("PYTEST_XDIST_WORKER", "")
            shared = self.test_name.removesuffix(f"_{worker}") if worker else self.test_name
            self.prefix = f"{shared}_migrated_"
            self.name = self.prefix + self.key
        elif self.vendor == "sqlite":
            self.folder = CACHE
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

    @contextlib.contextmanager
    def _locked(self):
        """One worker of this run at a time looks for, copies or keeps the copy."""
        self.lock.parent.mkdir(parents=True, exist_ok=True)
        with self.lock.open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def restore(self):
        """Create this run's test database from the kept copy; False when there is none."""
        with self._locked():
            return self._restore()

    def _restore(self):
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
        """Keep the migrated test database (no demo content yet) for the next run; remove older copies. Another
        worker of this run may have kept the same copy already."""
        with self._locked():
            self._keep()

    def _keep(self):
        if self.vendor == "postgresql":
            self.connection.close()
            if self.name in self._pg_copies():
                return
            self._pg(*[("DROP DATABASE IF EXISTS {}", [old]) for old in self._pg_copies()],
                     ("CREATE DATABASE {} TEMPLATE {}", [self.name, self.test_name]))
            return
        if Path(self.name).exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # The folder serves every checkout on the machine (branches with other migrations): the newest few stay.
        for old in sorted(self.folder.glob("*.sqlite3"), key=lambda path: path.stat().st_mtime)[:-(SQLITE_KEPT - 1)]:
            old.unlink()
        self.connection.ensure_connection()
        partial = Path(self.name + ".partial")
        with sqlite3.connect(partial) as copy:
            self.connection.connection.backup(copy)
        copy.close()
        partial.rename(self.name)
