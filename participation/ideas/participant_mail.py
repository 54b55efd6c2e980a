"""Staff write to everyone who took part and asked to hear more (issue 24, point 18; issue 25).

Who: for an idea call, the authors of its confirmed ideas who ticked "send updates by email" and did not
unsubscribe, its followers (participation.ideas.following) and its events' participants who agreed to news; for
a survey (participation.surveys.followers), those who left an address for news on its thank-you page; for an
event, its participants who agreed to news. One mail per address (an address with three ideas gets one), in that
person's language, ending with the link that stops such mail. The mails are stored and sent by the worker after
the commit (core.mail); the action is in the page's history.
"""

from typing import NamedTuple

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from accounts.roles import MODERATORS
from core import links, staff_scope
from core.i18n import source_of
from participation.ideas import notifications, rules
from participation.ideas.models import Idea, ParticipationProcessPage


class Recipient(NamedTuple):
    language: str
    stop_url: str


class ParticipantMessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    text = forms.CharField(label=gettext_lazy("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=gettext_lazy("Plain text. A greeting, the link to the page and the link to "
                                                  "stop such mail are added."))


def idea_authors(process):
    """{address: Recipient} for the authors who asked for updates; the language of each one's latest idea."""
    ideas = (Idea.objects.filter(process=source_of(process), confirmed_at__isnull=False, notify=True)
             .select_related("author", "process").order_by("created_at", "pk"))
    chosen = {}
    for idea in ideas:
        address = notifications.recipient(idea)
        if address:
            chosen[address.lower()] = Recipient(idea.language or "de", notifications.unsubscribe_url(idea))
    return chosen


def write_view(request, page, people, by_post=()):
    """The form, the count and the send, for any page that takes part (`people`: {address: Recipient}).
    `by_post`: followers without email (participation.ideas.following.by_post); the same message is printed for
    them as letters, one per page with the address in the window of a DIN C6/5 envelope."""
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    staff_scope.require_page(request.user, page, MODERATORS)  # another municipality's page: not found
    form = ParticipantMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and "letters" in request.POST and by_post:
        return _letters(page, form.cleaned_data, by_post)
    if request.method == "POST" and form.is_valid():
        page_url = links.absolute(page.url, site=page.get_site())
        with transaction.atomic():  # stored together; the worker sends them after the commit (core.mail)
            for address, person in people.items():
                context = {"text": form.cleaned_data["text"], "page": page, "page_url": page_url,
                           "stop_url": person.stop_url}
                with translation.override(person.language):
                    body = render_to_string("ideas/mail/participants.txt", context)
                send_mail(form.cleaned_data["subject"], body, None, [address])
            log(page, "ideas.participant_message", user=request.user,
                data={"subject": form.cleaned_data["subject"], "recipients": len(people)})
        messages.success(request, _("Your message is on its way to %(count)s people.") % {"count": len(people)})
        return redirect(reverse("participation_write_index"))
    return TemplateResponse(request, "ideas/admin/write_to_participants.html", {
        "page": page, "form": form, "count": len(people), "by_post": len(by_post),
        "languages": sorted({person.language for person in people.values()}),
    })


def _letters(page, message, followers):
    """One printed letter per follower without email, each in her language, in one PDF."""
    from core.pdf import pdf_response, render_pdf

    page_url = links.absolute(page.url, site=page.get_site())
    letters = []
    for follower in followers:
        with translation.override(follower.language or "de"):
            letters.append(render_to_string("ideas/print/letter.html", {
                "follower": follower, "page": page, "page_url": page_url, "message": message,
                "language": follower.language or "de"}))
    pdf, _refused = render_pdf("ideas/print/letters.html", {"letters": letters, "title": message["subject"]})
    return pdf_response(pdf, "briefe.pdf")


def process_people(process):
    """Everyone who asked to hear about an idea call: its idea authors, its followers, and whom other apps add
    (core.registry.page_audiences: the events' registered participants who agreed to news)."""
    from core.registry import page_audiences
    from participation.ideas import following

    people = {}
    for audience in page_audiences:
        people.update(audience(process))
    people.update(idea_authors(process))
    people.update(following.recipients(process))
    return people


def write_to_idea_authors(request, page_id):
    from participation.ideas import following

    process = get_object_or_404(ParticipationProcessPage, pk=page_id).specific
    return write_view(request, process, process_people(process), by_post=following.by_post(process))

