"""The Digitalblog: BlogIndexPage → BlogPage, with authors, categories and tags."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import F, Q
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
from wagtail.models import Locale, Page, Revision, TranslatableMixin
from wagtail.models.workflows import AbstractGroupApprovalTask
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.blocks import BaseStreamBlock
from core.models.pages import IndexPage
from core.publishing import PublishThroughWorkflowMixin
from core.serving import RememberedViewRestrictions

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


def categories_for(locale_id, only=None, every=None):
    """Categories as readers of one language see them, by name: each in that language where it has a
    translation, else in German. Posts may link any language's version of a category (a post copied by
    "Translate" keeps the German ones; a category may be translated after the post). `only`: the categories to
    show (a post's), default all; `every`: all categories with their `language`, when already loaded."""
    if every is None:
        keys = None if only is None else {category.translation_key for category in only}
        if keys == set():
            return []
        every = categories_with_language(keys)
    elif only is not None:
        keys = {category.translation_key for category in only}
        every = [category for category in every if category.translation_key in keys]

    def preference(category):
        return 0 if category.locale_id == locale_id else 1 if category.language == settings.LANGUAGE_CODE else 2

    chosen = {}
    for category in sorted(every, key=preference):
        chosen.setdefault(category.translation_key, category)
    return [category for category in every if chosen[category.translation_key] is category]


def categories_with_language(keys=None):
    """Categories (of these translation keys, default all) with their locale's language code, by name, in one
    query."""
    categories = Category.objects.annotate(language=F("locale__language_code"))
    return list(categories if keys is None else categories.filter(translation_key__in=keys))


class TagTranslation(models.Model):
    """A tag's name in another language: a tag is one for every language (its own name is the German one)."""

    tag = models.ForeignKey(Tag, verbose_name=_("tag"), on_delete=models.CASCADE, related_name="translations")
    locale = models.ForeignKey(
        Locale, verbose_name=_("language"), on_delete=models.CASCADE, related_name="+",
        limit_choices_to=~models.Q(language_code=settings.LANGUAGE_CODE),
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("tag"), FieldPanel("locale"), FieldPanel("name")]

    class Meta:
        verbose_name = _("tag translation")
        verbose_name_plural = _("tag translations")
        ordering = ["tag__name", "locale__language_code"]
        constraints = [models.UniqueConstraint(fields=["tag", "locale"], name="unique_tag_translation_per_locale")]

    def __str__(self):
        return self.name


register_snippet(TagTranslation)


def tag_names(tags, locale_id):
    """{tag id: its name in the language of `locale_id`}, the German name where it has no translation there.
    Uses the tags' prefetched `translations` where they are (the API), else one query."""
    tags = list(tags)
    names = {tag.pk: tag.name for tag in tags}
    if not tags:
        return names
    if all("translations" in getattr(tag, "_prefetched_objects_cache", {}) for tag in tags):
        translated = [(t.tag_id, t.name) for tag in tags for t in tag.translations.all() if t.locale_id == locale_id]
    else:
        translated = TagTranslation.objects.filter(tag__in=tags, locale_id=locale_id).values_list("tag_id", "name")
    names.update(translated)
    return names


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items")


class BlogIndexPage(RememberedViewRestrictions, PublishThroughWorkflowMixin, RoutablePageMixin, IndexPage):
    """The Digitalblog: newest posts first, archives by category, tag, author and year, and feeds."""

    subpage_types = ["blog.BlogPage"]

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

    def render_listing(self, request, posts, archive_title="", archive_kind="", feed_base="", archive_of=None):
        page_of_posts = self.paginate(request, posts)
        prefetch_listing_renditions(page_of_posts.object_list)
        return self.render(
            request,
            context_overrides={
                "posts": page_of_posts,
                "archive_title": archive_title,
                "archive_kind": archive_kind,
                "archive_of": archive_of,  # the category or author named, for its `lang` (core.i18n.language_of)
                "feed_base": feed_base or self.url,
                "categories": categories_for(self.locale_id),
                "years": self.posts().dates("date", "year", order="DESC"),
            },
        )

    @path("")
    def index(self, request):
        return self.render_listing(request, self.posts())

    def category(self, slug):
        """The category with this slug in the blog's language (else the German one), as readers here see it."""
        found = Category.objects.filter(
            Q(locale_id=self.locale_id) | Q(locale__language_code=settings.LANGUAGE_CODE), slug=slug)
        found = sorted(found, key=lambda category: category.locale_id != self.locale_id)
        if not found:
            raise Http404
        return categories_for(self.locale_id, only=found[:1])[0]

    def posts_in(self, category):
        """This blog's posts in the category, whichever language's version of it they link."""
        linked = BlogPage.categories.through.objects.filter(category__translation_key=category.translation_key)
        return self.posts().filter(pk__in=linked.values("blogpage_id"))

    @path("kategorie/<slug:slug>/")
    def category_archive(self, request, slug):
        category = self.category(slug)
        return self.render_listing(
            request, self.posts_in(category), category.name, _("Category"),
            feed_base=self.url + self.reverse_subpage("category_archive", args=[slug]), archive_of=category,
        )

    @re_path(r"^schlagwort/(?P<slug>[-\w]+)/$")  # tag slugs may hold umlauts from older tags
    def tag_archive(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        name = tag_names([tag], self.locale_id)[tag.pk]
        return self.render_listing(request, self.posts().filter(tags=tag), name, _("Tag"))

    @path("autorin/<slug:slug>/")
    def author_archive(self, request, slug):
        author = get_object_or_404(Author, slug=slug)
        return self.render_listing(request, self.posts().filter(authors=author), author.name, _("Author"),
                                   archive_of=author)

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

        return BlogRssFeed(self, self.category(slug))(request)

    @path("kategorie/<slug:slug>/feed/atom/")
    def category_atom_feed(self, request, slug):
        from blog.feeds import BlogAtomFeed

        return BlogAtomFeed(self, self.category(slug))(request)


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


class CategoriesField(serializers.Field):
    """The post's categories in its language ({name, slug}), from all categories loaded once per response."""

    def to_representation(self, value):
        every = self.context.get("blog_categories")
        if every is None:
            every = self.context["blog_categories"] = categories_with_language()
        categories = categories_for(value.instance.locale_id, only=value.all(), every=every)
        return [{"name": category.name, "slug": category.slug} for category in categories]


class TagNamesField(serializers.Field):
    """The tags' names in the post's language, sorted, from the tags and translations the API listing prefetched
    (config.api): Wagtail's own TagsField asks the database once per post."""

    def to_representation(self, value):
        return sorted(tag_names(value.all(), value.instance.locale_id).values())


class BlogPage(RememberedViewRestrictions, PublishThroughWorkflowMixin, Page):
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
        APIField("categories", serializer=CategoriesField(read_only=True)),
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
        or snippet change renews it), which saves the post page seven queries (docs/speed.md)."""
        blog = self.blog_index()
        base = blog.get_url(request)

        def archive(name, slug):
            return base + blog.reverse_subpage(name, args=[slug])

        tags = list(self.tags.all())
        names = tag_names(tags, self.locale_id)
        hero = None
        if self.hero_image_id:
            rendition = self.hero_image.get_rendition("width-1200")
            hero = {"url": rendition.url, "width": rendition.width, "height": rendition.height,
                    "alt": self.hero_image.default_alt_text, "credit": getattr(self.hero_image, "credit", "")}
        return {
            "blog_title": blog.title, "blog_url": base, "hero": hero,
            "authors": [{"name": a.name, "url": archive("author_archive", a.slug)} for a in self.authors.all()],
            "categories": [{"name": c.name, "url": archive("category_archive", c.slug)}
                           for c in categories_for(self.locale_id, only=self.categories.all())],
            "tags": [{"name": names[t.pk], "url": archive("tag_archive", t.slug)} for t in tags],
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


