"""The shared shape of long work a person starts and watches (exports, data exports, print batches, scan
imports): one abstract model every kind subclasses, so one mechanism (core.jobs) claims, beats, recovers and
cleans up all of them. Core never imports the kinds: it finds every concrete subclass of :class:`Job`."""

import shutil
import uuid
from pathlib import Path

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCRATCH_FOLDER = "tmp/jobs"  # in the private storage: see Job.scratch_root


class Job(models.Model):
    """Long work the worker does for a person: status, attempts, heartbeat, a message, start, end, expiry.

    A kind sets ``task_name`` (its Celery task, taking the job's pk), ``owner_field`` and, when its phases
    have other names, ``running_statuses``/``waiting_statuses``; it implements ``describe()`` and
    ``watch_url()`` (the page where its starter watches progress) for the message when it cannot finish.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    # Raised each time a run claims the job: the number identifies the run, so a run the stall sweep gave up
    # on can neither beat nor finish the job any more (it finds a different number and stops).
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)

    task_name = ""  # dotted path of the Celery task that runs the job
    owner_field = "created_by"
    running_statuses = ("running",)  # a worker is at it: it beats, and a stale beat means it died
    waiting_statuses = ("queued",)  # waiting for a message that may be lost: sent again when nothing moved
    finished_statuses = ("done", "failed")
    resumable = True  # its task is safe to run twice (its docstring says why): a stalled job is sent again

    class Meta:
        abstract = True

    @property
    def owner(self):
        return getattr(self, self.owner_field)

    @property
    def is_finished(self):
        return self.status in self.finished_statuses

    def is_expired(self, moment=None):
        return self.expires_at is not None and (moment or timezone.now()) >= self.expires_at

    def describe(self):
        """What the job is, in a few words, for the message to the person who started it."""
        return str(self._meta.verbose_name)

    def watch_url(self):
        """The path of the page where the person who started the job watches it."""
        raise NotImplementedError

    @staticmethod
    def scratch_root():
        """Where runs keep their files until they are done: in the private storage, because the half-written
        files hold the same personal data as the finished ones, and beside the finished files (one volume),
        so moving a finished file into place is one atomic rename."""
        from django.core.files.storage import storages

        return Path(storages["private"].path(SCRATCH_FOLDER))

    def scratch_dir(self, attempt=None):
        """The job's scratch folder (one subfolder per attempt): the `.part` file, XlsxWriter's temp files."""
        folder = self.scratch_root() / str(self.uuid)
        return folder if attempt is None else folder / str(attempt)

    def remove_temp_files(self):
        """Delete every file a run of this job left before it was done. Safe twice."""
        shutil.rmtree(self.scratch_dir(), ignore_errors=True)
