"""The fields of engagement and skills volunteers choose from; coordinators can extend both."""

from django.db import migrations

INTERESTS = [
    ("Soziales", "soziales"), ("Umwelt und Klima", "umwelt"), ("Kultur", "kultur"), ("Sport", "sport"),
    ("Digitale Hilfe", "digitale-hilfe"), ("Geflüchtete", "gefluechtete"), ("Seniorinnen und Senioren", "senioren"),
    ("Kinder und Jugendliche", "kinder"),
]
SKILLS = [
    ("Organisieren", "organisieren"), ("Handwerk", "handwerk"), ("Kochen", "kochen"),
    ("Computer und Smartphone erklären", "digital-erklaeren"), ("Übersetzen", "uebersetzen"),
    ("Fahren (Führerschein)", "fuehrerschein"), ("Erste Hilfe", "erste-hilfe"), ("Zuhören", "zuhoeren"),
]


def seed(apps, schema_editor):
    for model, rows in (("Interest", INTERESTS), ("Skill", SKILLS)):
        Model = apps.get_model("volunteering", model)
        for name, slug in rows:
            Model.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0001_organisations_opportunities_shifts_signups")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
