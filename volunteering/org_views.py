"""The organisations' area (members only): registration, dashboard, opportunities and shifts, requests,
attendance and hours, certificate records, and messages between organisations and volunteers.

Every page of an organisation answers 404 to anyone who is not its member (or a superuser), so the
addresses do not even tell whether an organisation exists."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import links
from core.pagination import page_or_404
from volunteering import organisation as org
from volunteering.models import CertificateRecord, Message, Opportunity, Organisation, Shift, Signup, reachable_by_email
from volunteering.org_forms import (
    AttendanceForm,
    CertificateRecordForm,
    MessageForm,
    OpportunityForm,
    OrganisationForm,
    ShiftFormSet,
)

RECENT_DAYS = 14
PAST_SHIFT_DAYS = 90
THREADS_PER_PAGE = 30


def _member_organisation(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not org.is_member(request.user, organisation):
        raise Http404
    return organisation


def _render(request, template, context, forms=()):
    """Render with the error summary of `forms` (forms and formsets); answer 400 if any has errors."""
    errors = error_summary(*forms)
    return TemplateResponse(request, f"volunteering/organisation/{template}", {**context, "error_summary": errors},
                            status=400 if errors else 200)


def error_summary(*forms):
    """Every error of the given forms and formsets, each linked to its field, for the list at the top."""
    items = []
    for form in forms:
        if form is None or not form.is_bound:
            continue
        if hasattr(form, "forms"):  # a formset
            items += [{"message": message} for message in form.non_form_errors()]
            items += error_summary(*form.forms)
            continue
        for name, errors in form.errors.items():
            if name == "__all__":
                items += [{"message": message} for message in errors]
                continue
            field = form[name]
            widget = field.field.widget
            multiple = getattr(widget, "input_type", "") == "radio" or getattr(widget, "allow_multiple_selected", False)
            items += [{"message": message, "label": field.label,
                       "id": f"{field.auto_id}_0" if multiple else field.auto_id} for message in errors]
    return items


def contact_for(signup):
    """The volunteer's contact details, or None while the organisation may not see them."""
    if signup.status not in org.CONTACT_STATUSES:
        return None
    user = signup.volunteer
    try:
        profile = user.volunteer_profile
    except ObjectDoesNotExist:
        profile = None
    return {
        "full_name": user.get_full_name(),
        "email": user.email if reachable_by_email(user) else "",
        "phone": profile.phone if profile else "",
        "postal_address": profile.postal_address if profile else "",
    }


def _person_rows(signups, records=None):
    return [{"signup": signup, "name": org.public_name(signup.volunteer), "contact": contact_for(signup),
             "records": (records or {}).get(signup.volunteer_id, [])} for signup in signups]


def _thread_link(request, url_name, *args):
    return links.absolute(reverse(f"volunteering:{url_name}", args=args), request=request)


# Registration and the dashboard

@login_required
def my_organisations(request):
    organisations = (Organisation.objects.all() if request.user.is_superuser
                     else request.user.volunteer_organisations.all()).order_by("name")
    return _render(request, "my_organisations.html", {"organisations": organisations})


@login_required
def register(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.save(commit=False)
        organisation.site = org.site_for(request)  # the municipality whose site it registers at
        organisation = org.register(organisation, request.user)
        messages.success(request, _("Thank you! Your organisation is registered and waits for verification by the "
                                    "volunteering coordinators."))
        return redirect("volunteering:organisation_dashboard", slug=organisation.slug)
    return _render(request, "register.html", {"form": form}, [form])


@login_required
def dashboard(request, slug):
    organisation = _member_organisation(request, slug)
    since = timezone.now() - datetime.timedelta(days=PAST_SHIFT_DAYS)
    shifts = (Shift.objects.filter(opportunity__organisation=organisation, ends_at__gte=since)
              .annotate(held=Count("signups", filter=Q(signups__status__in=Signup.HOLDS_A_PLACE)),
                        requested=Count("signups", filter=Q(signups__status=Signup.Status.REQUESTED)),
                        waiting=Count("signups", filter=Q(signups__status=Signup.Status.WAITLISTED)))
              .order_by("starts_at"))
    by_opportunity = {}
    now = timezone.now()
    for shift in shifts:
        shift.free = max(0, shift.capacity - shift.held)
        shift.started = shift.starts_at <= now
        by_opportunity.setdefault(shift.opportunity_id, []).append(shift)
    opportunities = list(organisation.opportunities.select_related("district").order_by("-created_at"))
    for opportunity in opportunities:
        opportunity.listed_shifts = by_opportunity.get(opportunity.pk, [])
    open_requests = Signup.objects.filter(shift__opportunity__organisation=organisation,
                                          status=Signup.Status.REQUESTED).count()
    unread = Message.objects.filter(organisation=organisation, from_organisation=False, read_at__isnull=True).count()
    return _render(request, "dashboard.html", {
        "organisation": organisation, "opportunities": opportunities, "open_requests": open_requests,
        "unread": unread,
    })


@require_POST
@login_required
def settings_view(request, slug):
    organisation = _member_organisation(request, slug)
    org.set_auto_confirm(organisation, request.user, request.POST.get("auto_confirm") == "on")
    messages.success(request, _("Requests are now confirmed automatically.") if organisation.auto_confirm
                     else _("You now confirm or decline every request yourselves."))
    return redirect("volunteering:organisation_dashboard", slug=organisation.slug)


@login_required
def opportunity_form(request, slug, opportunity_id=None):
    organisation = _member_organisation(request, slug)
    if opportunity_id is None:
        opportunity = Opportunity(organisation=organisation)
    else:
        opportunity = get_object_or_404(Opportunity, pk=opportunity_id, organisation=organisation)
    data = request.POST if request.method == "POST" else None
    form = OpportunityForm(data, instance=opportunity)
    formset = ShiftFormSet(data, instance=opportunity, prefix="shifts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                saved = form.save(commit=False)
                if not saved.slug:
                    saved.slug = org.unique_slug(Opportunity, saved.title, 150, "opportunity")
                form.save_m2m()  # parental many-to-many: kept in memory, written by save()
                saved.save()
                org.save_shifts(saved, formset)
        except org.OrganisationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The opportunity “%(title)s” is saved.") % {"title": saved.title})
            return redirect("volunteering:organisation_dashboard", slug=organisation.slug)
    return _render(request, "opportunity_form.html", {
        "organisation": organisation, "opportunity": opportunity, "form": form, "formset": formset,
    }, [form, formset])


# Requests and people

@login_required
def requests(request, slug):
    organisation = _member_organisation(request, slug)
    if request.method == "POST":
        signup_id = request.POST.get("signup", "")
        if not signup_id.isdigit() or not Signup.objects.filter(
                pk=signup_id, shift__opportunity__organisation=organisation).exists():
            raise Http404
        try:
            if request.POST.get("action") == "confirm":
                signup = org.confirm(int(signup_id), request.user)
                messages.success(request, _("%(name)s is confirmed and will be told.")
                                 % {"name": org.public_name(signup.volunteer)})
            elif request.POST.get("action") == "decline":
                signup = org.decline(int(signup_id), request.user)
                messages.success(request, _("%(name)s is declined and will be told. The place goes to the next "
                                            "person on the waiting list.")
                                 % {"name": org.public_name(signup.volunteer)})
        except org.OrganisationError as error:
            messages.error(request, str(error))
        return redirect("volunteering:organisation_requests", slug=organisation.slug)
    mine = Signup.objects.filter(shift__opportunity__organisation=organisation)
    pending = (mine.filter(status=Signup.Status.REQUESTED).select_related("volunteer", "shift__opportunity")
               .order_by("shift__starts_at", "created_at", "pk"))
    recent = (mine.filter(status__in=[Signup.Status.CONFIRMED, Signup.Status.DECLINED],
                          decided_at__gte=timezone.now() - datetime.timedelta(days=RECENT_DAYS))
              .select_related("volunteer__volunteer_profile", "shift__opportunity").order_by("-decided_at", "-pk")[:50])
    now = timezone.now()
    recent_rows = _person_rows(recent)
    for row in recent_rows:
        row["started"] = row["signup"].shift.starts_at <= now
    return _render(request, "requests.html", {
        "organisation": organisation, "pending": _person_rows(pending), "recent": recent_rows,
    })


def _shift_of(organisation, shift_id):
    return get_object_or_404(Shift.objects.select_related("opportunity"), pk=shift_id,
                             opportunity__organisation=organisation)


@login_required
def shift_people(request, slug, shift_id):
    organisation = _member_organisation(request, slug)
    shift = _shift_of(organisation, shift_id)
    signups = list(shift.signups.exclude(status=Signup.Status.CANCELLED)
                   .select_related("volunteer__volunteer_profile").order_by("created_at", "pk"))
    records = {}
    for record in CertificateRecord.objects.filter(organisation=organisation,
                                                   volunteer_id__in=[s.volunteer_id for s in signups]):
        records.setdefault(record.volunteer_id, []).append(record)
    return _render(request, "shift.html", {
        "organisation": organisation, "shift": shift, "rows": _person_rows(signups, records),
        "started": shift.starts_at <= timezone.now(),
    })


@login_required
def attendance(request, slug, shift_id):
    organisation = _member_organisation(request, slug)
    shift = _shift_of(organisation, shift_id)
    started = shift.starts_at <= timezone.now()
    signups = (shift.signups.filter(status__in=org.ATTENDANCE_STATUSES).select_related("volunteer")
               .order_by("created_at", "pk")) if started else []
    data = request.POST if request.method == "POST" and started else None
    forms = []
    for signup in signups:
        signup.shift = shift  # one shift for all: no query per person for the default hours
        forms.append(AttendanceForm(data, signup=signup))
    if data is not None and all(form.is_valid() for form in forms):
        recorded = 0
        try:
            with transaction.atomic():
                for form in forms:
                    presence = form.cleaned_data["presence"]
                    if presence:
                        org.record_attendance(form.signup.pk, request.user, presence == "attended",
                                              form.cleaned_data["hours"])
                        recorded += 1
        except org.OrganisationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Attendance is saved for %(count)s people.") % {"count": recorded})
            return redirect("volunteering:organisation_attendance", slug=organisation.slug, shift_id=shift.pk)
    return _render(request, "attendance.html", {
        "organisation": organisation, "shift": shift, "forms": forms, "started": started,
    }, forms)


@login_required
def certificates(request, slug, user_id):
    organisation = _member_organisation(request, slug)
    confirmed = (Signup.objects.filter(volunteer_id=user_id, shift__opportunity__organisation=organisation,
                                       status__in=org.CONTACT_STATUSES).select_related("volunteer").first())
    if confirmed is None:
        raise Http404  # records only for people the organisation has confirmed
    person = confirmed.volunteer
    form = CertificateRecordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and request.POST.get("delete", "").isdigit():
        CertificateRecord.objects.filter(pk=request.POST["delete"], organisation=organisation,
                                         volunteer=person).delete()
        messages.success(request, _("The record is deleted."))
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        org.record_certificate(organisation, person, data["requirement"], data["seen_on"], data["issued_on"],
                               data["due_on"], by=request.user)
        messages.success(request, _("The certificate is recorded."))
        return redirect(request.path)
    records = CertificateRecord.objects.filter(organisation=organisation, volunteer=person)
    return _render(request, "certificates.html", {
        "organisation": organisation, "person": person, "name": org.public_name(person),
        "contact": contact_for(confirmed), "records": records, "form": form, "keep_days": org.certificate_keep_days(),
    }, [form])


# Messages

def _thread(organisation, volunteer):
    return (Message.objects.filter(organisation=organisation, volunteer=volunteer)
            .select_related("opportunity").order_by("created_at", "pk"))


@login_required
def organisation_messages(request, slug):
    organisation = _member_organisation(request, slug)
    threads = page_or_404(
        Message.objects.filter(organisation=organisation).values("volunteer").annotate(
            last=Max("created_at"), count=Count("pk"),
            unread=Count("pk", filter=Q(read_at__isnull=True, from_organisation=False)),
        ).order_by("-last"), request.GET.get("page"), THREADS_PER_PAGE)
    people = get_user_model().objects.in_bulk([thread["volunteer"] for thread in threads])
    for thread in threads:
        thread["name"] = org.public_name(people[thread["volunteer"]])
    return _render(request, "organisation_messages.html", {"organisation": organisation, "threads": threads})


@login_required
def organisation_thread(request, slug, user_id):
    organisation = _member_organisation(request, slug)
    volunteer = get_object_or_404(get_user_model(), pk=user_id)
    if not org.can_write_to(organisation, volunteer):
        raise Http404
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        org.send_message(organisation, volunteer, request.user, form.cleaned_data["body"], from_organisation=True,
                         link=_thread_link(request, "message_thread", organisation.slug))
        messages.success(request, _("Your message was sent."))
        return redirect(request.path)
    if request.method == "GET":
        org.mark_read(organisation, volunteer, by_organisation=True)
    return _render(request, "thread.html", {
        "organisation": organisation, "thread": _thread(organisation, volunteer), "form": form,
        "other_name": org.public_name(volunteer), "side": "organisation",
    }, [form])


@login_required
def volunteer_messages(request):
    threads = page_or_404(
        Message.objects.filter(volunteer=request.user).values("organisation").annotate(
            last=Max("created_at"), count=Count("pk"),
            unread=Count("pk", filter=Q(read_at__isnull=True, from_organisation=True)),
        ).order_by("-last"), request.GET.get("page"), THREADS_PER_PAGE)
    organisations = Organisation.objects.in_bulk([thread["organisation"] for thread in threads])
    for thread in threads:
        thread["organisation"] = organisations[thread["organisation"]]
    return _render(request, "volunteer_messages.html", {"threads": threads})


@login_required
def volunteer_thread(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not org.can_ask(organisation, request.user):
        raise Http404
    about = request.POST.get("opportunity") if request.method == "POST" else request.GET.get("angebot")
    opportunity = None
    if about:
        opportunity = Opportunity.objects.filter(organisation=organisation, slug=str(about)[:160]).first()
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        org.send_message(organisation, request.user, request.user, form.cleaned_data["body"], from_organisation=False,
                         link=_thread_link(request, "organisation_thread", organisation.slug, request.user.pk),
                         opportunity=opportunity)
        messages.success(request, _("Your message was sent. The organisation answers here; we tell you by email."))
        return redirect("volunteering:message_thread", slug=organisation.slug)
    if request.method == "GET":
        org.mark_read(organisation, request.user, by_organisation=False)
    return _render(request, "thread.html", {
        "organisation": organisation, "thread": _thread(organisation, request.user), "form": form,
        "other_name": organisation.name, "side": "volunteer", "opportunity": opportunity,
    }, [form])
