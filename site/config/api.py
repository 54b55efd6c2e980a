"""Read-only JSON for the MeinLübeckApp: Wagtail's API v2 (pages, images).

Wagtail hands some malformed query values on to the database, which answered 500: a date or number a field
cannot hold (`?first_published_at=x`), an offset beyond 64 bits, an unknown `search_operator`, and on SQLite
search syntax (`?search="`). Here they answer 400 (offsets past the end: an empty page), and searches read
their words as the site search does (core.search.search_terms).
"""

from types import SimpleNamespace

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from wagtail.api.v2 import filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.search import search_terms


class FieldsFilter(filters.FieldsFilter):
    """`?field=value`, with a value the field cannot hold refused before it reaches the database (texts and
    yes/no Wagtail handles itself)."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True)) - {"locale"}  # as Wagtail's
        for name, value in request.GET.items():
            try:
                field = queryset.model._meta.get_field(name) if name in fields else None
            except FieldDoesNotExist:
                field = None
            if field is None or not field.concrete or isinstance(
                    field, models.BooleanField | models.CharField | models.TextField):
                continue
            target = field.target_field if field.many_to_one else field
            try:
                target.run_validators(target.to_python(value))
            except ValidationError as exc:
                raise BadRequestError(f"field filter error: not a valid value for {name}") from exc
        return super().filter_queryset(request, queryset, view)


class SearchFilter(filters.SearchFilter):
    """`?search=`: the words as the site search reads them; an operator other than and/or is a 400."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if (request.GET.get("search_operator") or "or").lower() not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        terms = search_terms(request.GET["search"])
        if not terms:
            return queryset.none()
        query = request.GET.copy()
        query["search"] = terms
        # Wagtail's filter reads nothing of the request but its query.
        return super().filter_queryset(SimpleNamespace(GET=query), queryset, view)


class Pagination(WagtailPagination):
    """Wagtail's offset and limit; an offset past the last item is an empty page, not a query the database
    refuses (beyond 64 bits)."""

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        return [] if int(request.GET.get("offset", 0)) >= self.total_count else page


def _checked(backends):
    return [{filters.FieldsFilter: FieldsFilter, filters.SearchFilter: SearchFilter}.get(b, b) for b in backends]


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Only the blog posts and project pages (`?type=blog.BlogPage` or `core.ProjectPage`)."""

    filter_backends = _checked(PagesAPIViewSet.filter_backends)
    pagination_class = Pagination

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


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    filter_backends = _checked(ImagesAPIViewSet.filter_backends)
    pagination_class = Pagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
