"""The "Keep me informed" box on printed forms (issue 25: residents follow a process "ticked on a paper form").

Every idea form, and every survey form of a survey inside a participation process, carries the box and a line for
an address. Ticked, the sheet makes its writer a follower of the process once it is counted, whether it was read
from a scan (participation.paper.scan_import) or typed in (participation.paper.entry):

- the address is the idea form's "Email address for updates", else what is written on the line: an email address,
  or a postal address (news then goes out as printed letters);
- a tick without any address cannot be honoured: nobody to write to, so nothing is recorded (the idea or the
  answers count all the same);
- a survey's follower is kept apart from its answers: the follower row knows neither the response nor the sheet.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.i18n import source_of

BOX = "box-follow"
ADDRESS = "follow_address"  # the handwriting line's field (anchor box-follow_address-text)


def process_of(target):
    """The participation process whose news the form's box asks for: the idea call itself, or the process a
    survey stands in; None for a survey elsewhere (its form has no box)."""
    from participation.ideas.models import ParticipationProcessPage

    target = target.specific
    if isinstance(target, ParticipationProcessPage):
        return source_of(target)
    parent = target.get_parent().specific
    return source_of(parent) if isinstance(parent, ParticipationProcessPage) else None


def split_address(written):
    """(email, postal address) from the handwriting line: an email address if it is one, else the text as a postal
    address when it is long enough to be one."""
    text = (written or "").strip()
    compact = text.replace(" ", "")
    try:
        validate_email(compact)
    except ValidationError:
        return "", text if len(text) >= 8 else ""
    return compact.lower(), ""


def follow_from_sheet(target, *, ticked, written="", email="", name="", language="de", entered_by=None):
    """Make the sheet's writer a follower when the box is ticked and an address is there; the follower or None."""
    from participation.ideas.following import enter_follower
    from participation.ideas.models import Follower

    process = process_of(target) if ticked else None
    if process is None:
        return None
    line_email, postal = split_address(written)
    email = email or line_email
    if not email and not postal:
        return None
    return enter_follower(process, email=email, postal_address="" if email else postal, name=name,
                          language=language, channel=Follower.Channel.PAPER, entered_by=entered_by)
