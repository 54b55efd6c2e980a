"""Replace Wagtail's welcome page with our HomePage and add the English locale.

The demo content command fills the page; a site without demo content still has a home page.
"""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("core.HomePage")

    german, _ = Locale.objects.get_or_create(language_code="de")
    Locale.objects.get_or_create(language_code="en")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    # The welcome page from wagtailcore.0002; deleting it also deletes its Site.
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    if HomePage.objects.exists():
        return

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="core")
    home = HomePage.objects.create(
        title="Mitgestalten Lübeck",
        draft_title="Mitgestalten Lübeck",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=german,
        translation_key=uuid.uuid4(),
        live=True,
        body=[],
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="Mitgestalten Lübeck"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
