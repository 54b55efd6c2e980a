"""Lübeck's districts and the idea categories (the five quality-of-life fields and more); editors can extend both."""

from django.db import migrations

DISTRICTS = [
    ("Innenstadt", "innenstadt"), ("St. Jürgen", "st-juergen"), ("Moisling", "moisling"),
    ("Buntekuh", "buntekuh"), ("St. Lorenz-Süd", "st-lorenz-sued"), ("St. Lorenz-Nord", "st-lorenz-nord"),
    ("St. Gertrud", "st-gertrud"), ("Schlutup", "schlutup"), ("Kücknitz", "kuecknitz"), ("Travemünde", "travemuende"),
]
CATEGORIES = [
    ("Wohnen", "wohnen"), ("Mobilität", "mobilitaet"), ("Arbeiten", "arbeiten"), ("Gesundheit", "gesundheit"),
    ("Freizeit", "freizeit"), ("Digitales Leben", "digitales-leben"), ("Umwelt und Klima", "umwelt-klima"),
]


def seed(apps, schema_editor):
    District = apps.get_model("participation", "District")
    IdeaCategory = apps.get_model("participation", "IdeaCategory")
    for order, (name, slug) in enumerate(DISTRICTS):
        District.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for name, slug in CATEGORIES:
        IdeaCategory.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
