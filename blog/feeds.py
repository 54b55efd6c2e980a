"""RSS 2.0 and Atom feeds of the Digitalblog, with full text and absolute links."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from blog.models import categories_for, categories_with_language
from core import links

FEED_LENGTH = 20


class BlogRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, blog, category=None):
        super().__init__()
        self.blog = blog
        self.category = category

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.category:
            return f"{self.blog.title}: {self.category.name}"
        return self.blog.title

    def link(self):
        return self.blog.get_full_url(self.request)

    def description(self):
        return self.blog.intro or _("News from the Smart City Region Lübeck")

    def feed_url(self):
        return links.absolute(self.request.get_full_path(), request=self.request)

    def items(self):
        posts = self.blog.posts_in(self.category) if self.category else self.blog.posts()
        posts = posts.prefetch_related(None).prefetch_related("authors", "categories")
        # The feed carries the full text, so the body is needed after all.
        items = list(posts.defer(None)[:FEED_LENGTH])
        # Category names in the blog's language, for all items with one query.
        every = categories_with_language({c.translation_key for item in items for c in item.categories.all()})
        for item in items:
            item.category_names = [c.name for c in categories_for(self.blog.locale_id, item.categories.all(), every)]
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The whole post as HTML (full text), with links made absolute."""
        html = item.body.render_as_block(context={"request": self.request, "page": item})
        root = links.site_root(request=self.request)
        return html.replace('href="/', f'href="{root}/').replace('src="/', f'src="{root}/')

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return item.category_names


class BlogAtomFeed(BlogRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
