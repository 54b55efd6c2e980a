"""wagtail-localize's background jobs (translating a page's subtree, synchronising a locale's tree) run
in the Celery worker instead of inside the editor's request.

wagtail-localize hands its job backend a function and arguments that are model instances (pages,
locales, the user). Celery sends JSON, so instances travel as (model label, primary key) and are loaded
again in the worker. A job is sent only after the editor's transaction commits, so the worker sees the
translation the editor has just created. Translation components (extra forms other apps can register;
this site registers none) cannot travel as JSON: a job that carries some runs at once, as without a
worker.
"""

from celery import shared_task
from django.apps import apps
from django.db import models, transaction
from django.utils.module_loading import import_string
from wagtail_localize.tasks import BaseJobBackend

from core.dispatch import dispatch

MODEL = "__model__"


def encode(value):
    if isinstance(value, models.Model):
        return {MODEL: value._meta.label_lower, "pk": value.pk}
    if isinstance(value, (list, tuple, models.QuerySet)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    return value


def decode(value):
    if isinstance(value, dict) and MODEL in value:
        model = apps.get_model(value[MODEL])
        return model._default_manager.get(pk=value["pk"])
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        return {key: decode(item) for key, item in value.items()}
    return value


def _portable(args, kwargs):
    """The components argument of translate_page_subtree: None when no component is registered."""
    from wagtail_localize.components import TranslationComponentManager

    def convert(item):
        if isinstance(item, TranslationComponentManager):
            if item.components:
                raise TypeError("translation components cannot be sent to the worker")
            return None
        return item

    return [convert(a) for a in args], {k: convert(v) for k, v in kwargs.items()}


class CeleryJobBackend(BaseJobBackend):
    def enqueue(self, func, args, kwargs):
        try:
            args, kwargs = _portable(list(args), dict(kwargs))
        except TypeError:
            func(*args, **kwargs)
            return
        path = f"{func.__module__}.{func.__qualname__}"
        payload_args, payload_kwargs = encode(args), encode(kwargs)
        transaction.on_commit(lambda: dispatch(run_localize_job, path, payload_args, payload_kwargs))


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def run_localize_job(self, path, args, kwargs):
    """Run one wagtail-localize job. Safe twice: both jobs it sends (translate a subtree, synchronise a
    tree) create what is missing and update what exists, so a retry finishes the work once."""
    if not path.startswith("wagtail_localize."):
        raise ValueError(f"not a wagtail-localize job: {path}")
    func = import_string(path)
    func(*decode(args), **decode(kwargs))
    return path
