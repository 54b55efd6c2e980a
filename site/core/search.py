"""One search over the site's pages, in the visitor's language, with editors' promotions. On an install of several
municipalities (issue 26) it searches the municipality whose site it is; "the whole region" searches them all."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search_terms(text):
    """A visitor's words as every search backend reads them, at most MAX_QUERY_LENGTH characters.

    Wagtail's SQLite backend quotes each word for FTS5 without escaping a double quote inside it, so `"` was a
    syntax error (and, being a database error, showed the "database away" page); PostgreSQL ignores the
    character anyway. A "word" without a letter or digit (a lone parenthesis, *, -) matches nothing in either
    index, but on SQLite it made the whole search find nothing. AND, OR, NOT and the rest are searched for as
    the words they are."""
    words = [word for word in text.replace('"', " ").split() if any(char.isalnum() for char in word)]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def search(request):
    from wagtail.models import Site

    from core.municipalities import in_site

    query = search_terms(request.GET.get("q", ""))
    region = request.GET.get("region") == "1"
    results, promotions = None, []
    if query:
        locale = Locale.get_active()
        pages = Page.objects.live().public().filter(locale=locale)
        pages = (pages if region else in_site(pages, request)).specific().search(query)
        paginator = Paginator(pages, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
        search_query = Query.get(query)
        search_query.add_hit()
        promotions = [
            pick for pick in search_query.editors_picks.select_related("page")
            if pick.page.live and pick.page.locale_id == locale.pk
        ]
    return render(request, "core/search.html", {"query": query, "results": results, "promotions": promotions,
                                                "region": region, "several": Site.objects.count() > 1})
