"""Read-only JSON for the MeinLübeckApp: Wagtail's API v2 (pages, images)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Only the blog posts and project pages (`?type=blog.BlogPage` or `core.ProjectPage`)."""

    def get_base_queryset(self):
        from blog.models import BlogPage
        from core.models import ProjectPage

        return super().get_base_queryset().type(BlogPage, ProjectPage)

    def get_queryset(self):
        """What a listing shows, in a fixed number of queries: without this, every post cost five more (the
        locale, authors, categories, tags and image: 25 queries for 5 posts, 70 for a page of 20)."""
        from django.db.models import Prefetch

        from blog.models import API_IMAGE, BlogPage
        from core.models import CustomImage

        queryset = super().get_queryset().select_related("locale")
        if queryset.model is BlogPage:
            queryset = queryset.prefetch_related(
                "authors", "categories", "tags", "tags__translations",
                Prefetch("hero_image", queryset=CustomImage.objects.prefetch_renditions(API_IMAGE)),
            )
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
