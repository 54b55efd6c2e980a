"""Load the Lübeck demo content and a demo admin. Safe to run again: it updates, never duplicates."""

import os
from importlib import import_module
from importlib.util import find_spec

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_ADMIN_EMAIL = "admin@mitgestalten.example"
DEMO_ADMIN_PASSWORD = "Lübeck-Demo-2026"  # noqa: S105 - a published demo login, printed by `make run`
# A second member of the editorial team, so the blog's four-eyes approval can be tried: whoever submits a post
# cannot approve it (core/publishing.py), the demo admin included.
DEMO_EDITOR_EMAIL = "redaktion@mitgestalten.example"


class Command(BaseCommand):
    help = "Load Lübeck demo content and create the demo admin (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-activity", action="store_false", dest="activity",
            help="Only the pages and a few examples, without the activity a city trying the site should see "
                 "(hundreds of survey answers, ideas in every status, more engagements). The test suite loads "
                 "this, so that its counts stay small and known.")

    def handle(self, *args, activity=True, **options):
        with transaction.atomic():
            # Each app's demo.load(), in INSTALLED_APPS order (core first builds the home pages).
            demos = []
            for config in apps.get_app_configs():
                ours = str(config.path).startswith(str(settings.PROJECT_ROOT))
                if ours and find_spec(f"{config.name}.demo") is not None:
                    demos.append(import_module(f"{config.name}.demo"))
                    demos[-1].load()
            # Then the same content in the other languages (needs every app's pages to exist).
            import_module("tooling.demo_languages").load()
            # And what people did with it: answers, ideas in every status, engagements (demo.load_activity()).
            for demo in demos:
                if activity and hasattr(demo, "load_activity"):
                    demo.load_activity()
            if activity:  # the region: two more municipalities, each with a site of its own (issue 26)
                import_module("tooling.demo_region").load()
            email = os.environ.get("DEMO_ADMIN_EMAIL", DEMO_ADMIN_EMAIL)
            password = os.environ.get("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD)
            self._ensure_admin(email, password)
            self._ensure_editor(DEMO_EDITOR_EMAIL, password)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write(f"Demo admin: {email} / {password}  (log in at /admin/)")
        self.stdout.write(f"Second editor, who approves what the admin submits (four eyes): {DEMO_EDITOR_EMAIL} / "
                          f"{password}")

    def _ensure_admin(self, email, password):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            email=email, defaults={"is_staff": True, "is_superuser": True, "display_name": "Demo-Admin"}
        )
        if created:
            user.set_password(password)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )

    def _ensure_editor(self, email, password):
        from django.contrib.auth.models import Group

        from accounts.roles import EDITORS

        User = get_user_model()
        user, created = User.objects.get_or_create(email=email, defaults={"is_staff": True,
                                                                          "display_name": "Demo-Redaktion"})
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=EDITORS))
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
