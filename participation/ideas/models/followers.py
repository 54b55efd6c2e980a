"""People who follow a participation process, and the news they are sent.

A follower leaves an email address online (confirmed by a link first, as the law on unsolicited mail asks), or
ticks "keep me informed" on a paper form or at the desk with an email or a postal address (staff enter it; the
signature on paper is the consent). News goes out when a phase begins, an event of the process is announced, or
official answers are published (participation.ideas.following); each piece of news is sent once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Follower(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper")
        DESK = "desk", _("Citizens' desk")

    process = models.ForeignKey("ideas.ParticipationProcessPage", verbose_name=_("participation process"),
                                on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="followed_processes")
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    postal_address = models.TextField(_("postal address"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "participation_follower"
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["process", "email"], condition=~Q(email=""),
                                    name="one_follower_per_address"),
            models.CheckConstraint(condition=~Q(email="") | ~Q(postal_address=""), name="follower_reachable"),
        ]

    def __str__(self):
        return self.email or self.name or str(self.pk)


class ProcessNews(models.Model):
    """One piece of news for a process's followers, sent once: `sent_at` is set in the transaction that stores
    its mails (core.mail sends them after the commit)."""

    class Kind(models.TextChoices):
        PHASE = "phase", _("A new phase began")
        EVENT = "event", _("An event was announced")
        ANSWERS = "answers", _("Official answers were published")

    process = models.ForeignKey("ideas.ParticipationProcessPage", on_delete=models.CASCADE, related_name="news")
    key = models.CharField(max_length=120, help_text="What the news is about, unique per process (phase:…, event:…).")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    path = models.CharField(max_length=500, blank=True, help_text="The page the news links to, if not the process.")
    count = models.PositiveIntegerField(default=0, help_text="How many answers, for answer news.")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "participation_processnews"
        verbose_name = _("news for followers")
        verbose_name_plural = _("news for followers")
        constraints = [models.UniqueConstraint(fields=["process", "key"], name="one_news_per_subject")]

    def __str__(self):
        return f"{self.process_id} {self.key}"
