"""Set up a municipality of the region in one step (issue 26; core.municipalities.create):

    python manage.py create_municipality "Bad Schwartau" --host bad-schwartau.example.org
    python manage.py create_municipality "Hansestadt Wismar" --host wismar.example.org --kind partner \
        --languages de en tr uk --accent "#8a1c1c"
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core import municipalities
from core.models import Municipality


class Command(BaseCommand):
    help = "Create a municipality: its home page, site, settings, legal pages and staff groups (no demo content)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--host", required=True, help="Its host name, e.g. wismar.example.org")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--slug", default=None)
        parser.add_argument("--kind", choices=[k for k, _label in Municipality.Kind.choices], default="city")
        parser.add_argument("--languages", nargs="*", default=[],
                            choices=[code for code, _name in settings.LANGUAGES],
                            help="The languages the site offers (default: all).")
        parser.add_argument("--accent", default=None, help="Accent colour #RRGGBB, at least 4.5:1 on white.")
        parser.add_argument("--email", default="", help="Contact email address.")

    def handle(self, *args, **options):
        try:
            town = municipalities.create(
                options["name"], options["host"], port=options["port"], slug=options["slug"], kind=options["kind"],
                languages=options["languages"], accent_colour=options["accent"], contact_email=options["email"])
        except (ValueError, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        site = town.site
        self.stdout.write(self.style.SUCCESS(
            f"{town.display_name}: http://{site.hostname}{'' if site.port == 80 else f':{site.port}'}/ "
            f"(home page {site.root_page_id}, groups “{town.display_name}: …”)"))
