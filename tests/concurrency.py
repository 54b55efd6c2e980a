"""Calls that start at the same moment in threads, each with its own database connection (race tests)."""

import threading

from django.db import connection


def at_once(calls):
    """Run the calls in threads that start together; returns the exceptions they raised (none expected)."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as exc:  # noqa: BLE001 - collected for the caller to assert
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
