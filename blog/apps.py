from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    """The Digitalblog: posts, authors, categories and feeds (issue 3)."""

    name = "blog"
    verbose_name = _("Digitalblog")

    def ready(self):
        from django.db.models.signals import post_save
        from taggit.models import Tag
        from wagtail.signals import page_published

        from blog.models import BlogIndexPage
        from blog.workflow import govern_new_blog
        from core.cache import invalidate_on_change

        # Posts show their tags' names: a tag renamed in the admin renews the cached pages.
        invalidate_on_change(Tag)

        page_published.connect(_render_images_after_publish, dispatch_uid="blog.renditions")
        post_save.connect(govern_new_blog, sender=BlogIndexPage, dispatch_uid="blog.govern_new_blog")


def _render_images_after_publish(sender, instance, **kwargs):
    """Listings never render images in the request: the worker makes the renditions on publish."""
    from django.db import transaction

    from blog.models import BlogPage
    from blog.tasks import generate_post_renditions
    from core.dispatch import dispatch

    if isinstance(instance, BlogPage) and instance.hero_image_id:
        transaction.on_commit(lambda: dispatch(generate_post_renditions, instance.hero_image_id))
