"""What organisations do: register and get verified, decide on requests, record attendance and hours,
write to volunteers through the site, and note certificates they have seen (never the document).

Decisions on sign-ups take the locks of volunteering.signup (core.capacity) in the same order (the volunteer's row,
then the shift's), so a decision and a sign-up or cancellation for the same shift cannot interleave.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.roles import VOLUNTEER_COORDINATORS
from core.links import absolute
from volunteering.models import CertificateRecord, Message, Opportunity, Organisation, Shift, Signup, reachable_by_email
from volunteering.notifications import notify_status
from volunteering.signup import PLACES, offer_free_places

# The organisation sees contact details only of people it has confirmed (and, afterwards, of those who
# came or did not come); before that, a name the person chose or a number.
CONTACT_STATUSES = (Signup.Status.CONFIRMED, Signup.Status.ATTENDED, Signup.Status.NO_SHOW)
# A decline frees the place of anyone still in the running for the shift.
DECLINABLE = (Signup.Status.REQUESTED, Signup.Status.CONFIRMED, Signup.Status.WAITLISTED, Signup.Status.OFFERED)
ATTENDANCE_STATUSES = (Signup.Status.CONFIRMED, Signup.Status.ATTENDED, Signup.Status.NO_SHOW)
# Statuses that keep an engagement (and so its certificate records) alive; see delete_expired_certificate_records.
ENGAGED_STATUSES = (Signup.Status.CONFIRMED, Signup.Status.REQUESTED, Signup.Status.ATTENDED)
MAX_HOURS = Decimal("24")
POLICE_CERTIFICATE_MAX_AGE_MONTHS = 3
CERTIFICATE_VALID_YEARS = 5
CERTIFICATE_KEEP_DAYS = 90  # the default of settings.CERTIFICATE_RETENTION_DAYS


class OrganisationError(Exception):
    """A decision that cannot happen, with a message for the member."""


# People and membership

def public_name(user):
    """What an organisation calls a volunteer before it may see their contact: their chosen name or a number."""
    return user.display_name or _("Volunteer #%(number)s") % {"number": user.pk}


def is_member(user, organisation):
    if not user.is_authenticated:
        return False
    return user.is_superuser or organisation.members.filter(pk=user.pk).exists()


def _check_member(user, organisation):
    if not is_member(user, organisation):
        raise OrganisationError(_("Only members of the organisation can do this."))


def unique_slug(model, text, max_length, url_name, exclude_pk=None):
    """A slug from `text` that no other row uses and that no fixed address of the site shadows."""
    base = (slugify(text) or model._meta.model_name)[:max_length - 4].strip("-")
    taken = model.objects.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True)
    taken = set(taken)
    number = 1
    candidate = base
    while candidate in taken or _shadowed(candidate, url_name):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _shadowed(slug, url_name):
    """True if the address for `slug` already belongs to another page (e.g. an opportunity called
    "nachrichten" would hide the inbox)."""
    try:
        return resolve(reverse(f"volunteering:{url_name}", args=[slug])).url_name != url_name
    except (NoReverseMatch, Resolver404):
        return True


# Registration and verification

def _send(subject_template, body_template, context, recipients):
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    subject = render_to_string(subject_template, context).strip()
    return send_mail(subject, render_to_string(body_template, context), None, recipients)


def _admin_url(organisation):
    path = reverse(Organisation.snippet_viewset.get_url_name("edit"), args=[organisation.pk])
    return absolute(path)


def coordinator_addresses(site_id=None):
    """The region's coordinators and, with `site_id`, that municipality's ("Wismar: Freiwilligenagentur")."""
    wanted = Q(groups__name=VOLUNTEER_COORDINATORS)
    if site_id is not None:
        wanted |= Q(groups__municipality__role=VOLUNTEER_COORDINATORS, groups__municipality__site_id=site_id)
    users = get_user_model().objects.filter(wanted, is_active=True).distinct()
    return [user.email for user in users if reachable_by_email(user)]


def site_for(request):
    """The municipality (its Site) an organisation made in this request belongs to: the site the request came in
    on; a coordinator who works for other municipalities only gets her own (issue 26)."""
    from wagtail.models import Site

    from accounts.roles import role_sites

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    own = role_sites(request.user, VOLUNTEER_COORDINATORS)
    if own and site.pk not in own:
        site = Site.objects.get(pk=min(own))
    return site


@transaction.atomic
def register(organisation, user):
    """Save a new, unverified organisation with `user` as its first member, and tell the coordinators.
    The mail is stored in the same transaction and sent after commit (core.mail)."""
    organisation.slug = unique_slug(Organisation, organisation.name, 50, "organisation_dashboard")
    organisation.registered_by = user
    organisation.verified_at = None
    organisation.verified_by = None
    organisation.save()
    organisation.members.add(user)
    _send("volunteering/organisation/mail/registered_subject.txt", "volunteering/organisation/mail/registered.txt",
          {"organisation": organisation, "url": _admin_url(organisation)}, coordinator_addresses(organisation.site_id))
    return organisation


def _organisation_addresses(organisation):
    addresses = [organisation.contact_email]
    if organisation.registered_by and reachable_by_email(organisation.registered_by):
        addresses.append(organisation.registered_by.email)
    return addresses


@transaction.atomic
def verify(organisation, coordinator, now=None):
    """The coordinators checked the organisation: its published opportunities go public."""
    organisation.verified_at = now or timezone.now()
    organisation.verified_by = coordinator
    organisation.verification_note = ""
    organisation.save(update_fields=["verified_at", "verified_by", "verification_note"])
    _send("volunteering/organisation/mail/verified_subject.txt", "volunteering/organisation/mail/verified.txt",
          {"organisation": organisation}, _organisation_addresses(organisation))
    return organisation


@transaction.atomic
def put_on_hold(organisation, coordinator, note):
    """Not (or no longer) verified, with a note to the organisation on what is missing."""
    organisation.verified_at = None
    organisation.verified_by = coordinator
    organisation.verification_note = note
    organisation.save(update_fields=["verified_at", "verified_by", "verification_note"])
    _send("volunteering/organisation/mail/on_hold_subject.txt", "volunteering/organisation/mail/on_hold.txt",
          {"organisation": organisation, "note": note}, _organisation_addresses(organisation))
    return organisation


# Decisions on requests

def _signup_for(signup_id, member):
    signup = (Signup.objects.select_related("volunteer", "shift__opportunity__organisation").filter(pk=signup_id)
              .first())
    if signup is None:
        raise OrganisationError(_("This sign-up does not exist."))
    _check_member(member, signup.shift.opportunity.organisation)
    return signup


@transaction.atomic
def confirm(signup_id, member, now=None):
    """A member confirms a request; the volunteer hears about it (notify_status)."""
    now = now or timezone.now()
    signup = _signup_for(signup_id, member)
    PLACES.lock(signup.volunteer, signup.shift_id)
    signup.refresh_from_db()
    if signup.status == Signup.Status.CONFIRMED:
        return signup  # confirmed twice (double click): nothing changes
    if signup.status != Signup.Status.REQUESTED:
        raise OrganisationError(_("This request is no longer open: %(status)s.")
                                % {"status": signup.get_status_display()})
    signup.status, signup.decided_at, signup.decided_by = Signup.Status.CONFIRMED, now, member
    signup.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    notify_status(signup)
    return signup


@transaction.atomic
def decline(signup_id, member, now=None):
    """A member declines; the place (if it held one) goes to the next person on the waiting list."""
    now = now or timezone.now()
    signup = _signup_for(signup_id, member)
    shift = PLACES.lock(signup.volunteer, signup.shift_id)
    signup.refresh_from_db()
    if signup.status == Signup.Status.DECLINED:
        return signup
    if signup.status not in DECLINABLE:
        raise OrganisationError(_("This sign-up can no longer be declined: %(status)s.")
                                % {"status": signup.get_status_display()})
    signup.status, signup.offer_expires_at = Signup.Status.DECLINED, None
    signup.decided_at, signup.decided_by = now, member
    signup.save(update_fields=["status", "offer_expires_at", "decided_at", "decided_by", "updated_at"])
    notify_status(signup)
    offer_free_places(shift, now)  # tells each person it offers a place
    return signup


def set_auto_confirm(organisation, member, value):
    _check_member(member, organisation)
    Organisation.objects.filter(pk=organisation.pk).update(auto_confirm=value)
    organisation.auto_confirm = value
    return organisation


@transaction.atomic
def save_shifts(opportunity, formset, now=None):
    """Save an opportunity's shifts under their locks: a capacity is never lower than the places held
    (checked again under the lock; raises OrganisationError), and places a raised capacity frees are
    offered to the waiting list."""
    now = now or timezone.now()
    ids = [form.instance.pk for form in formset.forms if form.instance.pk]
    list(Shift.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    for form in formset.forms:
        shift = form.instance
        if not shift.pk or form in formset.deleted_forms or not form.has_changed():
            continue
        held = PLACES.taken(shift)
        if shift.capacity < held:
            raise OrganisationError(_("%(held)s places are already held on the shift of %(date)s: the number of "
                                      "places cannot be lower.") % {"held": held, "date": _date(shift.starts_at)})
    formset.instance = opportunity
    formset.save()
    for shift in Shift.objects.filter(pk__in=ids):  # deleted shifts are gone
        offer_free_places(shift, now)


def _date(moment):
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


# Attendance and hours

def shift_hours(shift):
    """The default hours of a shift: its length, at most a day."""
    seconds = Decimal((shift.ends_at - shift.starts_at).total_seconds())
    return min(MAX_HOURS, (seconds / 3600).quantize(Decimal("0.01")))


@transaction.atomic
def record_attendance(signup_id, member, attended, hours=None, now=None):
    """After the shift started: the person came (with their hours; the shift's length if not given) or did
    not come. Can be corrected later."""
    now = now or timezone.now()
    signup = _signup_for(signup_id, member)
    PLACES.lock(signup.volunteer, signup.shift_id)
    signup.refresh_from_db()
    shift = signup.shift
    if shift.starts_at > now:
        raise OrganisationError(_("Attendance can be recorded once the shift has started."))
    if signup.status not in ATTENDANCE_STATUSES:
        raise OrganisationError(_("Only confirmed people can be marked as present or absent."))
    if attended:
        hours = shift_hours(shift) if hours is None else Decimal(hours)
        if not Decimal(0) <= hours <= MAX_HOURS:
            raise OrganisationError(_("Hours must be between 0 and 24."))
        signup.status, signup.hours = Signup.Status.ATTENDED, hours
    else:
        signup.status, signup.hours = Signup.Status.NO_SHOW, None
    signup.attendance_recorded_at, signup.attendance_recorded_by = now, member
    signup.save(update_fields=["status", "hours", "attendance_recorded_at", "attendance_recorded_by", "updated_at"])
    notify_status(signup)
    return signup


def hours_per_year(user):
    """{year: hours} of the shifts the person attended (for the Ehrenamtsnachweis), oldest year first."""
    rows = (Signup.objects.filter(volunteer=user, status=Signup.Status.ATTENDED, hours__isnull=False)
            .annotate(year=ExtractYear("shift__starts_at")).order_by("year").values("year")
            .annotate(total=Sum("hours")).values_list("year", "total"))
    return dict(rows)


# Messages

def can_write_to(organisation, volunteer):
    """An organisation writes to people who signed up for one of its shifts or who wrote to it."""
    return (Signup.objects.filter(volunteer=volunteer, shift__opportunity__organisation=organisation).exists()
            or Message.objects.filter(organisation=organisation, volunteer=volunteer).exists())


def can_ask(organisation, volunteer):
    """Anyone signed in may write to a verified organisation, and reply in a thread that exists."""
    return organisation.is_verified or can_write_to(organisation, volunteer)


def _member_addresses(organisation, exclude=None):
    members = [user for user in organisation.members.filter(is_active=True) if user != exclude]
    addresses = [user.email for user in members if reachable_by_email(user)]
    return addresses or [organisation.contact_email]


@transaction.atomic
def send_message(organisation, volunteer, sender, body, from_organisation, link, opportunity=None):
    """Store the message and mail the other side a link to the thread (never the sender's address)."""
    message = Message.objects.create(organisation=organisation, volunteer=volunteer, sender=sender,
                                     from_organisation=from_organisation, opportunity=opportunity, body=body)
    if from_organisation:
        recipients = [volunteer.email] if reachable_by_email(volunteer) else []
    else:
        recipients = _member_addresses(organisation, exclude=sender)
    _send("volunteering/organisation/mail/message_subject.txt", "volunteering/organisation/mail/message.txt",
          {"organisation": organisation, "url": link, "from_organisation": from_organisation}, recipients)
    return message


def mark_read(organisation, volunteer, by_organisation, now=None):
    """The reader opened the thread: the other side's messages count as read."""
    return Message.objects.filter(organisation=organisation, volunteer=volunteer, read_at__isnull=True,
                                  from_organisation=not by_organisation).update(read_at=now or timezone.now())


# Certificate records

def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def certificate_errors(requirement, seen_on, issued_on, due_on, today):
    """{field: message} for dates that cannot be right; empty if they are fine."""
    errors = {}
    if issued_on and issued_on > today:
        errors["issued_on"] = _("The issue date cannot be in the future.")
    if seen_on and seen_on > today:
        errors["seen_on"] = _("The date you saw the certificate cannot be in the future.")
    if issued_on and seen_on and issued_on > seen_on:
        errors.setdefault("issued_on", _("The certificate cannot have been issued after you saw it."))
    if (requirement == Opportunity.Requirement.POLICE_CERTIFICATE and issued_on and seen_on
            and add_months(issued_on, POLICE_CERTIFICATE_MAX_AGE_MONTHS) < seen_on):
        errors.setdefault("issued_on", _("A police certificate must not be older than three months when it is "
                                         "shown. Please ask for a new one."))
    if due_on and issued_on and due_on <= issued_on:
        errors["due_on"] = _("The date it is due again must be after the issue date.")
    return errors


def default_due_on(issued_on):
    return add_years(issued_on, CERTIFICATE_VALID_YEARS)


@transaction.atomic
def record_certificate(organisation, volunteer, requirement, seen_on, issued_on, due_on=None, by=None):
    """One record per person, organisation and kind: a new one replaces the old."""
    record, _created = CertificateRecord.objects.update_or_create(
        volunteer=volunteer, organisation=organisation, requirement=requirement,
        defaults={"seen_on": seen_on, "issued_on": issued_on, "due_on": due_on or default_due_on(issued_on),
                  "recorded_by": by},
    )
    return record


def valid_certificate(user, requirement, on_date, organisation=None):
    """True if some organisation (or the given one) recorded a certificate of this kind valid on `on_date`."""
    records = CertificateRecord.objects.filter(volunteer=user, requirement=requirement, issued_on__lte=on_date,
                                               due_on__gt=on_date)
    if organisation is not None:
        records = records.filter(organisation=organisation)
    return records.exists()


def certificate_keep_days():
    return getattr(settings, "CERTIFICATE_RETENTION_DAYS", CERTIFICATE_KEEP_DAYS)


def delete_expired_certificate_records(now=None):
    """Delete records CERTIFICATE_RETENTION_DAYS (default 90) after the person's engagement with the
    organisation ended: the latest end of their confirmed, requested or attended shifts there (without any,
    the day of recording).
    Idempotent: a second run finds nothing more to delete. Returns the number deleted."""
    now = now or timezone.now()
    keep_days = certificate_keep_days()
    last_end = (Signup.objects.filter(volunteer=OuterRef("volunteer"),
                                      shift__opportunity__organisation=OuterRef("organisation"),
                                      status__in=ENGAGED_STATUSES)
                .order_by().values("volunteer").annotate(end=Max("shift__ends_at")).values("end"))
    expired = (CertificateRecord.objects.annotate(ended=Coalesce(Subquery(last_end), F("created_at")))
               .filter(ended__lt=now - datetime.timedelta(days=keep_days))
               .values_list("pk", flat=True))
    deleted, _by_model = CertificateRecord.objects.filter(pk__in=list(expired)).delete()
    return deleted
