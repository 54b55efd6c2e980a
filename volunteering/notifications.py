"""Mails about sign-ups (to be built: see notify_status)."""


def notify_status(signup):
    """Call inside the transaction that changed `signup.status`: after commit, the worker sends the mail
    that fits the new status (confirmed → confirmation with .ics, offered → offer with its deadline,
    declined → a kind note). Idempotent per status through the *_sent_at fields."""
