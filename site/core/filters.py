"""Date-range filters shared by the staff dashboards of every app."""

import datetime
from dataclasses import dataclass, fields

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def day_range(date_from, date_to):
    """Whole days as aware datetimes in the site's time zone: [start of date_from, start of the day after
    date_to); either end may be None."""
    start = end = None
    if date_from:
        start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min))
    if date_to:
        end = timezone.make_aware(datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min))
    return start, end


@dataclass(frozen=True)
class DateFilters:
    """A dashboard's valid selection: the dates here, each dashboard adds its own fields (with defaults)."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @property
    def active(self):
        return any(getattr(self, field.name) for field in fields(self))

    def moments(self):
        """The date range as aware datetimes in the site's time zone: [start, end)."""
        return day_range(self.date_from, self.date_to)

    def in_range(self, queryset, field):
        """`queryset` limited to the rows whose date-time `field` lies in the range."""
        start, end = self.moments()
        if start:
            queryset = queryset.filter(**{f"{field}__gte": start})
        if end:
            queryset = queryset.filter(**{f"{field}__lt": end})
        return queryset


class DateRangeForm(forms.Form):
    """A GET form's "from" and "to" dates; dashboards add their own fields."""

    date_from = forms.DateField(label=gettext_lazy("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=gettext_lazy("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned


def list_filters(queryset, filters, lookups):
    """`queryset` limited by a public list's filters: `lookups` maps each filter to its lookup and the values it
    may take (None: any non-empty value, e.g. a slug); a filter that is empty or not allowed is left out."""
    for key, (lookup, allowed) in lookups.items():
        value = filters[key]
        if value and (allowed is None or value in allowed):
            queryset = queryset.filter(**{lookup: value})
    return queryset
