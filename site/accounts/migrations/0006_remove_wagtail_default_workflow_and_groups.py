"""Remove what Wagtail's own migrations leave behind: the workflow "Moderators approval" on the whole tree
(its only approvers, the group "Moderators", had no members, so a page submitted there waited forever) and the
groups "Editors" and "Moderators". A city then has exactly the roles in accounts/roles.py.

Only Wagtail's untouched leftovers go: a workflow still named "Moderators approval" whose only task is
Wagtail's group approval task of that name for "Moderators" alone; a renamed or rebuilt one is an admin's
and stays. If it was ever used, its history stays and it is switched off (as Settings → Workflows → Disable
does: in-progress reviews cancelled, assignments removed). A group goes only while nobody is in it and no
other approval task names it: a group someone was put in is in use, and deleting it would silently take
their rights. Safe to run when all of it is already gone.
"""

from django.db import migrations

DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_GROUPS = ["Editors", "Moderators"]


def _is_wagtails_default(workflow, apps):
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    tasks = list(Task.objects.filter(workflow_tasks__workflow=workflow))
    if len(tasks) != 1 or tasks[0].name != DEFAULT_WORKFLOW:
        return None
    approval = GroupApprovalTask.objects.filter(pk=tasks[0].pk).first()
    if approval is None or list(approval.groups.values_list("name", flat=True)) != ["Moderators"]:
        return None
    return approval


def remove_default_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW):
        task = _is_wagtails_default(workflow, apps)
        if task is None:
            continue
        WorkflowPage.objects.filter(workflow=workflow).delete()
        WorkflowContentType.objects.filter(workflow=workflow).delete()
        states = WorkflowState.objects.filter(workflow=workflow)
        if states.exists() or TaskState.objects.filter(task_id=task.pk).exists():
            active = ["in_progress", "needs_changes"]
            TaskState.objects.filter(workflow_state__in=states.filter(status__in=active),
                                     status="in_progress").update(status="cancelled")
            states.filter(status__in=active).update(status="cancelled")
            Workflow.objects.filter(pk=workflow.pk).update(active=False)
            task.active = False
            task.save(update_fields=["active"])
        else:
            workflow.delete()  # its WorkflowTask rows go with it
            task.delete()  # and the Task row behind it (multi-table inheritance)


def remove_unused_wagtail_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for group in Group.objects.filter(name__in=WAGTAIL_GROUPS, user__isnull=True):
        if not GroupApprovalTask.objects.filter(groups=group, active=True).exists():
            group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_data_export_job_heartbeat"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(remove_default_workflow, migrations.RunPython.noop),
        migrations.RunPython(remove_unused_wagtail_groups, migrations.RunPython.noop),
    ]
