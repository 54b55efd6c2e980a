"""Where feature apps plug into site-wide pages and exports without core importing them.

A feature app registers, in its ``AppConfig.ready()``, a function that takes ``(page, request)`` and returns
rendered HTML (or "") for a slot of another app's page: the project page's "Take part" slot ("project": the
project's surveys, idea calls, events, volunteering opportunities) or the process page's ("process": its events).
A page shows its slot with ``{% page_sections_for page "project" %}`` (core's site_tags).
"""

page_sections = {}


def register_page_section(slot, render):
    page_sections.setdefault(slot, []).append(render)
    return render


def register_project_section(render):
    return register_page_section("project", render)


# Links that feature apps add to the main navigation after the pages: (label, URL name) pairs.
menu_links = []


def register_menu_link(label, url_name):
    menu_links.append((label, url_name))


# Data staff can export (core.exports), by key: each feature app registers its datasets in its ready().
export_datasets = {}


def register_export_dataset(dataset):
    export_datasets[dataset.key] = dataset
    return dataset


# Personal data (GDPR, accounts app): what each feature app holds about a person and how it forgets them.
# ``personal_data[kind]`` is a function ``(user) -> list of JSON-safe dicts`` for "download my data";
# each function in ``account_erasers`` takes ``(user, now)`` and runs inside the account deletion's
# transaction, before the account itself is blanked (the user still has their email then).
personal_data = {}
account_erasers = []


def register_personal_data(kind, collect):
    personal_data[kind] = collect
    return collect


def register_account_eraser(erase):
    account_erasers.append(erase)
    return erase


# The printable twin of a page that takes part (the paper app's download of the blank form): one view
# ``(request, page) -> response``. Idea calls and surveys route their "print" address here, so they need not
# import the paper app, which builds on them.
printable_twin_views = []


def register_printable_twin(view):
    printable_twin_views[:] = [view]
    return view


def printable_twin(request, page):
    if not printable_twin_views:
        from django.http import Http404

        raise Http404
    return printable_twin_views[0](request, page)


# What a person finds about her own contributions on her account page: functions ``(request) -> HTML or ""``
# (her ideas and comments from the ideas app; more apps may add theirs).
account_sections = []


def register_account_section(render):
    account_sections.append(render)
    return render


# Who asked to hear about a page (staff "write to participants"): functions ``(page) -> {address: recipient}``
# that other apps add to a page's own list (the events' participants who agreed to news, for their process).
page_audiences = []


def register_page_audience(audience):
    page_audiences.append(audience)
    return audience


# The region portal (issue 26, core.region): functions ``(request, scope) -> HTML or ""`` listing a feature's
# items across the municipalities the visitor chose (``scope``: core.region.Scope).
region_sections = []


def register_region_section(render):
    region_sections.append(render)
    return render
