"""One page of a list from ?page=: a page number that is not a number shows page 1, one past the end is 404."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


def page_or_404(items, number, per_page, count=None):
    """`count`, when the caller knows it already, saves the COUNT query over the whole list."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: setting it skips the query
    try:
        return paginator.page(number or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage as exc:
        raise Http404 from exc
