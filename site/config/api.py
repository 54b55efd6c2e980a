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


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
