"""Staff write to everyone who took part in a process and asked for updates (issue 24, point 18).

Who: the authors of the process's confirmed ideas who ticked "send updates by email" and did not unsubscribe,
one mail per address (an address with three ideas gets one). Each mail is in the language of that person's
latest idea and ends with the link that stops updates. The mails are stored and sent by the worker (core.mail):
the send is done when the request returns, delivery follows; the action is in the page's history.
"""

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

from core.i18n import source_of
from participation.ideas import notifications, rules
from participation.ideas.models import Idea, ParticipationProcessPage


class ParticipantMessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    text = forms.CharField(label=gettext_lazy("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=gettext_lazy("Plain text. A greeting, the link to the process and the link to "
                                                  "stop updates are added."))


def recipients(process):
    """{address: the person's latest idea in the process}, for those who asked for updates."""
    ideas = (Idea.objects.filter(process=source_of(process), confirmed_at__isnull=False, notify=True)
             .select_related("author", "process").order_by("created_at", "pk"))
    chosen = {}
    for idea in ideas:
        address = notifications.recipient(idea)
        if address:
            chosen[address.lower()] = idea
    return chosen


def write_to_participants(request, page_id):
    process = get_object_or_404(ParticipationProcessPage, pk=page_id).specific
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    people = recipients(process)
    form = ParticipantMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # stored together; the worker sends them after the commit (core.mail)
            for address, idea in people.items():
                context = {"text": form.cleaned_data["text"], "process": process,
                           "process_url": notifications.process_url(idea),
                           "unsubscribe_url": notifications.unsubscribe_url(idea)}
                with translation.override(idea.language or "de"):
                    body = render_to_string("ideas/mail/participants.txt", context)
                send_mail(form.cleaned_data["subject"], body, None, [address])
            log(process, "ideas.participant_message", user=request.user,
                data={"subject": form.cleaned_data["subject"], "recipients": len(people)})
        messages.success(request, _("Your message is on its way to %(count)s people.") % {"count": len(people)})
        return redirect(reverse("wagtailadmin_pages:edit", args=[process.pk]))
    return TemplateResponse(request, "ideas/admin/write_to_participants.html", {
        "process": process, "form": form, "count": len(people),
        "languages": sorted({idea.language or "de" for idea in people.values()}),
    })
