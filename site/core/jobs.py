"""Long work a person starts and watches, one mechanism for every kind of job (subclasses of core.models.Job:
exports, "download my data", print batches, scan imports).

A job goes queued → running → done or failed. A run (one attempt, in one worker) claims the job under its row
lock, beats while it works (progress and ``heartbeat_at``, at most every BEAT_SECONDS), keeps its files in its
scratch folder (removed in a ``finally``) and finishes the job only while it still holds it.

A worker can die without a word (``kill -9``, the out-of-memory killer, a host restart): no ``finally`` runs
and the job would say "running" forever. :func:`recover_stalled` (beat, every JOB_CHECK_INTERVAL seconds, and
whenever a worker starts) finds running jobs silent for JOB_STALL_TIMEOUT seconds, deletes what the dead run
left, and sends the job again (every job task is safe to run twice and says why) until it was tried
JOB_MAX_ATTEMPTS times; then the job is marked failed with a message its starter sees on the job's page and
gets by mail. A job that kills its worker every time (too big for the memory) thus fails after a few tries
instead of taking workers down forever.

Queued jobs whose message may be lost (the broker was down when the job was started, or restarted without
it) are sent again once nothing moved for JOB_STALL_TIMEOUT. That costs no attempt (the job never ran), and a
second message for one job is harmless: the claim skips a job that is finished or that a live run holds.
"""

import contextlib
import logging
import os
import shutil
import time
import uuid
from collections import Counter
from datetime import timedelta
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from core.dispatch import dispatch
from core.models.jobs import Job

logger = logging.getLogger(__name__)

BEAT_SECONDS = 2  # a run writes progress and heartbeat at most this often (the job pages poll every 1.5 s)
SWEEP_BATCH = 100  # jobs of one kind handled per sweep; the next sweep takes the rest


class Superseded(Exception):  # noqa: N818 - says what happened to the run, not that something went wrong
    """The job was taken from this run: the stall sweep heard nothing from it and sent the job again or gave up."""


def kinds():
    """Every kind of job: the installed concrete subclasses of core.models.Job."""
    return [model for model in apps.get_models() if issubclass(model, Job)]


def last_sign_of_life():
    return Coalesce("heartbeat_at", "started_at", "created_at")


def is_silent(job, now=None):
    """No beat for JOB_STALL_TIMEOUT seconds."""
    last = job.heartbeat_at or job.started_at or job.created_at
    return last < (now or timezone.now()) - timedelta(seconds=settings.JOB_STALL_TIMEOUT)


class Run:
    """One attempt at a job, as the worker holds it."""

    def __init__(self, job):
        self.job, self.model, self.attempt = job, type(job), job.attempts
        self.scratch = job.scratch_dir(self.attempt)
        self._last_beat = time.monotonic()

    def _held(self):
        return self.model.objects.filter(pk=self.job.pk, attempts=self.attempt,
                                         status__in=self.model.running_statuses)

    def beat(self, force=False, **progress):
        """Store `progress` (field values) and the heartbeat, at most every BEAT_SECONDS unless `force`.
        Raises Superseded when the job is no longer this run's."""
        now = time.monotonic()
        if not force and now - self._last_beat < BEAT_SECONDS:
            return
        self._last_beat = now
        if not self._held().update(heartbeat_at=timezone.now(), **progress):
            raise Superseded(f"{self.model._meta.label} {self.job.pk}, attempt {self.attempt}")

    def path(self, name):
        """A file in this run's scratch folder (created on first use)."""
        self.scratch.mkdir(parents=True, exist_ok=True)
        return str(self.scratch / name)

    def lock(self):
        """The job under its row lock while this run holds it, else None. Call inside transaction.atomic()."""
        return self._held().select_for_update().first()

    def fail(self, message):
        """Mark the job failed with `message`, unless it is no longer this run's."""
        with transaction.atomic():
            job = self.lock()
            if job is None:
                return False
            job.status, job.error, job.finished_at = Job.Status.FAILED, message[:2000], timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
        return True

    def release(self):
        """The worker is being stopped (not killed): the job waits for its message, which the broker hands
        out again (acks_late), or for the sweep's."""
        self._held().update(status=Job.Status.QUEUED, heartbeat_at=timezone.now())

    def cleanup(self):
        """Remove this run's scratch folder (and the job's, once no other attempt uses it)."""
        shutil.rmtree(self.scratch, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.scratch.parent.rmdir()


def claim(model, pk, status=None):
    """Take job `pk` for a new run: (Run, None), or (None, why not) when it is gone, finished, or a live run
    holds it. A running job that has been silent for JOB_STALL_TIMEOUT is taken over: that is how a task the
    broker hands out again after a killed worker resumes."""
    now = timezone.now()
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=pk).first()
        if job is None:
            return None, "gone"
        if job.is_finished:
            return None, f"{job.status} already"
        if job.status in model.running_statuses and not is_silent(job, now):
            return None, "running elsewhere"
        job.status, job.attempts = status or model.running_statuses[0], job.attempts + 1
        job.heartbeat_at = job.started_at = now
        job.error, job.finished_at = "", None
        job.save(update_fields=["status", "attempts", "heartbeat_at", "started_at", "error", "finished_at"])
    return Run(job), None


# --- the stall sweep -------------------------------------------------------------------------------------------


def recover_stalled(now=None):
    """Send silent running jobs again or fail them, send waiting jobs again, remove orphaned scratch folders.
    Returns counts by outcome."""
    now = now or timezone.now()
    silent_since = now - timedelta(seconds=settings.JOB_STALL_TIMEOUT)
    outcome = Counter()
    for model in kinds():
        silent = model.objects.alias(last_sign=last_sign_of_life()).filter(last_sign__lt=silent_since)
        for pk in silent.filter(status__in=model.running_statuses).values_list("pk", flat=True)[:SWEEP_BATCH]:
            outcome[_recover(model, pk, now)] += 1
        for pk in silent.filter(status__in=model.waiting_statuses).values_list("pk", flat=True)[:SWEEP_BATCH]:
            # Stamped first, so the next sweep waits a full timeout before sending it once more.
            if silent.filter(pk=pk, status__in=model.waiting_statuses).update(heartbeat_at=now):
                dispatch(import_string(model.task_name), pk)
                outcome["sent again while waiting"] += 1
    outcome["scratch folders removed"] = remove_orphaned_scratch()
    return {key: count for key, count in outcome.items() if count}


def _recover(model, pk, now):
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=pk, status__in=model.running_statuses).first()
        if job is None or not is_silent(job, now):
            return "alive after all"
        job.remove_temp_files()
        silent_since = job.heartbeat_at
        if model.resumable and job.attempts < settings.JOB_MAX_ATTEMPTS:
            job.status, job.heartbeat_at = Job.Status.QUEUED, now
            job.save(update_fields=["status", "heartbeat_at"])
            transaction.on_commit(partial(dispatch, import_string(model.task_name), pk))
            logger.warning("%s %s was silent since %s (attempt %s): sent again", model._meta.label, pk,
                           silent_since, job.attempts)
            return "sent again"
        with translation.override(settings.LANGUAGE_CODE):
            job.error = stalled_message()
        job.status, job.finished_at = Job.Status.FAILED, now
        job.save(update_fields=["status", "error", "finished_at"])
        logger.error("%s %s was silent after %s attempts: failed", model._meta.label, pk, job.attempts)
        _mail_owner(job)  # stored with this transaction; core.mail sends it after commit
    return "failed"


def stalled_message():
    return _("The server stopped while working on this, and it could not be finished. Nothing half-done was "
             "kept. Please start it again; if it stops again, please tell the team that runs this site.")


def _mail_owner(job):
    owner = job.owner
    if owner is None or not owner.email or getattr(owner, "is_deleted", False):
        return
    with translation.override(settings.LANGUAGE_CODE):
        what = job.describe()
        context = {"what": what, "message": job.error,
                   "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + job.watch_url()}
        send_mail(_("Not finished: %(what)s") % {"what": what},
                  render_to_string("core/jobs/stalled_mail.txt", context), None, [owner.email])


def remove_orphaned_scratch():
    """Delete scratch folders that no unfinished job owns (its row was deleted while it ran, or its run died
    in a way no sweep saw). A folder is named after its job's uuid."""
    root = Job.scratch_root()
    if not root.is_dir():
        return 0
    names = {}
    for entry in os.scandir(root):
        with contextlib.suppress(ValueError):
            names[str(uuid.UUID(entry.name))] = entry.path
    if not names:
        return 0
    owned = set()
    for model in kinds():
        unfinished = model.objects.exclude(status__in=model.finished_statuses).filter(uuid__in=list(names))
        owned.update(str(value) for value in unfinished.values_list("uuid", flat=True))
    orphans = [path for name, path in names.items() if name not in owned]
    for path in orphans:
        shutil.rmtree(path, ignore_errors=True)
    return len(orphans)
