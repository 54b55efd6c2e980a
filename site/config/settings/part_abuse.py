"""Settings for issue 21 (abuse of the public forms), kept apart so that the parts can be built side by side.
Imported at the end of base.py: names here override base.py's.

The README ("Uploads and input") explains the figures for operators.
"""

# Rate limits of the site's own public forms, all counted by core.ratelimit (a sliding window; sign-in and
# password reset are allauth's: ACCOUNT_RATE_LIMITS). Per action and subject: "amount/period", several
# comma-separated rates must all allow (period s/m/h/d, as in ACCOUNT_RATE_LIMITS). Subjects:
# - "account": a signed-in person; "email": the address a guest gives (ideas, guest supports, email surveys,
#   barrier reports). Tight: they count one person.
# - "address": the client address (core.security.client_ip; IPv6 by its /64 network). High, because many
#   people may share one: a Bürgerbüro's public computer, a library, an event's Wi-Fi, a mobile network's
#   shared IPv4 (carrier-grade NAT). 60 ideas an hour from one address is a whole workshop of 30 people sending
#   two ideas each within the hour; a script gets no further than that.
# A guest's email address counts before she has confirmed it: a made-up address per idea escapes the per-email
# limit but buys nothing public (a guest's idea is published only after the link in the mail is clicked), and
# the per-address limit still holds. Every send counts, also one that comes back with a field to correct (the
# limits leave room for that); a refused one counts nowhere.
RATE_LIMITS = {
    "idea": {"account": "10/h", "email": "10/h,20/d", "address": "60/h,300/d"},
    "comment": {"account": "20/h", "address": "120/h"},
    # Each guest support sends a confirmation mail to the address given: capped per address per day as well.
    "support": {"email": "20/h,50/d", "address": "60/h"},
    # A new response to an "anyone" survey (sections of a started one are not counted: people answering page
    # by page are never slowed). A survey at an event is filled in by everyone in the room at once.
    "survey": {"account": "10/h", "address": "100/h,500/d"},
    "survey_email": {"email": "3/h,5/d", "address": "60/h"},  # each start mails a link
    "barrier_report": {"email": "10/h", "address": "30/h"},
    # Registering for an event: a guest's registration mails a confirmation link, as a guest support does. A
    # workshop's registrations come in from one Wi-Fi when staff help people register on the spot.
    "event_registration": {"account": "10/h", "email": "5/h,20/d", "address": "60/h,300/d"},
    # Following a process mails a confirmation link to the address given (participation/ideas/following.py).
    "follow": {"email": "3/h,5/d", "address": "30/h"},
    # Checking a receipt number's check characters: 130,321 codes per number, so even 30 tries an hour from one
    # address need some 2,000 hours to hit one number's code half the time (participation/ideas/receipts.py), while a
    # Bürgerbüro's counter or a library computer can look up the receipts its visitors bring. "kind": the
    # refusal speaks of lookups, not of entries (core.ratelimit.Refusal).
    "receipt_lookup": {"account": "10/h", "address": "30/h", "kind": "lookup"},
}

# Images kept on the server while the rest of an idea form is corrected (private storage, participation.
# uploads.PendingImages), in bytes, until they are sent with the idea or deleted after 24 hours. A form takes
# three images of at most 8 MB, so a session may hold what five such forms left behind; an address (see above)
# what several people correcting forms at the same desk leave behind in a day.
PENDING_IMAGE_BYTES = {"session": 40 * 1024 * 1024, "address": 250 * 1024 * 1024}
