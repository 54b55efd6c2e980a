"""Handing work to the Celery worker after a commit, without turning a broker outage into an error page.

What the person did is already saved when the task is sent (every caller sends from
``transaction.on_commit``). If the broker cannot be reached, the task is logged and left: mails are picked
up by ``core.tasks.retry_unsent_mail``, the jobs people start and watch (exports, data exports, print batches,
scan imports) by ``core.tasks.recover_stalled_jobs`` (both on the beat); renditions and translation jobs
are started again by the next publish or by the editor.
"""

import logging

from kombu.exceptions import OperationalError as BrokerUnavailable

logger = logging.getLogger(__name__)


def dispatch(task, *args):
    """``task.delay(*args)``; False (and a warning in the log) when the broker is unreachable."""
    try:
        task.delay(*args)
    except (BrokerUnavailable, OSError):
        logger.warning("Broker unreachable: %s%r not sent", task.name, args, exc_info=True)
        return False
    return True
