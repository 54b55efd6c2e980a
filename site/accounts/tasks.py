"""Background jobs of the accounts app (GDPR)."""

from celery import shared_task


@shared_task(acks_late=True)
def build_data_export(export_id):
    """Write a person's data ZIP. Safe twice (also after a killed worker): claimed under a row lock, a done
    export is skipped, and only the run that marks it done moves its file into place."""
    from accounts.personal_data import build

    return build(export_id)


@shared_task
def delete_expired_data_exports():
    """Delete data ZIPs past their DATA_EXPORT_KEEP_DAYS. Safe twice: files already gone are skipped."""
    from accounts.personal_data import delete_expired

    return delete_expired()


@shared_task
def retire_inactive_accounts():
    """Warn inactive accounts, delete those warned long enough ago. Safe twice: the warning marker is set under
    the row's lock before the mail is stored, and a deleted account is a tombstone the queries skip."""
    from accounts.deletion import delete_warned, warn_inactive

    return {"deleted": delete_warned(), "warned": warn_inactive()}
