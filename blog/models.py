"""The Digitalblog: BlogIndexPage → BlogPage, with authors, categories and tags."""

import math

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, Revision, TranslatableMixin
from wagtail.models.workflows import AbstractGroupApprovalTask
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.blocks import BaseStreamBlock
from core.publishing import PublishThroughWorkflowMixin

POSTS_PER_PAGE = 10
WORDS_PER_MINUTE = 200
LISTING_IMAGE = "fill-640x360"
API_IMAGE = "fill-1200x630"  # the image of a post in the API (the same size as the share image)


@register_snippet
class Author(models.Model):
    """A person who writes for the Digitalblog."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    role = models.CharField(_("role"), max_length=150, blank=True)
    photo = models.ForeignKey(
        "core.CustomImage", verbose_name=_("photo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("role"), FieldPanel("photo")]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Category(TranslatableMixin, models.Model):
    """A topic of posts: the five quality-of-life fields and the digital strategy's themes."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"))
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug_per_locale")]

    def __str__(self):
        return self.name


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items")


class BlogIndexPage(PublishThroughWorkflowMixin, RoutablePageMixin, Page):
    """The Digitalblog: newest posts first, archives by category, tag, author and year, and feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("blog index")

    def posts(self):
        """Live posts of this blog, newest first, with what listings show loaded in a fixed number of queries."""
        return (
            BlogPage.objects.child_of(self).live().public()
            .defer_streamfields()
            .select_related("hero_image")
            .prefetch_related("authors", "categories", "tags")
            .order_by("-date", "-pk")
        )

    def paginate(self, request, posts):
        paginator = Paginator(posts, POSTS_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage as exc:
            raise Http404 from exc

    def render_listing(self, request, posts, archive_title="", archive_kind="", feed_base=""):
        page_of_posts = self.paginate(request, posts)
        prefetch_listing_renditions(page_of_posts.object_list)
        return self.render(
            request,
            context_overrides={
                "posts": page_of_posts,
                "archive_title": archive_title,
                "archive_kind": archive_kind,
                "feed_base": feed_base or self.url,
                "categories": Category.objects.filter(locale=self.locale),
                "years": self.posts().dates("date", "year", order="DESC"),
            },
        )

    @path("")
    def index(self, request):
        return self.render_listing(request, self.posts())

    @path("kategorie/<slug:slug>/")
    def category_archive(self, request, slug):
        category = get_object_or_404(Category, locale=self.locale, slug=slug)
        return self.render_listing(
            request, self.posts().filter(categories=category), category.name, _("Category"),
            feed_base=self.url + self.reverse_subpage("category_archive", args=[slug]),
        )

    @re_path(r"^schlagwort/(?P<slug>[-\w]+)/$")  # tag slugs may hold umlauts from older tags
    def tag_archive(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        return self.render_listing(request, self.posts().filter(tags=tag), tag.name, _("Tag"))

    @path("autorin/<slug:slug>/")
    def author_archive(self, request, slug):
        author = get_object_or_404(Author, slug=slug)
        return self.render_listing(request, self.posts().filter(authors=author), author.name, _("Author"))

    @re_path(r"^(?P<year>\d{4})/$")
    def year_archive(self, request, year):
        posts = self.posts().filter(date__year=int(year))
        return self.render_listing(request, posts, year, _("Year"))

    @path("feed/rss/")
    def rss_feed(self, request):
        from blog.feeds import BlogRssFeed

        return BlogRssFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from blog.feeds import BlogAtomFeed

        return BlogAtomFeed(self)(request)

    @path("kategorie/<slug:slug>/feed/rss/")
    def category_rss_feed(self, request, slug):
        from blog.feeds import BlogRssFeed

        category = get_object_or_404(Category, locale=self.locale, slug=slug)
        return BlogRssFeed(self, category)(request)

    @path("kategorie/<slug:slug>/feed/atom/")
    def category_atom_feed(self, request, slug):
        from blog.feeds import BlogAtomFeed

        category = get_object_or_404(Category, locale=self.locale, slug=slug)
        return BlogAtomFeed(self, category)(request)


def prefetch_listing_renditions(posts):
    """Attach the listing rendition of every post's image with one query (and never render one here)."""
    images = [post.hero_image for post in posts if post.hero_image_id]
    if not images:
        return
    from core.models import CustomImage

    with_renditions = {
        image.pk: image
        for image in CustomImage.objects.filter(pk__in=[i.pk for i in images]).prefetch_renditions(LISTING_IMAGE)
    }
    for post in posts:
        if post.hero_image_id in with_renditions:
            post.hero_image = with_renditions[post.hero_image_id]


def _texts(data):
    """Every string inside a StreamField's raw data (for counting words without rendering)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in {"type", "id"}:
                yield from _texts(value)
    elif isinstance(data, list | tuple) or hasattr(data, "__iter__"):
        for item in data:
            yield from _texts(item)


class AuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["name", "role", "slug"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["name", "slug"]


class TagNamesField(serializers.Field):
    """The tags' names, sorted, from the tags the API listing prefetched (config.api): Wagtail's own TagsField
    asks the database once per post."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class BlogPage(PublishThroughWorkflowMixin, Page):
    """One Digitalblog post."""

    date = models.DateField(_("date"), default=timezone.localdate)
    teaser = models.TextField(_("teaser"), max_length=400, help_text=_("One or two sentences for lists and feeds."))
    hero_image = models.ForeignKey(
        "core.CustomImage", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("The image needs an alternative text."),
    )
    authors = ParentalManyToManyField(Author, verbose_name=_("authors"), blank=True)
    categories = ParentalManyToManyField(Category, verbose_name=_("categories"), blank=True)
    tags = ClusterTaggableManager(through=BlogPageTag, verbose_name=_("tags"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"))
    related_projects = ParentalManyToManyField(
        "core.ProjectPage", verbose_name=_("related projects"), blank=True, related_name="blog_posts"
    )
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("authors"), FieldPanel("categories"), FieldPanel("tags")],
                        heading=_("About this post")),
        FieldPanel("teaser"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("related_projects"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("date"),
        APIField("teaser"),
        APIField("reading_minutes"),
        APIField("authors", serializer=AuthorSerializer(many=True)),
        APIField("categories", serializer=CategorySerializer(many=True)),
        APIField("tags", serializer=TagNamesField(read_only=True)),
        APIField("hero_image"),
        APIField("hero_image_url", serializer=ImageRenditionField(API_IMAGE, source="hero_image")),
        APIField("body"),
    ]
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image.alt_text.strip():
            raise ValidationError(
                {"hero_image": _("This image has no alternative text. Add one to the image first, "
                                 "so people who cannot see it know what it shows.")}
            )

    def save(self, *args, **kwargs):
        words = len(strip_tags(" ".join(_texts(self.body.raw_data if self.body else []))).split())
        self.reading_minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
        return super().save(*args, **kwargs)

    def blog_index(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        from core.cache import chrome

        context = super().get_context(request, *args, **kwargs)
        context["post"] = chrome(request, "blog_post", lambda: self.links(request), self.pk)
        return context

    def links(self, request):
        """What the post page shows around the text, as plain data: its blog, authors, categories, tags,
        related projects and image. Read from the cache per content version (core.cache.chrome: any publish
        or snippet change renews it), which saves the post page seven queries (README "Speed")."""
        blog = self.blog_index()
        base = blog.get_url(request)

        def archive(name, slug):
            return base + blog.reverse_subpage(name, args=[slug])

        hero = None
        if self.hero_image_id:
            rendition = self.hero_image.get_rendition("width-1200")
            hero = {"url": rendition.url, "width": rendition.width, "height": rendition.height,
                    "alt": self.hero_image.alt_text, "credit": getattr(self.hero_image, "credit", "")}
        return {
            "blog_title": blog.title, "blog_url": base, "hero": hero,
            "authors": [{"name": a.name, "url": archive("author_archive", a.slug)} for a in self.authors.all()],
            "categories": [{"name": c.name, "url": archive("category_archive", c.slug)}
                           for c in self.categories.all()],
            "tags": [{"name": t.name, "url": archive("tag_archive", t.slug)} for t in self.tags.all()],
            "projects": [{"title": p.title, "url": p.get_url(request)} for p in self.related_projects.all() if p.live],
        }


class SecondEditorApprovalTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups who neither submitted the post nor saved the version under
    review (four eyes: someone who edits and resubmits a post someone else submitted cannot approve it)."""

    def _own_work(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        if state is None:
            return False
        if state.requested_by_id == user.pk:
            return True
        task_state = state.current_task_state
        return task_state is not None and Revision.objects.filter(pk=task_state.revision_id, user=user).exists()

    def get_actions(self, obj, user):
        if self._own_work(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (super().get_task_states_user_can_moderate(user, **kwargs)
                .exclude(workflow_state__requested_by=user).exclude(revision__user=user))

    @classmethod
    def get_description(cls):
        return _("A member of the chosen groups other than the submitter approves")

    class Meta:
        verbose_name = _("four-eyes approval task")
        verbose_name_plural = _("four-eyes approval tasks")


