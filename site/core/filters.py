"""Date-range filters shared by the staff dashboards of every app."""

import datetime

from django import forms
from django.utils import timezone
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


class DateRangeForm(forms.Form):
    """A GET form's "from" and "to" dates; dashboards add their own fields."""

    date_from = forms.DateField(label=gettext_lazy("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=gettext_lazy("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
