"""What volunteering holds about a person, for "download my data", and how an account deletion forgets it:
future sign-ups are withdrawn (the place goes to the next person in line), the profile, messages and
certificate records are deleted (the name kept for the Ehrenamtsnachweis goes with the profile); past sign-ups
and hours stay with the anonymised account."""

from django.db.models import Q

from volunteering import signup as signups
from volunteering.models import CertificateRecord, Message, Signup, VolunteerProfile


def _signups(user):
    return [
        {"opportunity": signup.shift.opportunity.title, "organisation": signup.shift.opportunity.organisation.name,
         "starts_at": signup.shift.starts_at, "ends_at": signup.shift.ends_at, "status": signup.status,
         "channel": signup.channel, "hours": signup.hours, "signed_up_at": signup.created_at,
         "attendance_recorded_at": signup.attendance_recorded_at}
        for signup in Signup.objects.filter(volunteer=user).select_related("shift__opportunity__organisation")
        .order_by("shift__starts_at", "pk")
    ]


def _profile(user):
    profile = (VolunteerProfile.objects.filter(user=user).select_related("home_district")
               .prefetch_related("interests", "skills").first())
    if profile is None:
        return []
    return [{
        "name_on_certificates": profile.full_name,
        "fields_of_engagement": [interest.name for interest in profile.interests.all()],
        "skills": [skill.name for skill in profile.skills.all()], "languages": profile.languages,
        "availability": profile.availability,
        "home_district": profile.home_district.name if profile.home_district else None,
        "max_km": profile.max_km, "remote_only": profile.remote_only,
        "needs_wheelchair_access": profile.needs_wheelchair_access,
        "needs_little_german": profile.needs_little_german, "birth_year": profile.birth_year,
        "weekly_digest": profile.weekly_digest, "phone": profile.phone, "postal_address": profile.postal_address,
    }]


def _messages(user):
    return [
        {"organisation": message.organisation.name,
         "from": "organisation" if message.from_organisation else "me", "text": message.body,
         "sent_at": message.created_at, "read_at": message.read_at}
        for message in Message.objects.filter(volunteer=user).select_related("organisation").order_by("created_at")
    ]


def _certificates(user):
    return [
        {"organisation": record.organisation.name, "certificate": record.requirement, "seen_on": record.seen_on,
         "issued_on": record.issued_on, "due_again_on": record.due_on}
        for record in CertificateRecord.objects.filter(volunteer=user).select_related("organisation")
    ]


def forget(user, now):
    """Inside the deletion's transaction (the user's row is locked first, as signup.py wants)."""
    upcoming = Signup.objects.filter(Q(volunteer=user, shift__starts_at__gt=now, status__in=signups.CANCELLABLE))
    for signup_id in upcoming.values_list("pk", flat=True):
        signups.cancel(signup_id, user, now)  # offers the freed place to the next person in line
    VolunteerProfile.objects.filter(user=user).delete()
    Message.objects.filter(volunteer=user).delete()
    CertificateRecord.objects.filter(volunteer=user).delete()
    user.volunteer_organisations.clear()


def register():
    from core.registry import register_account_eraser, register_personal_data

    register_personal_data("volunteering_signups", _signups)
    register_personal_data("volunteer_profile", _profile)
    register_personal_data("volunteering_messages", _messages)
    register_personal_data("certificate_records", _certificates)
    register_account_eraser(forget)
