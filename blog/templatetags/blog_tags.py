from django import template
from wagtail.models import Locale

from blog.models import BlogIndexPage, BlogPage, prefetch_listing_renditions

register = template.Library()


@register.inclusion_tag("blog/includes/latest_posts.html", takes_context=True)
def latest_posts(context, limit=3):
    """The newest posts in the current language, for the home page."""
    locale = Locale.get_active()
    posts = list(
        BlogPage.objects.live().public().filter(locale=locale).defer_streamfields()
        .select_related("hero_image").order_by("-date", "-pk")[:limit]
    )
    prefetch_listing_renditions(posts)
    blog = BlogIndexPage.objects.live().filter(locale=locale).first()
    return {"posts": posts, "blog": blog, "request": context["request"]}
