"""Mails about sign-ups and shifts, and the signed one-click links inside them.

- status mails (`notify_status`): confirmed → confirmation with the shift as `.ics`; offered → a place
  became free, take it by the deadline; declined → a kind note;
- reminders 72 h and 24 h before a shift, with "yes, I'll come" and "I can't come" links;
- a nudge to organisations about requests waiting 48 h for their decision;
- a weekly digest of suggestions among new opportunities.

Every sender checks and sets its marker on the locked row (`confirmation_sent_at`, `offer_sent_at`,
`reminded_72h_at`, `reminded_24h_at`, `nudged_at`, `digest_sent_at`) in the transaction that stores the
mail (core.mail), so running it twice sends one mail. Mails to a volunteer are in the language they last used
the site in (accounts.language; German when unknown), with the opportunity's text in that language when it
has a translation; nudges to organisations are in German. None goes to addresses under NO_EMAIL_DOMAIN.
"""

import datetime
import logging
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.language import mail_language
from core.dispatch import dispatch
from volunteering.calendar_feed import shift_ics, site_root
from volunteering.matching import suggestions
from volunteering.models import NO_EMAIL_DOMAIN, Opportunity, Organisation, Signup, VolunteerProfile, reachable_by_email

logger = logging.getLogger(__name__)

MAILED_STATUSES = (Signup.Status.CONFIRMED, Signup.Status.OFFERED, Signup.Status.DECLINED)
NUDGE_AFTER = datetime.timedelta(hours=48)
DIGEST_EVERY = datetime.timedelta(days=6)  # a week, with room for a beat run that comes a little early
DIGEST_WINDOW = datetime.timedelta(days=7)
DIGEST_SIZE = 5

# One salt and one lifetime per kind of link: a token for one action never works for another.
LINKS = {
    "accept": {"salt": "volunteering.link.accept", "max_age": 2 * 86400, "url": "volunteering:link_take_offer"},
    "confirm": {"salt": "volunteering.link.confirm", "max_age": 7 * 86400, "url": "volunteering:link_confirm"},
    "cancel": {"salt": "volunteering.link.cancel", "max_age": 7 * 86400, "url": "volunteering:link_cancel"},
}


def notify_status(signup):
    """Call inside the transaction that changed `signup.status`: after commit, the worker sends the mail
    that fits the status it then finds (confirmed, offered or declined; other statuses get none)."""
    if signup.status not in MAILED_STATUSES:
        return
    from volunteering.tasks import send_signup_mail

    signup_id = signup.pk
    # robust: a broker that is down must not break the sign-up; send_missed_status_mails catches up.
    transaction.on_commit(lambda: dispatch(send_signup_mail, signup_id), robust=True)


# Signed links ------------------------------------------------------------------------------------------

def link_token(signup, action):
    return signing.dumps({"signup": signup.pk, "volunteer": signup.volunteer_id}, salt=LINKS[action]["salt"])


def signup_from_token(token, action):
    """The sign-up the link is for; raises signing.BadSignature (or SignatureExpired) for a bad link."""
    data = signing.loads(token, salt=LINKS[action]["salt"], max_age=LINKS[action]["max_age"])
    signup = (Signup.objects.select_related("volunteer", "shift__opportunity__organisation")
              .filter(pk=data.get("signup"), volunteer_id=data.get("volunteer")).first())
    if signup is None:
        raise signing.BadSignature("the sign-up is gone")
    return signup


def link_url(signup, action, root=None):
    """Signed tokens contain colons, so they travel as a query parameter."""
    path = reverse(LINKS[action]["url"]) + "?" + urlencode({"token": link_token(signup, action)})
    return (root if root is not None else site_root()) + path


def url_or(name, kwargs=None, fallback="volunteering:opportunities"):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # the page is not there (yet): the opportunities are a useful next step
        return reverse(fallback)


# Sending ----------------------------------------------------------------------------------------------

def _send(kind, context, to, attachments=()):
    subject = render_to_string(f"volunteering/mail/{kind}_subject.txt", context).strip()
    body = render_to_string(f"volunteering/mail/{kind}.txt", context)
    message = EmailMessage(subject, body, None, to)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def _greeting(user):
    name = user.display_name or user.first_name
    return _("Hello %(name)s,") % {"name": name} if name else _("Hello,")


def _shift_context(signup, root):
    opportunity = signup.shift.opportunity.localize(translation.get_language())  # title in the mail's language
    return {
        "signup": signup, "shift": signup.shift, "opportunity": opportunity,
        "organisation": opportunity.organisation, "greeting": _greeting(signup.volunteer),
        "opportunity_url": root + reverse("volunteering:opportunity", kwargs={"slug": opportunity.slug}),
        "my_signups_url": root + reverse("volunteering:my_signups"),
        "opportunities_url": root + reverse("volunteering:opportunities"),
    }


def _locked_signup(signup_id):
    return (Signup.objects.select_for_update(of=("self",))
            .select_related("volunteer", "shift__opportunity__organisation").filter(pk=signup_id).first())


def _status_mail_due(signup, now):
    """Which status mail this sign-up still needs, or None. A decision mail counts for the decision it
    was sent after (`decided_at`), so a later change of mind by the organisation is mailed too."""
    if signup.shift.ends_at <= now:
        return None
    if signup.status == Signup.Status.OFFERED:
        still_open = signup.offer_expires_at is None or signup.offer_expires_at > now
        return "offered" if signup.offer_sent_at is None and still_open else None
    if signup.status in (Signup.Status.CONFIRMED, Signup.Status.DECLINED):
        sent, decided = signup.confirmation_sent_at, signup.decided_at
        if sent is None or (decided is not None and sent < decided):
            return signup.status
    return None


def send_status_mail(signup_id, now=None):
    """The mail for the sign-up's current status, once. Returns the kind sent, or None."""
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        signup = _locked_signup(signup_id)
        if signup is None or not reachable_by_email(signup.volunteer):
            return None
        translation.activate(mail_language(signup.volunteer))  # until the override above ends
        kind = _status_mail_due(signup, now)
        if kind is None:
            return None
        root = site_root()
        context = _shift_context(signup, root)
        if kind == "offered":
            context["accept_url"] = link_url(signup, "accept", root)
            _send("offered", context, [signup.volunteer.email])
            Signup.objects.filter(pk=signup.pk).update(offer_sent_at=now)
            return kind
        attachments = []
        if kind == Signup.Status.CONFIRMED:
            attachments.append(("engagement.ics", shift_ics(signup, root, now), "text/calendar"))
        _send(kind, context, [signup.volunteer.email], attachments)
        # Never earlier than the decision it answers (a decision stamped with a `now` ahead of the clock).
        sent_at = max(now, signup.decided_at) if signup.decided_at else now
        Signup.objects.filter(pk=signup.pk).update(confirmation_sent_at=sent_at)
        return kind


def _reachable(queryset, prefix="volunteer__"):
    return queryset.exclude(**{f"{prefix}email": ""}).exclude(**{f"{prefix}email__endswith": "@" + NO_EMAIL_DOMAIN})


def send_missed_status_mails(now=None):
    """Status mails whose hand-over to the worker failed (broker down at commit) go out late, not never:
    sign-ups changed in the last day, more than five minutes ago, still without their mail."""
    now = now or timezone.now()
    missing = Q(status=Signup.Status.OFFERED, offer_sent_at__isnull=True) | Q(
        Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=F("decided_at")),
        status__in=(Signup.Status.CONFIRMED, Signup.Status.DECLINED),
    )
    candidates = _reachable(Signup.objects.filter(
        missing, updated_at__gte=now - datetime.timedelta(days=1), updated_at__lt=now - datetime.timedelta(minutes=5),
        shift__ends_at__gt=now,
    ))
    return sum(1 for pk in candidates.order_by().values_list("pk", flat=True) if send_status_mail(pk, now))


# Reminders --------------------------------------------------------------------------------------------

REMINDERS = (("24h", 24, "reminded_24h_at"), ("72h", 72, "reminded_72h_at"))


def _reminder_due(signup, kind, now):
    if signup.status not in (Signup.Status.CONFIRMED, Signup.Status.REQUESTED) or signup.shift.starts_at <= now:
        return False
    if signup.reminded_24h_at is not None:
        return False  # the last reminder went out: nothing more
    hours_left = (signup.shift.starts_at - now).total_seconds() / 3600
    if kind == "24h":
        return hours_left <= 24
    return 24 < hours_left <= 72 and signup.reminded_72h_at is None


def send_shift_reminders(now=None):
    """72 h and 24 h before a shift, to everybody holding a confirmed or requested place. A shift closer
    than 24 h that never had the 72 h reminder gets only the 24 h one. Returns the number sent."""
    now = now or timezone.now()
    holding = _reachable(Signup.objects.filter(status__in=(Signup.Status.CONFIRMED, Signup.Status.REQUESTED),
                                               shift__starts_at__gt=now, reminded_24h_at__isnull=True))
    due = {
        "24h": holding.filter(shift__starts_at__lte=now + datetime.timedelta(hours=24)),
        "72h": holding.filter(shift__starts_at__gt=now + datetime.timedelta(hours=24),
                              shift__starts_at__lte=now + datetime.timedelta(hours=72), reminded_72h_at__isnull=True),
    }
    sent = 0
    for kind, _hours, marker in REMINDERS:
        for signup_id in due[kind].order_by().values_list("pk", flat=True):
            sent += _remind(signup_id, kind, marker, now)
    return sent


def _remind(signup_id, kind, marker, now):
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        signup = _locked_signup(signup_id)
        if signup is None or not reachable_by_email(signup.volunteer) or not _reminder_due(signup, kind, now):
            return 0
        translation.activate(mail_language(signup.volunteer))  # until the override above ends
        root = site_root()
        context = {**_shift_context(signup, root), "kind": kind,
                   "confirm_url": link_url(signup, "confirm", root), "cancel_url": link_url(signup, "cancel", root)}
        _send("reminder", context, [signup.volunteer.email])
        Signup.objects.filter(pk=signup.pk).update(**{marker: now})
        return 1


# Nudges to organisations ------------------------------------------------------------------------------

def _waiting(now):
    # updated_at: when the request was made or an offer taken (status changes save the row; the mail
    # markers are set with update(), which leaves it alone).
    return Signup.objects.filter(status=Signup.Status.REQUESTED, nudged_at__isnull=True,
                                 updated_at__lte=now - NUDGE_AFTER, shift__starts_at__gt=now)


def nudge_organisations(now=None):
    """One mail per organisation with requests waiting 48 h or more for its decision; each request is
    nudged about once. Returns the number of mails."""
    now = now or timezone.now()
    organisation_ids = (_waiting(now).order_by().values_list("shift__opportunity__organisation_id", flat=True)
                        .distinct())
    return sum(_nudge(organisation_id, now) for organisation_id in list(organisation_ids))


def _nudge(organisation_id, now):
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        requests = list(_waiting(now).filter(shift__opportunity__organisation_id=organisation_id)
                        .select_for_update(of=("self",)).select_related("shift__opportunity")
                        .order_by("shift__starts_at", "updated_at", "pk"))
        if not requests:
            return 0
        organisation = Organisation.objects.get(pk=organisation_id)
        recipients = [organisation.contact_email] + [member.email for member in organisation.members.all()
                                                     if reachable_by_email(member)]
        recipients = list(dict.fromkeys(address.lower() for address in recipients if address))
        by_shift = defaultdict(list)
        for signup in requests:
            by_shift[signup.shift].append(signup)
        root = site_root()
        context = {
            "organisation": organisation, "count": len(requests),
            "shifts": [{"shift": shift, "opportunity": shift.opportunity, "count": len(waiting),
                        "since": min(signup.updated_at for signup in waiting)} for shift, waiting in by_shift.items()],
            "requests_url": root + url_or("volunteering:organisation_requests", {"slug": organisation.slug}),
        }
        _send("nudge", context, recipients)
        Signup.objects.filter(pk__in=[signup.pk for signup in requests]).update(nudged_at=now)
        return 1


# Weekly digest ----------------------------------------------------------------------------------------

def send_weekly_digests(now=None):
    """For people who asked for it: the best suggestions among opportunities new since their last digest
    (or the last seven days), each with its reasons; nothing new, no mail. Returns the number sent."""
    now = now or timezone.now()
    profiles = (VolunteerProfile.objects.filter(weekly_digest=True)
                .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - DIGEST_EVERY))
                .select_related("user", "home_district").order_by("pk"))
    public = Opportunity.objects.filter(published=True, organisation__verified_at__isnull=False)
    sent = 0
    for profile in profiles:
        if not reachable_by_email(profile.user):
            continue
        since = profile.digest_sent_at or now - DIGEST_WINDOW
        new = set(public.filter(created_at__gt=since, created_at__lte=now).values_list("pk", flat=True))
        if not new:
            continue
        with translation.override(mail_language(profile.user)):  # the reasons are written in it too
            picks, seen = [], set()
            for suggestion in suggestions(profile, now, limit=500):
                if suggestion.opportunity_id in new and suggestion.opportunity_id not in seen:
                    seen.add(suggestion.opportunity_id)
                    picks.append(suggestion)
                if len(picks) == DIGEST_SIZE:
                    break
            if picks:
                sent += _send_digest(profile.pk, picks, now)
    return sent


def _send_digest(profile_id, picks, now):
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        profile = VolunteerProfile.objects.select_for_update(of=("self",)).select_related("user").get(pk=profile_id)
        translation.activate(mail_language(profile.user))  # until the override above ends
        if profile.digest_sent_at is not None and profile.digest_sent_at > now - DIGEST_EVERY:
            return 0
        root = site_root()
        details = {row["pk"]: row for row in Opportunity.objects.filter(pk__in=[p.opportunity_id for p in picks])
                   .values("pk", "slug", "organisation__name")}
        items = [{"title": pick.title, "starts_at": pick.starts_at, "reasons": pick.reasons,
                  "organisation": details[pick.opportunity_id]["organisation__name"],
                  "url": root + reverse("volunteering:opportunity",
                                        kwargs={"slug": details[pick.opportunity_id]["slug"]})}
                 for pick in picks]
        context = {"greeting": _greeting(profile.user), "items": items,
                   "profile_url": root + url_or("volunteering:profile"),
                   "opportunities_url": root + reverse("volunteering:opportunities")}
        _send("digest", context, [profile.user.email])
        VolunteerProfile.objects.filter(pk=profile.pk).update(digest_sent_at=now)
        return 1
