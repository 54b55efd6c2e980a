"""The export pages in the Wagtail admin: choose the data and a format, then download at once (small CSV and
JSON) or follow the background job until its file is ready. Only people with "add export" (the analysts)
get here; a job's page and file only for the person who started it (or a superuser)."""

import datetime

from django import forms
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import ANALYSTS, role_sites
from core import exports, registry
from core.models import ExportFormat, ExportJob, ExportLog
from core.pagination import page_or_404

FORMAT_HELP = gettext_lazy(
    "Small CSV and JSON exports download at once; Excel, open data and large exports are prepared in the "
    "background (you get an email when the file is ready)."
)


class DatasetChoiceForm(forms.Form):
    dataset = forms.ChoiceField(label=gettext_lazy("Data"), widget=forms.RadioSelect)

    def __init__(self, *args, datasets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [(dataset.key, dataset.label) for dataset in datasets]


class ExportForm(forms.Form):
    """The filters a dataset offers, the format and, for people allowed to, personal data."""

    dataset = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, dataset, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.dataset = dataset
        if dataset.source_label:
            # Staff of one municipality choose one of its processes, surveys or organisations: "All" would reach
            # the other municipalities' rows (core.staff_scope).
            required = dataset.source_required or role_sites(user, ANALYSTS) is not None
            choices = [("", _("Please choose") if required else _("All"))] + list(dataset.sources(user))
            self.fields["source"] = forms.TypedChoiceField(label=dataset.source_label, choices=choices, coerce=int,
                                                           empty_value=None, required=required)
        if dataset.channel_choices:
            self.fields["channel"] = forms.ChoiceField(
                label=_("Channel"), required=False, choices=[("", _("All channels"))] + list(dataset.channel_choices))
        if dataset.date_range:
            self.fields["date_from"] = forms.DateField(label=_("From (date)"), required=False,
                                                       widget=forms.DateInput(attrs={"type": "date"}))
            self.fields["date_to"] = forms.DateField(label=_("To (date)"), required=False,
                                                     widget=forms.DateInput(attrs={"type": "date"}))
        formats = [(value, label) for value, label in ExportFormat.choices
                   if value != ExportFormat.OPEN_DATA or dataset.open_data]
        self.fields["format"] = forms.ChoiceField(label=_("Format"), choices=formats, widget=forms.RadioSelect,
                                                  initial=ExportFormat.CSV, help_text=FORMAT_HELP)
        self.fields["headings"] = forms.ChoiceField(label=_("Column headings"), choices=exports.HEADINGS,
                                                    widget=forms.RadioSelect, initial="labels")
        self.may_export_personal = exports.may_export_personal(user) and dataset.has_personal_data
        if self.may_export_personal:
            self.fields["include_personal"] = forms.BooleanField(
                label=_("Include personal data (names, email addresses, phone numbers)"), required=False,
                help_text=_("Only when the task needs it. The export is logged with your name."),
            )

    def clean(self):
        cleaned = super().clean()
        if not self.may_export_personal and self.data.get("include_personal"):
            # Never ignored quietly: the person must know the file has no personal data.
            raise forms.ValidationError(_("You are not allowed to export personal data. An administrator can "
                                          "give you the permission."), code="personal_data_not_allowed")
        if cleaned.get("include_personal") and cleaned.get("format") == ExportFormat.OPEN_DATA:
            self.add_error("include_personal", _("Open data never contains personal data: untick this box or "
                                                 "choose another format."))
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def params(self):
        """The filters as stored with the job and the log (JSON-safe)."""
        params = {"headings": self.cleaned_data["headings"]}
        for name in ("source", "channel", "date_from", "date_to"):
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                params[name] = value.isoformat() if isinstance(value, datetime.date) else value
        return params


def _forbidden(request):
    return TemplateResponse(request, "core/exports/forbidden.html", {"page_title": _("Exports")}, status=403)


def export_form(request):
    """Step 1: which data (unless the address names it); step 2: filters and format; then stream or queue."""
    user = request.user
    if not exports.may_export(user):
        return _forbidden(request)
    datasets = exports.datasets_for(user)
    key = request.POST.get("dataset") if request.method == "POST" else request.GET.get("dataset")
    dataset = next((candidate for candidate in datasets if candidate.key == key), None)
    chooser = DatasetChoiceForm(initial={"dataset": key}, datasets=datasets)
    form = None
    if dataset is not None:
        if request.method == "POST":
            form = ExportForm(request.POST, dataset=dataset, user=user)
            if form.is_valid():
                return _start(request, dataset, form)
        else:
            initial = {name: request.GET[name] for name in ("source", "format", "channel", "date_from", "date_to")
                       if request.GET.get(name)}
            form = ExportForm(initial={"dataset": dataset.key, **initial}, dataset=dataset, user=user)
    return TemplateResponse(request, "core/exports/form.html", {
        "page_title": _("Exports"), "chooser": chooser, "dataset": dataset, "form": form,
        "stream_limit": exports.stream_limit(), "keep_hours": exports.keep_hours(),
    })


def _start(request, dataset, form):
    params, fmt = form.params(), form.cleaned_data["format"]
    personal = bool(form.cleaned_data.get("include_personal"))
    count = dataset.count(params, open_data=fmt == ExportFormat.OPEN_DATA)
    if exports.is_streamable(fmt, count):
        return exports.stream(request.user, dataset, params, fmt, personal, count)
    job = exports.start_job(request.user, dataset, params, fmt, personal, count)
    return redirect("core_export_job", job.uuid)


def _own_job(request, job_uuid):
    """The job, if the person may see it; else None."""
    if not exports.may_export(request.user):
        return None
    job = get_object_or_404(ExportJob.objects.select_related("created_by"), uuid=job_uuid)
    if job.created_by_id != request.user.pk and not request.user.is_superuser:
        return None
    return job


def _label(job):
    dataset = registry.export_datasets.get(job.dataset)
    return dataset.label if dataset else job.dataset


def _status(job, moment=None):
    moment = moment or timezone.now()
    ready = job.status == ExportJob.Status.DONE and bool(job.file) and not job.is_expired(moment)
    return {
        "status": job.status, "status_label": str(job.get_status_display()), "rows_done": job.rows_done,
        "rows_total": job.rows_total, "percent": job.percent, "finished": job.is_finished,
        "download_url": reverse("core_export_download", args=[job.uuid]) if ready else None,
        "expired": job.is_expired(moment), "error": job.error,
    }


def job_detail(request, job_uuid):
    job = _own_job(request, job_uuid)
    if job is None:
        return _forbidden(request)
    return TemplateResponse(request, "core/exports/job.html", {
        "page_title": _("Export"), "job": job, "dataset_label": _label(job), "state": _status(job),
        "status_url": reverse("core_export_job_status", args=[job.uuid]),
    })


def job_status(request, job_uuid):
    job = _own_job(request, job_uuid)
    if job is None:
        return JsonResponse({"error": "forbidden"}, status=403)
    return JsonResponse(_status(job))


def job_download(request, job_uuid):
    job = _own_job(request, job_uuid)
    if job is None:
        return _forbidden(request)
    if job.is_expired():
        return TemplateResponse(request, "core/exports/gone.html", {"page_title": _("Export"), "job": job},
                                status=410)
    if job.status != ExportJob.Status.DONE or not job.file:
        return redirect("core_export_job", job.uuid)  # not ready or failed: its page says which
    dataset = registry.export_datasets.get(job.dataset)
    name = exports.download_name(dataset, job.params, job.format, job.finished_at) if dataset else (
        job.storage_name.rsplit("/", 1)[-1])
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=name,
                            content_type=exports.CONTENT_TYPES[job.format])
    response["Cache-Control"] = "no-store"
    return response


def my_jobs(request):
    if not exports.may_export(request.user):
        return _forbidden(request)
    now = timezone.now()
    jobs = list(ExportJob.objects.filter(created_by=request.user)[:50])
    for job in jobs:
        job.dataset_label = _label(job)
        job.state = _status(job, now)
    return TemplateResponse(request, "core/exports/jobs.html", {"page_title": _("My exports"), "jobs": jobs})


LOG_PER_PAGE = 50


def may_read_log(user):
    """The export log is for whoever checks data protection: superusers and people given
    "core.view_exportlog" (no group has it by default; analysts see only their own jobs)."""
    return user.is_authenticated and user.has_perm("core.view_exportlog")


def export_log(request):
    """Every export, newest first, read-only: who, which data, filters, personal data or not, rows, when."""
    if not may_read_log(request.user):
        return _forbidden(request)
    entries = page_or_404(ExportLog.objects.all(), request.GET.get("p"), LOG_PER_PAGE)
    return TemplateResponse(request, "core/exports/log.html", {"page_title": _("Export log"), "entries": entries})
