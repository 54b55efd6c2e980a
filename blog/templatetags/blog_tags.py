from django import template
from wagtail.models import Locale

from blog.models import BlogIndexPage, BlogPage, prefetch_listing_renditions
from core.i18n import in_language_or_source
from core.municipalities import in_site

register = template.Library()


@register.inclusion_tag("blog/includes/latest_posts.html", takes_context=True)
def latest_posts(context, limit=3):
    """The newest posts in the current language, for the home page."""
    locale, request = Locale.get_active(), context["request"]  # the municipality's own (issue 26)
    posts = list(
        in_language_or_source(in_site(BlogPage.objects.live().public(), request), locale).defer_streamfields()
        .select_related("hero_image").order_by("-date", "-pk")[:limit]
    )
    prefetch_listing_renditions(posts)
    blog = in_site(BlogIndexPage.objects.live().filter(locale=locale), request).first()
    return {"posts": posts, "blog": blog, "request": context["request"]}
