"""Public idea pages: list, form, detail, support, confirmation, receipt and status lookup."""

import copy
import functools
import hashlib

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import antispam, ratelimit
from core.cache import chrome, code_version
from core.filters import list_filters
from core.i18n import source_of
from core.municipalities import districts_of_page
from core.pagination import page_or_404
from participation.ideas import comments as comment_actions
from participation.ideas import following, list_cache, rules
from participation.ideas.forms import (
    CommentForm,
    DeskIdeaForm,
    GuestSupportForm,
    IdeaForm,
    ReportForm,
)
from participation.ideas.models import Channel, Comment, Idea, IdeaCategory, IdeaImage, Phase, Support
from participation.ideas.notifications import (
    idea_from_confirm_token,
    idea_from_unsubscribe_token,
    send_support_confirmation,
    support_from_token,
)
from participation.ideas.submission import confirm_guest_idea, create_idea
from participation.ideas.uploads import IMAGE_TYPES, PendingImages

IDEAS_PER_PAGE = 20
SORTS = {"newest": "-created_at", "supported": "-support_count", "discussed": "-comment_count"}
SESSION_KEY = "participation.my_ideas"


def _page_context(process, request, **extra):
    context = process.get_context(request)
    context["map"] = {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION,
                      "center": settings.MAP_CENTER}
    context.update(extra)
    return context


def _process_frame(process):
    """What the idea list shows around the ideas, from the page tree and snippets only (phases, categories,
    districts, where the ideas are kept, the address): cached per content version (core.cache.chrome), which
    a publish or a snippet change renews."""
    source = source_of(process)
    phases = _source_phases(process, source)
    districts = list(districts_of_page(source))
    return {"phases": phases, "categories": [(c.slug, c.name) for c in process.allowed_categories()],
            "districts": [(d.slug, d.name) for d in districts],
            # The cards show the names: from here, not joined into each page of ideas (any category counts, also
            # one no longer allowed in this process).
            "category_names": dict(IdeaCategory.objects.values_list("pk", "name")),
            "district_names": {d.pk: d.name for d in districts},
            "source_pk": source.pk, "url": process.url}


def _source_phases(process, source):
    """The phases of the page that holds the ideas (a translation follows its German page's dates, so the
    Turkish page never takes ideas the German one refuses), each described in the translation's words where
    the translation has the same phases (wagtail-localize translates their descriptions)."""
    # Not process.phases: no copy of the page in each phase.
    phases = list(Phase.objects.filter(process=source))
    if source.pk != process.pk:
        own = list(Phase.objects.filter(process=process))
        if [p.kind for p in own] == [p.kind for p in phases]:
            for phase, translated in zip(phases, own, strict=True):
                phase.description = translated.description or phase.description
    return phases


def _use_phases(process, phases):
    """Hand the cached phases to the page, so phase_at() and the template ask the database no more: a list
    assigned to a page's child relation is what its `.all()` returns (django-modelcluster's in-memory
    relations, as in previews). Copies, because the assignment points each phase at this request's page."""
    process.phases = [copy.copy(phase) for phase in phases]


def _frame(request, process):
    """The process's frame from the cache, its phases handed to the page (no phases query for phase_at())."""
    frame = chrome(request, "process_frame", lambda: _process_frame(process), process.pk,
                   translation.get_language())
    _use_phases(process, frame["phases"])
    return frame


def idea_list(request, process):
    frame = _frame(request, process)
    ideas = _public_rows(frame["source_pk"]).all()
    filters = {
        "category": request.GET.get("category", ""),
        "district": request.GET.get("district", ""),
        "status": request.GET.get("status", ""),
        "channel": request.GET.get("channel", ""),
        "q": request.GET.get("q", "").strip()[:100],
        "sort": request.GET.get("sort", "newest") if request.GET.get("sort") in SORTS else "newest",
    }
    ideas = list_filters(ideas, filters, {"category": ("category__slug", None), "district": ("district__slug", None),
                                          "status": ("status", Idea.Status.values),
                                          "channel": ("channel", Channel.values)})
    if filters["q"]:
        ideas = ideas.filter(Q(title__icontains=filters["q"]) | Q(description__icontains=filters["q"]))
    ideas = ideas.order_by(SORTS[filters["sort"]], "-pk")
    # COUNT(*), not COUNT(id): the partial index idea_public_channel then answers alone (PostgreSQL, 10,000
    # ideas: 9.6 ms → 1.7 ms).
    per_channel = list_cache.channel_totals(request, frame["source_pk"], lambda: dict(
        Idea.objects.public().filter(process_id=frame["source_pk"]).values_list("channel").annotate(n=Count("*"))
        .order_by()))
    unfiltered = not any(filters[name] for name in ("category", "district", "status", "channel", "q"))
    page_of_ideas = page_or_404(ideas, request.GET.get("page"), IDEAS_PER_PAGE,
                                count=sum(per_channel.values()) if unfiltered else None)
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(request, "ideas/participation_process_page.html", _page_context(
        process, request,
        follow_form=following.follow_form(request),
        ideas=page_of_ideas,
        idea_cards=idea_cards(page_of_ideas, frame),
        filters=filters,
        filter_query=query.urlencode(),
        categories=frame["categories"],
        districts=frame["districts"],
        statuses=Idea.Status.choices,
        channels=Channel.choices,
        channel_totals=[(label, per_channel.get(value, 0)) for value, label in Channel.choices],
        all_channels=sum(per_channel.values()),
        sorts=[("newest", _("Newest")), ("supported", _("Most supported")), ("discussed", _("Most discussed"))],
        can_submit=rules.can_submit_idea(request.user, process),
        can_enter_at_desk=rules.can_enter_at_desk(request.user, process),
        phase=process.phase_at(),
    ))


# What a card shows, as rows rather than model instances (0.4 ms less per list than .only() on PostgreSQL: fewer
# columns, no select mask, no model instances); the other columns (consents, notes, answers) are not loaded.
LIST_FIELDS = ("reference", "title", "description", "status", "channel", "language", "support_count", "category_id",
               "district_id")
STATUS_LABELS = dict(Idea.Status.choices)
CHANNEL_LABELS = dict(Channel.choices)


@functools.lru_cache(maxsize=256)
def _public_rows(source_pk):
    """The public ideas of a process as card rows: built once per process and cloned for each request, as
    Django's generic views do with their `queryset` (never evaluated itself). A clone keeps the resolved
    filters, so each request compiles less: 0.5 ms less per list on PostgreSQL."""
    return Idea.objects.public().filter(process_id=source_pk).values_list(*LIST_FIELDS, named=True)


def idea_cards(ideas, frame):
    """The list's cards as HTML, each rendered once per content: the cache key is a hash of every value the
    card shows (and the language it is shown in), so a new support, a status change or an edit gives a new
    key at once and nothing can be stale (the code version is part of it too: a changed template after a
    deploy). Rendering 20 cards with Django's templates was about a third of the idea list's time (README
    "Speed"); now the cards come from the process's memory (participation.ideas.list_cache) or one cache read."""
    language, process_url = (code_version(), translation.get_language()), frame["url"]
    keyed = []
    for idea in ideas:
        shown = (language, process_url, idea.reference, idea.title, idea.status,
                 frame["category_names"].get(idea.category_id, ""), frame["district_names"].get(idea.district_id, ""),
                 idea.channel, idea.support_count, idea.language, idea.description)
        keyed.append(("ideacard:" + hashlib.sha256(repr(shown).encode()).hexdigest(), idea))
    ideas_by_key = dict(keyed)

    def render(keys):
        return {key: render_to_string("ideas/includes/idea_card.html", {
            "idea": ideas_by_key[key], "process_url": process_url,
            "status_label": STATUS_LABELS.get(ideas_by_key[key].status, ""),
            "channel_label": CHANNEL_LABELS.get(ideas_by_key[key].channel, ""),
            "category": frame["category_names"].get(ideas_by_key[key].category_id, ""),
            "district": frame["district_names"].get(ideas_by_key[key].district_id, "")}) for key in keys}

    return [mark_safe(html) for html in list_cache.cards([key for key, _idea in keyed], render)]  # noqa: S308


def submit_idea(request, process, desk=False):
    _frame(request, process)  # the phases of the page holding the ideas decide (a translation has copies)
    allowed = rules.can_enter_at_desk(request.user, process) if desk else rules.can_submit_idea(request.user, process)
    if not allowed:
        return TemplateResponse(request, "ideas/idea_closed.html", _page_context(process, request, desk=desk),
                                status=403 if desk else 200)
    form_class = DeskIdeaForm if desk else IdeaForm
    pending = PendingImages(request)
    extra, status = {}, 200
    if request.method == "POST":
        # The cheap checks first: a refused send decodes no image and writes no file (its uploads are not even
        # handed to the form). Staff at the desk are not checked.
        email = "" if request.user.is_authenticated else request.POST.get("contact_email", "")
        problem = None if desk else antispam.check(request, "idea", email=email)
        form = form_class(request.POST, None if problem else request.FILES, process=process, user=request.user,
                          pending=pending)
        valid = form.is_valid()
        if problem is not None and problem.limited:
            extra = antispam.limited_context(problem, kept=True, files_dropped=bool(request.FILES))
            status = 429
        elif problem is not None:
            dropped = _("Files you chose for this send were not taken; please choose them again.")
            form.add_error(None, f"{problem.message} {dropped}" if request.FILES else problem.message)
        elif valid:
            idea = create_idea(form, source_of(process), request, desk=desk)
            mine = [reference for reference in request.session.get(SESSION_KEY, []) if reference != idea.reference]
            if getattr(idea, "resent", False):
                messages.info(request, _("You had already sent this idea. Here is its receipt."))
            request.session[SESSION_KEY] = [*mine, idea.reference][-20:]
            return redirect(process.url + process.reverse_subpage("receipt", args=[idea.reference]))
    else:
        form = form_class(process=process, user=request.user, pending=pending)
    kept = [(token, reverse("participation:pending_image", args=[token])) for token in form.pending_tokens]
    return TemplateResponse(request, "ideas/idea_form.html",
                            _page_context(process, request, form=form, desk=desk, kept_images=kept, **extra),
                            status=status)


def pending_image(request, token):
    """An image kept for an idea form, for the session that uploaded it only (participation.ideas.uploads)."""
    pending = PendingImages(request)
    name = pending.name(token)
    if name is None:
        raise Http404
    response = FileResponse(pending.storage.open(name, "rb"), content_type=IMAGE_TYPES.get(name.rsplit(".", 1)[-1]))
    response["Cache-Control"] = "private, no-store"
    return response


def _visible_idea(request, process, reference):
    # The page holding the ideas: the process itself unless it is a translation (source_of() asks for the
    # default locale each time; the cached frame knows).
    source = process if _frame(request, process)["source_pk"] == process.pk else source_of(process)
    idea = get_object_or_404(
        # Not the process: it is the page being served (or its source), already loaded; joining its page
        # rows (body and all) cost the idea's page a third of its time.
        Idea.objects.select_related("category", "district", "author"),  # duplicate_of: rare, loaded when set
        process=source, reference=reference,
    )
    idea.process = source
    if not _may_see(request, idea):
        raise Http404
    return idea


def _may_see(request, idea):
    return idea.is_public or _is_mine(request, idea) or rules.can_moderate(request.user, idea.process)


def idea_image(request, image_id, name):
    """A photo of an idea, to whoever may see the idea (as its page): anyone once it is public; before that
    (waiting for confirmation or moderation) or once hidden, only its author, the session that sent it and
    moderators. A public idea's photo may stay in the browser's cache for an hour, never in a shared one, so
    hiding an idea hides it from everybody else at once."""
    from core.files import file_response

    image = get_object_or_404(IdeaImage.objects.select_related("idea"), pk=image_id)
    if image.file.name.rsplit("/", 1)[-1] != name or not _may_see(request, image.idea):
        raise Http404
    return file_response(image.file, filename=name, attachment=False,
                         cache_control="private, max-age=3600" if image.idea.is_public else "private, no-store")


def _is_mine(request, idea):
    """The author signed in, or the session that sent or confirmed the idea."""
    return idea.reference in request.session.get(SESSION_KEY, []) or (
        request.user.is_authenticated and idea.author_id == request.user.pk
    )


def _comments(request, idea):
    visible = Q(published=True, hidden=False)
    if request.user.is_authenticated:
        visible |= Q(author=request.user, hidden=False)
    replies = Comment.objects.filter(visible).select_related("author").order_by("created_at", "pk")
    return (
        Comment.objects.filter(visible, idea=idea, parent__isnull=True).select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )


def idea_detail(request, process, reference, comment_form=None, status=None, **extra):
    idea = _visible_idea(request, process, reference)
    supported = request.user.is_authenticated and Support.objects.filter(idea=idea, user=request.user).exists()
    return TemplateResponse(request, "ideas/idea_detail.html", _page_context(
        process, request, idea=idea, timeline=idea.status_changes.all(), images=idea.images.all(),
        supported=supported, can_support=rules.can_support(request.user, idea), mine=_is_mine(request, idea),
        comments=_comments(request, idea), can_comment=rules.can_comment(request.user, idea),
        comment_form=comment_form or CommentForm(), report_form=ReportForm(),
        can_support_as_guest=not request.user.is_authenticated and rules.can_support_as_guest(idea), **extra,
    ), status=status or (400 if comment_form is not None else 200))


def comment_idea(request, process, reference):
    idea = _visible_idea(request, process, reference)
    if request.method != "POST" or not rules.can_comment(request.user, idea):
        messages.error(request, _("Comments need an account and are possible while the idea is discussed."))
        return redirect(idea.get_absolute_url())
    form = CommentForm(request.POST)
    valid = form.is_valid()
    problem = antispam.check(request, "comment")
    if problem is not None and problem.limited:
        return idea_detail(request, process, reference, comment_form=form, status=429,
                           **antispam.limited_context(problem, kept=True))
    if problem is not None:
        form.add_error(None, problem.message)
    parent = None
    if valid and form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], idea=idea, parent__isnull=True).first()
        if parent is None:
            form.add_error(None, _("You can only reply to a comment on this idea."))
    if not valid or problem or form.errors:
        return idea_detail(request, process, reference, comment_form=form)
    comment = comment_actions.add_comment(idea, request.user, form.cleaned_data["text"], parent=parent)
    if comment.published:
        messages.success(request, _("Thank you for your comment."))
    else:
        messages.success(request, _("Thank you for your comment. It appears once a moderator has checked it."))
    return redirect(idea.get_absolute_url() + f"#comment-{comment.pk}")


def report_content(request, process, reference, comment_id=None):
    idea = _visible_idea(request, process, reference)
    if request.method == "POST":
        form = ReportForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        comment = get_object_or_404(Comment, pk=comment_id, idea=idea) if comment_id else None
        if comment_actions.report(request, idea=idea, comment=comment, reason=reason):
            messages.success(request, _("Thank you. A moderator will look at it."))
        else:
            messages.info(request, _("You have already reported this."))
    return redirect(idea.get_absolute_url())


def support_idea(request, process, reference):
    idea = _visible_idea(request, process, reference)
    if request.method != "POST":
        return redirect(idea.get_absolute_url())
    if not request.user.is_authenticated:
        return _guest_support(request, idea)
    if not rules.can_support(request.user, idea):
        messages.error(request, _("This idea cannot be supported at the moment."))
        return redirect(idea.get_absolute_url())
    return _add_support(request, idea, _("You already support this idea."), user=request.user)


def _add_support(request, idea, already, **supporter):
    """Count one support (by `user` or by `email`) once; `already` is the message when it was counted before."""
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, **supporter)
            Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    except IntegrityError:
        messages.info(request, already)
    else:
        messages.success(request, _("Thank you for your support."))
    return redirect(idea.get_absolute_url())


def _guest_support(request, idea):
    """Without an account: support with an email address, counted once the link in the mail is clicked."""
    form = GuestSupportForm(request.POST)
    if not rules.can_support_as_guest(idea):
        messages.error(request, _("This idea cannot be supported at the moment."))
    elif not form.is_valid():
        messages.error(request, _("Please enter a valid email address to support without an account."))
    elif (refusal := ratelimit.consume(request, "support", email=form.cleaned_data["email"])) is not None:
        messages.error(request, antispam.limited_text(refusal))
    else:
        send_support_confirmation(idea, form.cleaned_data["email"])
        messages.success(request, _("Almost done: please click the link in the email we have just sent you."))
    return redirect(idea.get_absolute_url())


def confirm_support(request, process, reference, token):
    idea = _visible_idea(request, process, reference)
    try:
        data = support_from_token(token)
    except signing.BadSignature:
        data = {}
    if data.get("idea") != idea.pk:
        messages.error(request, _("This confirmation link is not valid (any more)."))
        return redirect(idea.get_absolute_url())
    if not rules.can_support_as_guest(idea):  # e.g. rejected after the mail went out
        messages.error(request, _("This idea cannot be supported at the moment."))
        return redirect(idea.get_absolute_url())
    if request.method != "POST":
        return TemplateResponse(request, "ideas/support_confirm.html",
                                _page_context(process, request, idea=idea))
    return _add_support(request, idea, _("This email address already supports the idea."), email=data["email"])


def receipt(request, process, reference):
    """The receipt with the number's check characters: for whoever sent the idea (her account or the session
    that sent or confirmed it; at the desk the staff member's) and moderators. Anyone else gets 404, even for a
    public idea: the check characters open the status lookup, also once the idea is hidden again."""
    idea = _visible_idea(request, process, reference)
    if not (_is_mine(request, idea) or rules.can_moderate(request.user, idea.process)):
        raise Http404
    return TemplateResponse(request, "ideas/idea_receipt.html", _page_context(process, request, idea=idea))


def _idea_and_token(process, reference, token, loads):
    """The idea, and whether the signed token in the link belongs to it. An unknown number is answered like a
    wrong token, so these links tell nobody which numbers exist."""
    idea = Idea.objects.filter(process=source_of(process), reference=reference).first()
    if idea is None:
        return None, False
    try:
        return idea, loads(token) == idea.pk
    except signing.BadSignature:
        return idea, False


def confirm_idea(request, process, reference, token):
    idea, valid = _idea_and_token(process, reference, token, idea_from_confirm_token)
    if not valid:
        return TemplateResponse(request, "ideas/idea_confirm.html",
                                _page_context(process, request, idea=idea, invalid=True,
                                              confirm_days=settings.GUEST_SUBMISSION_RETENTION_DAYS), status=400)
    if request.method == "POST":
        confirm_guest_idea(idea)
        request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), idea.reference][-20:]
        messages.success(request, _("Thank you: your idea is confirmed."))
        return redirect(process.url + process.reverse_subpage("receipt", args=[idea.reference]))
    return TemplateResponse(request, "ideas/idea_confirm.html", _page_context(process, request, idea=idea))


def unsubscribe(request, process, reference, token):
    idea, valid = _idea_and_token(process, reference, token, idea_from_unsubscribe_token)
    if not valid:
        raise Http404
    if request.method == "POST":
        Idea.objects.filter(pk=idea.pk).update(notify=False)
        messages.success(request, _("You will get no more emails about this idea."))
        return redirect(process.url)
    return TemplateResponse(request, "ideas/unsubscribe.html", _page_context(process, request, idea=idea))


