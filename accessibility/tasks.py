"""Background jobs of the accessibility app. Each is safe to run twice; the docstrings say why."""

from celery import shared_task

from accessibility import feedback


@shared_task
def send_feedback_answer(ticket_id):
    """Mail the staff answer to the reporter. Safe twice: `answer_sent_at` is checked and set under the
    ticket's row lock, in the transaction that stores the mail."""
    return feedback.send_answer(ticket_id)


@shared_task
def send_missed_feedback_answers(now=None):
    """Answers that never reached the worker. Safe twice: the same marker as send_feedback_answer."""
    return feedback.send_missed_answers(now)


@shared_task
def delete_expired_feedback_personal_data(now=None):
    """Blank name and address of closed reports after FEEDBACK_RETENTION_DAYS. Safe twice: blanked reports
    no longer match."""
    return feedback.delete_expired_personal_data(now)
