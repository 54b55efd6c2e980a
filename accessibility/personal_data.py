"""What accessibility holds about a person, for "download my data", and how an account deletion forgets it:
barrier reports stay (the accessibility statement counts them) but lose the reporter's name and address, as
they do after the retention period (accessibility.feedback.delete_expired_personal_data)."""

from allauth.account.models import EmailAddress
from django.db.models import Q

from accessibility.models import FeedbackTicket


def _reports(user):
    """The person's reports, found by address: a report has no link to an account (the form is public and
    works without signing in), so the address typed into it is all that ties it to someone. Only the
    account's own *verified* addresses count: anyone can type someone else's address into a sign-up form,
    and matching an unconfirmed one would hand a stranger that person's reports (or erase them). Reports
    whose address was already blanked by the retention belong to nobody any more."""
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    matches = Q()
    for address in addresses:
        matches |= Q(email__iexact=address)  # the reporter typed it; the case may differ
    if not matches:
        return FeedbackTicket.objects.none()
    return FeedbackTicket.objects.exclude(email="").filter(matches)


def barrier_reports(user):
    return [
        {"number": ticket.number, "kind": ticket.kind, "page": ticket.page, "description": ticket.description,
         "preferred_format": ticket.preferred_format, "name": ticket.name, "email": ticket.email,
         "language": ticket.language, "status": ticket.status, "received_at": ticket.received_at,
         "answer_due": ticket.due_on, "answer": ticket.answer, "answered_at": ticket.answered_at,
         "closed_at": ticket.closed_at}
        for ticket in _reports(user).order_by("received_at", "pk")
    ]


def forget(user, now):
    """Inside the deletion's transaction, while the account's addresses still exist: the reports stay for
    the statistics, the name and address go (so no answer is mailed any more)."""
    _reports(user).update(name="", email="", personal_data_deleted_at=now)


def register():
    from core.registry import register_account_eraser, register_personal_data

    register_personal_data("barrier_reports", barrier_reports)
    register_account_eraser(forget)
