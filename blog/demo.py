"""Demo Digitalblog and project pages for Lübeck (texts in blog/demo_data.py). Idempotent:
what exists is left as it is. The demo publishes its posts as seed content, without the four-eyes approval
that binds people (`skip_permission_checks=True`, see core.publishing)."""

import datetime

from taggit.models import Tag
from wagtail.models import Locale, Site

from blog import demo_data
from blog.models import Author, BlogIndexPage, BlogPage, Category, TagTranslation
from blog.workflow import govern
from core.demo_images import demo_image
from core.models import HomePage, Milestone, ProjectDataSet, ProjectIndexPage, ProjectPage

BLOG = {
    "de": {"title": "Digitalblog", "slug": "digitalblog",
           "intro": "Neuigkeiten aus der Smart City Region Lübeck: Projekte, Termine und Hintergründe."},
    "en": {"title": "Digital blog", "slug": "digitalblog",
           "intro": "News from the Smart City Region Lübeck: projects, dates and background."},
}
PROJECTS_INDEX = {
    "de": {"title": "Projekte", "slug": "projekte",
           "intro": "Die Projekte der Smart City Region Lübeck – gefördert im Modellprojekt Smart City "
                    "und darüber hinaus."},
    "en": {"title": "Projects", "slug": "projekte",
           "intro": "The projects of the Smart City Region Lübeck – funded by the Smart City model "
                    "programme and beyond."},
}


def _body(items):
    blocks = []
    for kind, text in items:
        if kind == "heading":
            blocks.append(("heading", {"text": text, "level": "h2"}))
        elif kind == "quote":
            blocks.append(("quote", {"text": text, "attribution": ""}))
        else:
            blocks.append(("paragraph", f"<p>{text}</p>"))
    return blocks


def _homes():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    english = Locale.objects.get(language_code="en")
    return home, home.get_translation(english).specific, english


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _ensure_index(model, spec, home, home_en, english):
    page = _child(home, model, spec["de"]["slug"])
    if page is None:
        page = model(title=spec["de"]["title"], slug=spec["de"]["slug"], intro=spec["de"]["intro"],
                     show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish(skip_permission_checks=True)
    translation = page.get_translation_or_none(english)
    if translation is None:
        translation = page.copy_for_translation(english).specific
        translation.title, translation.intro = spec["en"]["title"], spec["en"]["intro"]
        translation.show_in_menus = True
        translation.save_revision().publish(skip_permission_checks=True)
    return page, translation.specific


def ensure_taxonomy(english):
    german = Locale.objects.get(language_code="de")
    categories = {}
    for spec in demo_data.CATEGORIES:
        de, _ = Category.objects.get_or_create(
            locale=german, slug=spec["slug"], defaults={"name": spec["de"], "description": spec["description_de"]}
        )
        en = de.get_translation_or_none(english)
        if en is None:
            en = de.copy_for_translation(english)
            en.name, en.description = spec["en"], spec["description_en"]
            en.save()
        categories[spec["slug"]] = {"de": de, "en": en}
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=demo_data.TAGS_EN)}
    for name, english_name in demo_data.TAGS_EN.items():
        tag = tags.get(name) or Tag.objects.create(name=name)
        TagTranslation.objects.get_or_create(tag=tag, locale=english, defaults={"name": english_name})
    authors = {}
    for spec in demo_data.AUTHORS:
        author, _ = Author.objects.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "role": spec["role_de"]}
        )
        authors[spec["slug"]] = author
    return categories, authors


def ensure_projects(index, index_en, english, categories):
    projects = {}
    for spec in demo_data.PROJECTS:
        page = _child(index, ProjectPage, spec["slug"])
        if page is None:
            de = spec["de"]
            page = ProjectPage(
                title=de["title"], slug=spec["slug"], teaser=de["teaser"], status=spec["status"],
                funding_programme=spec["funding_programme"], funding_rate=spec["funding_rate"],
                budget=spec["budget"], period=spec["period"], partners=spec["partners"],
                contact_name="Smart City Team der Hansestadt Lübeck", contact_email="smartcity@luebeck.example",
                goals=[("goal", goal) for goal in de["goals"]], body=_body([("paragraph", p) for p in de["body"]]),
                hero_image=demo_image(
                    f"Projekt: {de['title']}",
                    f"Symbolbild zum Projekt {de['title']}: stilisierte Lübecker Altstadt-Silhouette",
                    alt_texts={"en": f"Illustration of the project {spec['en']['title']}: stylised skyline of "
                                     "Lübeck's old town"}),
            )
            page.milestones = [Milestone(when=m["date"], title=m["de"]) for m in spec["milestones"]]
            page.data_sets = [ProjectDataSet(title=d["title"], url=d["url"]) for d in spec["open_data"]]
            index.add_child(instance=page)
            page.save_revision().publish(skip_permission_checks=True)
        translation = page.get_translation_or_none(english)
        if translation is None:
            en = spec["en"]
            translation = page.copy_for_translation(english).specific
            translation.title, translation.teaser = en["title"], en["teaser"]
            translation.goals = [("goal", goal) for goal in en["goals"]]
            translation.body = _body([("paragraph", p) for p in en["body"]])
            translation.milestones = [Milestone(when=m["date"], title=m["en"]) for m in spec["milestones"]]
            translation.save_revision().publish(skip_permission_checks=True)
        projects[spec["slug"]] = {"de": page, "en": translation.specific}
    return projects


def ensure_posts(blog, blog_en, english, categories, authors, projects):
    for spec in demo_data.POSTS:
        post = _child(blog, BlogPage, spec["slug"])
        if post is None:
            de = spec["de"]
            post = BlogPage(
                title=de["title"], slug=spec["slug"], teaser=de["teaser"], body=_body(de["body"]),
                date=datetime.date.fromisoformat(spec["date"]),
                hero_image=demo_image(
                    f"Blog: {de['title']}", f"Symbolbild zum Beitrag „{de['title']}“",
                    alt_texts={"en": f"Illustration for the post “{spec['en']['title']}”"} if spec["en"] else {}),
            )
            post.authors = [authors[slug] for slug in spec["authors"]]
            post.categories = [categories[slug]["de"] for slug in spec["categories"]]
            post.related_projects = [projects[slug]["de"] for slug in spec["projects"]]
            post.tags.add(*spec["tags"])
            blog.add_child(instance=post)
            post.save_revision().publish(skip_permission_checks=True)
        if spec["en"] and post.get_translation_or_none(english) is None:
            en = spec["en"]
            translation = post.copy_for_translation(english).specific
            translation.title, translation.teaser, translation.body = en["title"], en["teaser"], _body(en["body"])
            translation.categories = [categories[slug]["en"] for slug in spec["categories"]]
            translation.related_projects = [projects[slug]["en"] for slug in spec["projects"]]
            translation.save_revision().publish(skip_permission_checks=True)


def ensure_workflow():
    """Every blog is under the four-eyes workflow (made by a migration; new blogs get it on creation)."""
    for blog in BlogIndexPage.objects.all():
        govern(blog)


def load():
    home, home_en, english = _homes()
    assert isinstance(home, HomePage)
    categories, authors = ensure_taxonomy(english)
    index, index_en = _ensure_index(ProjectIndexPage, PROJECTS_INDEX, home, home_en, english)
    projects = ensure_projects(index, index_en, english, categories)
    blog, blog_en = _ensure_index(BlogIndexPage, BLOG, home, home_en, english)
    ensure_posts(blog, blog_en, english, categories, authors, projects)
    ensure_workflow()
