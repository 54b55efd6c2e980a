"""A snapshot of the test database once the demo content is in it, put back before every transactional test.

Django's `serialized_rollback` serialises every row to JSON once and, before each transactional test, saves
them back one `Model.save()` at a time: about 2.7 s for the demo content, for each of some 40 tests. The
snapshot keeps the rows as the database itself writes them and puts them back in bulk, inside one
transaction with the foreign keys checked at its end:

- PostgreSQL: `COPY … TO STDOUT (FORMAT binary)` once per table; to restore, `DELETE` from every table and
  `COPY … FROM STDIN` into the non-empty ones. Sequences keep counting upwards (as after Django's flush).
  Django's flush after each transactional test deletes too, instead of its `TRUNCATE` of all 143 tables:
  TRUNCATE gives every table and index a new file, which took 1–5 s here; deleting the rows of a test
  database this small takes a fraction of that.
- SQLite: the database file is copied with SQLite's backup API into memory; to restore, copied back (the
  AUTOINCREMENT counters stay at their highest value, as after Django's flush).

What a transactional test sees is the same as with `serialized_rollback`: exactly the rows of the database
after `load_demo_content`. Tests still mark themselves `serialized_rollback=True`; `install` makes Django's
serialise/deserialise hooks take and restore the snapshot instead of the JSON.
"""

import sqlite3
import time

from django.db import connections, transaction
from django.db.backends.base.creation import BaseDatabaseCreation

MARKER = "<database snapshot>"  # what connection._test_serialized_contents holds in place of the JSON
_snapshots = {}  # alias → Snapshot
TIMES = {"restores": 0, "restoring": 0.0}  # seconds, for the summary at the end of the run (tests/conftest.py)


class PostgresSnapshot:
    def __init__(self, connection):
        self.connection = connection
        self.tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        self.data = {}
        with connection.cursor() as cursor:
            for table in self.tables:
                name = connection.ops.quote_name(table)
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {name})")  # noqa: S608 - table names from Django
                if not cursor.fetchone()[0]:
                    continue
                with cursor.cursor.copy(f"COPY {name} TO STDOUT (FORMAT binary)") as copy:
                    self.data[table] = b"".join(bytes(block) for block in copy)

    def restore(self):
        quote = self.connection.ops.quote_name
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            for sql in delete_everything(self.connection.ops, self.tables):
                cursor.execute(sql)
            for table, data in self.data.items():
                with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT binary)") as copy:
                    copy.write(data)


class SqliteSnapshot:
    def __init__(self, connection):
        self.connection = connection
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self):
        connection = self.connection
        connection.ensure_connection()
        raw = connection.connection
        counters = dict(raw.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
        self.copy.backup(raw)
        for name, seq in counters.items():  # ids are not handed out twice in one run, as after a flush
            raw.execute("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (seq, name))
        raw.commit()


def delete_everything(ops, tables):
    """SQL that empties `tables` in one transaction (the foreign keys, all deferrable, checked at its end)."""
    return ["SET CONSTRAINTS ALL DEFERRED", *(f"DELETE FROM {ops.quote_name(table)}" for table in tables)]  # noqa: S608


def take(alias="default"):
    """Snapshot the database as it is now; transactional tests start from it from here on."""
    began = time.perf_counter()
    connection = connections[alias]
    snapshot = {"postgresql": PostgresSnapshot, "sqlite": SqliteSnapshot}.get(connection.vendor)
    if snapshot is None:  # another database: Django's own serialised rollback
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        return
    _snapshots[alias] = snapshot(connection)
    connection._test_serialized_contents = MARKER
    TIMES["snapshot"] = time.perf_counter() - began


def summary():
    """One line on what setting up and restoring the database cost in this run."""
    if "migrate" not in TIMES:
        return ""
    line = (f"test database: created and migrated in {TIMES['migrate']:.1f} s"
            f"{' (' + TIMES['template'] + ')' if 'template' in TIMES else ''}, demo content loaded in "
            f"{TIMES['demo']:.1f} s, snapshot taken in {TIMES.get('snapshot', 0):.1f} s")
    if TIMES["restores"]:
        line += (f"; restored for {TIMES['restores']} transactional tests in {TIMES['restoring']:.1f} s "
                 f"({TIMES['restoring'] / TIMES['restores']:.2f} s each)")
    return line


def install(monkeypatch):
    """Until the snapshot is taken there is nothing to restore: the JSON Django would serialise right after
    migrating (and never use, as the demo content comes on top) is skipped."""
    serialize = BaseDatabaseCreation.serialize_db_to_string
    deserialize = BaseDatabaseCreation.deserialize_db_from_string

    def serialize_db_to_string(self):
        return MARKER if self.connection.vendor in ("postgresql", "sqlite") else serialize(self)

    def deserialize_db_from_string(self, data):
        if data == MARKER:
            began = time.perf_counter()
            _snapshots[self.connection.alias].restore()
            TIMES["restores"] += 1
            TIMES["restoring"] += time.perf_counter() - began
        else:
            deserialize(self, data)

    from django.db.backends.postgresql.operations import DatabaseOperations

    sql_flush = DatabaseOperations.sql_flush

    def sql_flush_by_deleting(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return delete_everything(self, tables)

    monkeypatch.setattr(DatabaseOperations, "sql_flush", sql_flush_by_deleting)
    monkeypatch.setattr(BaseDatabaseCreation, "serialize_db_to_string", serialize_db_to_string)
    monkeypatch.setattr(BaseDatabaseCreation, "deserialize_db_from_string", deserialize_db_from_string)
