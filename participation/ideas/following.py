"""Following a participation process (issue 25, "updates for everyone who took part").

- Online: the process page's form. A signed-in resident with a confirmed address follows at once; anyone else
  gets a link to confirm the address first (double opt-in). The answer is the same whether or not the address
  follows already, so the form tells nobody who follows what.
- On paper or at the desk: staff enter the address (email or postal) ticked on the form (`add_view`).
- News (`ProcessNews`): a phase begins, an event of the process is announced (participation.events announces
  it with `announce`), official answers are published. `collect_news` finds phases and answers (a periodic
  task), `send_news` sends each piece once, in each follower's language, with the one-click link that ends it.
- Staff write to followers from the process's "Write to participants" (participant_mail adds them).
"""

import datetime

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import MODERATORS
from core import antispam, links, staff_scope
from core.i18n import data_holders, source_of
from participation.ideas import rules
from participation.ideas.models import Follower, Idea, ParticipationProcessPage, ProcessNews

_CONFIRM_SALT = "participation.follow-confirm"
_STOP_SALT = "participation.follow-stop"
CONFIRM_DAYS = 7
# A phase that began longer ago than this is not news any more (a process published with past phases, or the
# task not running for a while, sends nothing stale).
PHASE_NEWS_DAYS = 3


def follow_form(request):
    """The process page's form, the signed-in person's address filled in."""
    email = request.user.email if request.user.is_authenticated else ""
    return FollowForm(initial={"email": email}, auto_id="follow-%s")


class FollowForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your email address"))
    consent = forms.BooleanField(
        label=gettext_lazy("Yes, write to me when a phase begins, an event is announced or official answers are "
                           "published. I can stop it with the link in every mail."),
        error_messages={"required": gettext_lazy("Please tick the box, or we may not write to you.")})
    consent.privacy_notice = True


class DeskFollowerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("Email address"), required=False)
    postal_address = forms.CharField(label=gettext_lazy("Postal address"), max_length=500, required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}),
                                     help_text=gettext_lazy("For people without email: news is printed as letters."))
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=())
    channel = forms.ChoiceField(label=gettext_lazy("Where it was given"),
                                choices=[(Follower.Channel.PAPER, gettext_lazy("Ticked on a paper form")),
                                         (Follower.Channel.DESK, gettext_lazy("Asked for at the desk"))])
    consent = forms.BooleanField(label=gettext_lazy("The person agreed to receive news about this process."),
                                 error_messages={"required": gettext_lazy("Without the person's consent we may not "
                                                                          "write to her.")})

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, name) for code, name in settings.LANGUAGES]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("postal_address", "").strip():
            raise forms.ValidationError(_("Give an email address or a postal address."))
        return cleaned


def _absolute(process, path):
    return links.absolute(path, site=process.get_site())


def _route(process, name, follower):
    salt = _CONFIRM_SALT if name == "confirm_follow" else _STOP_SALT
    token = signing.dumps(follower.pk, salt=salt)
    return _absolute(process, process.url + process.reverse_subpage(name) + "?" + urlencode({"token": token}))


def stop_url(follower):
    return _route(follower.process, "stop_following", follower)


def follow(request, process):
    """POST from the process page's form."""
    if request.method != "POST":
        return redirect(process.url)
    source = source_of(process)
    user = request.user if request.user.is_authenticated else None
    form = FollowForm(request.POST, auto_id="follow-%s")
    problem = antispam.check(request, "follow", email=request.POST.get("email"), started=None)
    if problem is not None or not form.is_valid():
        if problem is not None:
            form.add_error(None, problem.message)
        return TemplateResponse(request, "ideas/follow.html", {"page": process, "follow_form": form},
                                status=429 if problem is not None and problem.limited else 200)
    email = form.cleaned_data["email"].lower()
    language = translation.get_language() or "de"
    confirmed = user is not None and user.email.lower() == email and _verified(user)
    with transaction.atomic():
        follower = Follower.objects.select_for_update().filter(process=source, email=email).first()
        if follower is None:
            try:
                with transaction.atomic():
                    follower = Follower.objects.create(process=source, email=email, user=user, language=language,
                                                       confirmed_at=timezone.now() if confirmed else None)
            except IntegrityError:  # the same address, sent twice at once: the other request saved it
                follower = Follower.objects.get(process=source, email=email)
        elif confirmed and follower.confirmed_at is None:
            follower.confirmed_at = timezone.now()
            follower.save(update_fields=["confirmed_at"])
        if follower.confirmed_at is None:
            _mail(follower, "ideas/mail/follow_confirm.txt", gettext_lazy("Please confirm: news about “%(title)s”"),
                  confirm_url=_route(process, "confirm_follow", follower))
    if confirmed:
        messages.success(request, _("You follow this process now. We will write to you when there is news."))
    else:
        messages.success(request, _("Almost done: please click the link in the mail we have just sent to you."))
    return redirect(process.url)  # the message stands at the top, where the redirect lands


def _verified(user):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def confirm(request, process, token):
    """The link in the confirmation mail opens a page with a button; only pressing it (a POST) confirms, so a mail
    scanner that opens every link confirms nobody."""
    try:
        pk = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
    except signing.BadSignature:
        return TemplateResponse(request, "ideas/follow_done.html", {"page": process, "state": "invalid"}, status=400)
    follower = Follower.objects.filter(pk=pk, process=source_of(process)).first()
    if follower is None:
        return TemplateResponse(request, "ideas/follow_done.html", {"page": process, "state": "invalid"}, status=400)
    if request.method == "POST" and follower.confirmed_at is None:
        Follower.objects.filter(pk=pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
        follower.confirmed_at = timezone.now()
    state = "confirmed" if follower.confirmed_at else "ask"
    return TemplateResponse(request, "ideas/follow_done.html", {"page": process, "state": state, "token": token})


def stop(request, process, token):
    """The link in every news mail: the address is removed at once, without signing in (one click)."""
    try:
        pk = signing.loads(token, salt=_STOP_SALT)
    except signing.BadSignature:
        return TemplateResponse(request, "ideas/follow_done.html", {"page": process, "state": "invalid"}, status=400)
    Follower.objects.filter(pk=pk, process=source_of(process)).delete()
    return TemplateResponse(request, "ideas/follow_done.html", {"page": process, "state": "stopped"})


def recipients(process):
    """{address: (language, stop link)} of the confirmed followers who have an email address."""
    from participation.ideas.participant_mail import Recipient

    chosen = {}
    for follower in (Follower.objects.filter(process=source_of(process), confirmed_at__isnull=False)
                     .exclude(email="").select_related("process")):
        chosen[follower.email.lower()] = Recipient(follower.language or "de", stop_url(follower))
    return chosen


def by_post(process):
    """The confirmed followers without email: news for them is printed as letters."""
    return list(Follower.objects.filter(process=source_of(process), confirmed_at__isnull=False, email="")
                .order_by("created_at", "pk"))


def _mail(follower, template, subject, **context):
    process = follower.process.specific
    with translation.override(follower.language or "de"):
        body = render_to_string(template, {"page": process, "process_url": _absolute(process, process.url),
                                           **context})
        send_mail(str(subject) % {"title": process.title}, body, None, [follower.email])


def enter_follower(process, *, email="", postal_address="", name="", language="de", channel=Follower.Channel.PAPER,
                   entered_by=None):
    """A follower staff entered from a paper form, the desk or a scanned "Keep me informed" tick: the tick (or
    the person's word at the desk) is the consent, so the address follows at once. An address that follows
    already is not added twice (an unconfirmed one is confirmed)."""
    source = source_of(process)
    email = (email or "").strip().lower()
    if email and Follower.objects.filter(process=source, email=email).exists():
        Follower.objects.filter(process=source, email=email, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now())
        return Follower.objects.get(process=source, email=email)
    return Follower.objects.create(process=source, name=name[:150], email=email,
                                   postal_address=(postal_address or "").strip()[:500], language=language or "de",
                                   channel=channel, entered_by=entered_by, confirmed_at=timezone.now())


def add_view(request, page_id):
    """Staff enter a follower from a paper form or the desk."""
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    process = get_object_or_404(ParticipationProcessPage, pk=page_id).specific
    staff_scope.require_page(request.user, process, MODERATORS)
    source = source_of(process)
    form = DeskFollowerForm(request.POST or None, initial={"language": "de"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enter_follower(process, name=data["name"], email=data["email"], postal_address=data["postal_address"],
                       language=data["language"], channel=data["channel"], entered_by=request.user)
        messages.success(request, _("Saved: this person now receives news about “%(title)s”.")
                         % {"title": process.title})
        return redirect(request.path)
    return TemplateResponse(request, "ideas/admin/add_follower.html", {
        "page": process, "form": form, "page_title": _("Add a follower"),
        "followers": Follower.objects.filter(process=source, confirmed_at__isnull=False).count(),
    })


# News

def announce(process, kind, key, title="", path="", count=0):
    """Record a piece of news once (a second call with the same key does nothing) and send it after the commit.
    Nothing is recorded for a process nobody follows: news is for those who follow at the time."""
    if not Follower.objects.filter(process=source_of(process), confirmed_at__isnull=False).exists():
        return None
    news, created = ProcessNews.objects.get_or_create(process=source_of(process), key=key,
                                                      defaults={"kind": kind, "title": title[:255], "path": path,
                                                                "count": count})
    if created:
        from participation.ideas.tasks import send_process_news

        transaction.on_commit(lambda: send_process_news.delay(news.pk))
    return news if created else None


def collect_news(now=None):
    """Phases that began in the last days and official answers published since the last answer news, for every
    process with followers. Idempotent: each piece has its key."""
    now = now or timezone.now()
    found = []
    followed = Follower.objects.filter(confirmed_at__isnull=False).values("process_id")
    for process in data_holders(ParticipationProcessPage.objects.live().filter(pk__in=followed)):
        for phase in process.phases.filter(starts_at__lte=now,
                                           starts_at__gt=now - datetime.timedelta(days=PHASE_NEWS_DAYS)):
            news = announce(process, ProcessNews.Kind.PHASE, f"phase:{phase.kind}:{phase.starts_at:%Y%m%d%H%M}",
                            title=phase.kind)
            found += [news] if news else []
        last = (ProcessNews.objects.filter(process=process, kind=ProcessNews.Kind.ANSWERS)
                .order_by("-created_at").values_list("created_at", flat=True).first())
        since = last or now - datetime.timedelta(days=PHASE_NEWS_DAYS)
        answered = Idea.objects.public().filter(process=process, answered_at__gt=since, answered_at__lte=now) \
            .exclude(official_answer="").count()
        if answered:
            news = announce(process, ProcessNews.Kind.ANSWERS, f"answers:{now:%Y%m%d%H%M}", count=answered)
            found += [news] if news else []
    return found


def send_news(news_id):
    """Send one piece of news to every confirmed follower with an email address, once (the row lock and
    `sent_at` in the same transaction as the stored mails)."""
    with transaction.atomic():
        news = ProcessNews.objects.select_for_update().select_related("process").filter(pk=news_id).first()
        if news is None or news.sent_at is not None:
            return 0
        process = news.process.specific
        followers = list(Follower.objects.filter(process=process, confirmed_at__isnull=False).exclude(email="")
                         .select_related("process"))
        for follower in followers:
            link = _absolute(process, news.path) if news.path else _absolute(process, process.url)
            _mail(follower, "ideas/mail/process_news.txt", _news_subject(news), news=news, link=link,
                  phase=_phase_label(news), stop_url=stop_url(follower))
        news.sent_at, news.recipients = timezone.now(), len(followers)
        news.save(update_fields=["sent_at", "recipients"])
    return len(followers)


def _phase_label(news):
    from participation.ideas.models import Phase

    return dict(Phase.Kind.choices).get(news.title, "") if news.kind == ProcessNews.Kind.PHASE else ""


def _news_subject(news):
    """The subject, translated when the mail is written (in the follower's language); %(title)s is the process."""
    subjects = {ProcessNews.Kind.PHASE: gettext_lazy("“%(title)s”: a new phase begins"),
                ProcessNews.Kind.EVENT: gettext_lazy("“%(title)s”: a new event"),
                ProcessNews.Kind.ANSWERS: gettext_lazy("“%(title)s”: new official answers")}
    return subjects[news.kind]
