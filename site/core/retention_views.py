"""The retention rules in the admin (issue 24, point 18): what is deleted when, read from the settings that
decide it (RETENTION_RULES and the inactive-account rule), so the page says what the site does."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _period(value, unit):
    if unit == "hours":
        return ngettext("%(count)s hour", "%(count)s hours", value) % {"count": value}
    return ngettext("%(count)s day", "%(count)s days", value) % {"count": value}


def rules():
    rows = [{"what": _(rule["what"]), "setting": rule["setting"],
             "kept": _period(getattr(settings, rule["setting"], rule["default"]), rule["unit"])}
            for rule in settings.RETENTION_RULES.values()]
    rows.append({"what": _("Accounts without a sign-in: warned by mail, then deleted unless the person signs in "
                           "(staff accounts and accounts made at the desk never)"),
                 "kept": _("%(warn)s, then %(grace)s more") % {
                     "warn": _period(settings.INACTIVE_ACCOUNT_WARN_DAYS, "days"),
                     "grace": _period(settings.INACTIVE_ACCOUNT_GRACE_DAYS, "days")},
                 "setting": "INACTIVE_ACCOUNT_WARN_DAYS, INACTIVE_ACCOUNT_GRACE_DAYS"})
    rows.append({"what": _("“Download my data” files"),
                 "kept": _period(settings.DATA_EXPORT_KEEP_DAYS, "days"), "setting": "DATA_EXPORT_KEEP_DAYS"})
    return rows


def retention_rules(request):
    """Any member of staff may read it (it is what the privacy notice promises); changing a period is a setting."""
    return TemplateResponse(request, "core/retention_rules.html",
                            {"page_title": _("Retention rules"), "rules": rules()})
