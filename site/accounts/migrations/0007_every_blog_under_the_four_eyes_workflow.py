"""Put every existing blog (any language) under the four-eyes workflow unless an active workflow already covers
it. Until now only the demo content assigned it, to the German and English blog; a blog made otherwise took
posts live without approval. New blogs get it when they are made (blog.workflow.govern). Lives in accounts
with the other role data migration, so blog's own migrations stay free for the blog's models."""

from django.db import migrations


def govern_every_blog(apps, schema_editor):
    BlogIndexPage = apps.get_model("blog", "BlogIndexPage")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    four_eyes = Workflow.objects.filter(
        active=True, workflow_tasks__task__content_type__app_label="blog",
        workflow_tasks__task__content_type__model="secondeditorapprovaltask",
    ).first()
    if four_eyes is None:
        return
    governed = list(WorkflowPage.objects.filter(workflow__active=True).values_list("page__path", flat=True))
    for blog in BlogIndexPage.objects.all():
        if not any(blog.path.startswith(path) for path in governed):
            WorkflowPage.objects.create(page_id=blog.pk, workflow=four_eyes)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_remove_wagtail_default_workflow_and_groups"),
        ("blog", "0002_create_four_eyes_workflow"),
    ]

    operations = [migrations.RunPython(govern_every_blog, migrations.RunPython.noop)]
