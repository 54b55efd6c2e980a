"""Receipt numbers with check characters: what only the submitter holds (receipt page, receipt mail, the
slip she tears off a paper form), so that the public status lookup (/vorgang/) can tell her apart from
somebody counting ID-2026-0001, ID-2026-0002, …

An idea's number is a counter anyone can guess; its check characters (ID-2026-0042-K7FX) are an HMAC of
SECRET_KEY over the number, not a stored value:
- nothing to store and no migration: every idea, also one sent before the codes existed, has its code at once
  (on its receipt page and in every later mail);
- a code is checked before the database is asked, so a wrong code gets the same answer, in the same time,
  whether the number exists or not;
- rotating SECRET_KEY changes every code already printed or mailed: keep the old key in SECRET_KEY_FALLBACKS
  (Django's own rotation), which `matches` accepts as well.
A paper sheet's receipt slip works the same way in digits only (the stamper draws seven-segment digits):
serial plus four check digits (participation.ideas.receipts.receipt_number).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

# Characters that are not mistaken for one another when written by hand, printed small or read out on the
# phone: no 0/O/Q/D, 1/I/L/J, 2/Z, 5/S, 8/B, U/V, G (6), and letters only in upper case (l). 19 characters,
# four of them: 130,321 codes per number, so a guess at one number succeeds once in 130,000 tries, and the
# lookup allows a handful per hour (RATE_LIMITS["receipt_lookup"], core.ratelimit).
CODE_ALPHABET = "ACEFHKMNPRTWXY34679"
CODE_LENGTH = 4
_SALT = "ideas.idea-receipt"

IDEA, SHEET = "idea", "sheet"
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_./]+")
_SHEET = re.compile(r"(\d{6,12})-(\d{4})")
# Typed without separators the parts are found by position: the year has four digits and the code, if any,
# is the last four characters (numbers have at least four digits: ID-2026-0042). Only a code-less number of
# eight or more digits would be misread, which would take ten million ideas in one year.
_IDEA = re.compile(r"(\d{4})(\d{4,}?)([A-Z0-9]{4})?")  # year, number, code (CODE_LENGTH)


@dataclass(frozen=True)
class Receipt:
    """A receipt number as typed: an idea's (ID-2026-0042) or a sheet's serial, and its check characters."""

    kind: str
    number: str
    code: str


def check_code(reference, secret=None):
    """The check characters of an idea's receipt number (secret: SECRET_KEY unless given)."""
    value = int.from_bytes(salted_hmac(_SALT, reference, secret=secret, algorithm="sha256").digest(), "big")
    code = []
    for _position in range(CODE_LENGTH):
        value, index = divmod(value, len(CODE_ALPHABET))
        code.append(CODE_ALPHABET[index])
    return "".join(code)


def with_code(reference):
    """The receipt number as the submitter gets it: ID-2026-0042-K7FX."""
    return f"{reference}-{check_code(reference)}"


def parse(text):
    """What somebody typed as a Receipt, or None if it cannot be one. Forgiving: spaces, any dash, lower case
    and a missing "ID-" are all fine."""
    text = _SEPARATORS.sub("-", (text or "").upper()).strip("-")
    if match := _SHEET.fullmatch(text):
        return Receipt(SHEET, match[1], match[2])
    compact = text.replace("-", "")
    match = _IDEA.fullmatch(compact.removeprefix("ID"))
    # Without "ID" only a year of this century: a sheet's serial typed without its dash is not an idea.
    if match and (compact.startswith("ID") or match[1].startswith("20")):
        return Receipt(IDEA, f"ID-{match[1]}-{match[2]}", match[3] or "")
    return None


def matches(receipt):
    """Whether the check characters belong to the number (constant time; the current and the fallback keys)."""

    if not receipt.code:
        return False
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if receipt.kind == SHEET:
        typed = f"{receipt.number}-{receipt.code}"
        results = [constant_time_compare(receipt_number(receipt.number, secret=key), typed) for key in keys]
    else:
        results = [constant_time_compare(check_code(receipt.number, secret=key), receipt.code) for key in keys]
    return any(results)


def receipt_number(serial, secret=None):
    """The serial plus four check digits, as printed on the receipt slip: nobody looks up other
    people's sheets by counting serials (`matches` checks them)."""

    check = int(salted_hmac("paper.sheet-receipt", serial, secret=secret).hexdigest(), 16) % 10000
    return f"{serial}-{check:04d}"
