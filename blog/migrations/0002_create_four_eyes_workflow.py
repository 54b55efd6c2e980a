"""Create the blog's four-eyes workflow; the demo content (or an admin) assigns it to blog pages."""

from django.db import migrations

WORKFLOW_NAME = "Digitalblog: Vier-Augen-Freigabe"
TASK_NAME = "Freigabe durch zweite Person der Redaktion"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Task = apps.get_model("blog", "SecondEditorApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="blog", model="secondeditorapprovaltask")
    task = Task.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = Task.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    editors, _ = Group.objects.get_or_create(name="Redaktion")
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("accounts", "0002_create_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
