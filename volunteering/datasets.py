"""The volunteering data staff export (see core.exports): sign-ups with their shifts and recorded hours."""

from types import SimpleNamespace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import ANALYSTS
from core import staff_scope
from core.exports import Column, QuerySetDataset, date_range_lookups, source_id
from core.registry import register_export_dataset
from volunteering.models import Organisation, Signup, reachable_by_email

CHUNK_SIZE = 2000


class Signups(QuerySetDataset):
    key = "signups"
    period_field = "shift__starts_at"
    label = gettext_lazy("Volunteering sign-ups and hours")
    description = gettext_lazy("Sign-ups for volunteering shifts with their status, channel and recorded hours.")
    source_label = gettext_lazy("Organisation")
    date_range = True  # by the shift's start

    def sources(self, user=None):
        """Organisations; with `user`, of the analyst's municipalities only (core.staff_scope)."""
        organisations = Organisation.objects.all()
        if user is not None:
            organisations = staff_scope.sites(organisations, user, ANALYSTS)
        return list(organisations.order_by("name").values_list("pk", "name"))

    def queryset(self, params, open_data=False):
        signups = Signup.objects.all()
        if source_id(params):
            signups = signups.filter(shift__opportunity__organisation_id=source_id(params))
        return signups.filter(**date_range_lookups("shift__starts_at", params))


    def file_stem(self, params):
        organisation = Organisation.objects.filter(pk=source_id(params)).first() if source_id(params) else None
        return f"{organisation.slug}-signups" if organisation else "signups"

    def title(self, params):
        organisation = Organisation.objects.filter(pk=source_id(params)).first() if source_id(params) else None
        return f"{organisation.name} – {self.label}" if organisation else str(self.label)

    def columns(self, params, personal=False, open_data=False):
        columns = [Column("opportunity", _("Opportunity")), Column("organisation", _("Organisation")),
                   Column("shift_start", _("Shift starts")), Column("shift_end", _("Shift ends")),
                   Column("status", _("Status")), Column("channel", _("Channel")), Column("hours", _("Hours"))]
        if personal and not open_data:
            columns += [Column("volunteer_name", _("Volunteer"), personal=True),
                        Column("volunteer_email", _("Email"), personal=True),
                        Column("volunteer_phone", _("Phone"), personal=True)]
        return columns

    def rows(self, params, personal=False, open_data=False):
        personal = personal and not open_data
        fields = ["shift__opportunity__title", "shift__opportunity__organisation__name", "shift__starts_at",
                  "shift__ends_at", "status", "channel", "hours"]
        if personal:
            fields += ["volunteer__display_name", "volunteer__first_name", "volunteer__last_name",
                       "volunteer__email", "volunteer__volunteer_profile__phone"]
        statuses = {key: str(label) for key, label in Signup.Status.choices}
        channels = {key: str(label) for key, label in Signup.Channel.choices}
        signups = self.queryset(params, open_data).order_by("shift__starts_at", "pk").values_list(*fields)
        for values in signups.iterator(chunk_size=CHUNK_SIZE):
            opportunity, organisation, starts_at, ends_at, status, channel, hours = values[:7]
            row = (opportunity, organisation, starts_at, ends_at, statuses.get(status, status),
                   channels.get(channel, channel), hours)
            if personal:
                display_name, first_name, last_name, email, phone = values[7:]
                name = display_name or f"{first_name or ''} {last_name or ''}".strip()
                # People registered at the desk without email have a placeholder address: not theirs.
                email = email if reachable_by_email(SimpleNamespace(email=email)) else ""
                row += (name, email, phone or "")
            yield row


register_export_dataset(Signups())
