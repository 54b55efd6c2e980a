"""The public status lookup (/vorgang/): an idea's or a paper sheet's status for whoever holds its receipt."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from core import antispam, ratelimit
from participation.ideas import receipts, rules
from participation.ideas.forms import ReceiptLookupForm
from participation.ideas.models import Idea
from participation.ideas.views import SESSION_KEY
from participation.paper.models import Sheet


def _holds(request, reference):
    """Whether this visitor may see an idea's status by its number alone: its author signed in, the session that
    sent or confirmed it, or a moderator (staff lookups need no check characters, as before)."""
    if reference in request.session.get(SESSION_KEY, []) or rules.can_moderate(request.user):
        return True
    return request.user.is_authenticated and Idea.objects.filter(reference=reference, author=request.user).exists()


def receipt_lookup(request):
    """The status of an idea or a paper sheet for whoever holds its receipt: the number with its check
    characters (participation.ideas.receipts). An unknown number and a wrong code get the same answer, and a number
    without code (receipts from before the codes) only where to ask, so counting numbers tells nothing.
    Checking a code counts against the rate limit "receipt_lookup" (core.ratelimit)."""
    form = ReceiptLookupForm(request.GET or None)
    idea = sheet = limited = None
    without_code, status = False, 200
    if form.is_bound and form.is_valid():
        receipt = form.cleaned_data["reference"]
        if receipt.kind == receipts.IDEA and _holds(request, receipt.number):
            idea = Idea.objects.select_related("process").filter(reference=receipt.number).first()
        elif not receipt.code:
            without_code = True
        elif (limited := ratelimit.consume(request, "receipt_lookup")) is not None:
            status = 429
        elif receipts.matches(receipt):  # before the database is asked: the same work for any wrong code
            if receipt.kind == receipts.SHEET:
                sheet = (Sheet.objects.select_related("idea__process", "response")
                         .filter(serial=receipt.number).first())
                idea = sheet.idea if sheet is not None else None
            else:
                idea = Idea.objects.select_related("process").filter(reference=receipt.number).first()
        if idea is None and sheet is None and not without_code and status == 200:
            form.add_error("reference", _("We found nothing under this receipt number, or its check characters do "
                                          "not match. Please check both."))
    return render(request, "paper/receipt_lookup.html", {
        "form": form, "idea": idea, "sheet": sheet, "timeline": idea.status_changes.all() if idea else [],
        "without_code": without_code, **antispam.limited_context(limited),
    }, status=status)
