"""Query budgets: every list and detail page runs the same number of queries with few and with many items.

Each case below builds SMALL items, measures every page it names (after a warm-up request, with the anonymous
page cache off), adds items up to its large number and measures again; the counts must be equal, and each
page must show the items (so a page that silently shows nothing cannot pass). Where a case found a page
whose queries grew, the fix names the counts before and after in a comment.

Which test proves each page ("here" = a case in this file, by the start of its name):

| Page                                      | Items (few / many)        | Proved by (tests/...)                   |
|-------------------------------------------|---------------------------|-----------------------------------------|
| Home page                                 | posts 5 / 60              | blog/test_query_counts.py               |
| Blog index, category archive, blog post   | posts 5 / 60              | blog/test_query_counts.py               |
| Blog tag, author and year archives        | posts 5 / 60              | here: blog archives                     |
| Blog feeds: RSS, Atom, per category       | posts 5 / 60              | here: blog archives                     |
| Search                                    | matching posts 5 / 60     | here: blog archives                     |
| API v2 pages (MeinLübeckApp)              | posts 5 / 60              | here: blog archives [fixed 1]           |
| Sitemap of a language                     | pages 5 / 60              | here: blog archives                     |
| Project index                             | projects 5 / 60           | here: project index                     |
| Project page: related posts               | posts 5 / 60              | blog/test_query_counts.py               |
| Project page: milestones, data, offers    | each 5 / 1,000            | here: project page                      |
| Standard, Easy Language, DGS pages        | menu pages 0 / 5          | accessibility/test_pages.py             |
| Accessibility statement                   | barriers 0 / 20           | accessibility/test_pages.py             |
| Idea list, its filters and search         | ideas 10 / 1,000          | participation/test_idea_list_queries.py |
| Idea detail                               | comments, photos 5 / 200  | here: idea detail                       |
| Survey start page                         | answers 5 / 1,000         | here: survey start page                 |
| Survey results                            | answers 10 / 10,000       | participation/test_surveys.py           |
| Opportunity list (/engagement/)           | opportunities 3 / 30      | volunteering/test_pages.py              |
| Opportunity detail                        | shifts, sign-ups 5 / 200  | here: opportunity detail                |
| My sign-ups                               | sign-ups 5 / 200          | here: my sign-ups                       |
| Volunteer profile form                    | interests, skills 5 / 200 | here: volunteer profile form            |
| Suggestions                               | opportunities 2 / 20      | volunteering/test_profile.py            |
| My messages (inbox)                       | threads 2 / 20            | volunteering/test_organisations.py      |
| Message thread, volunteer's side          | messages 5 / 1,000        | here: message thread, volunteer's       |
| Calendar feed                             | sign-ups 2 / 20           | volunteering/test_calendar.py           |
| Account page                              | consents 5 / 200          | here: account page                      |
| Organisation: dashboard, requests, inbox  | sign-ups 2 / 20           | volunteering/test_organisations.py      |
| Organisation: people on a shift           | sign-ups 2 / 20           | volunteering/test_organisations.py      |
| Organisation: dashboard                   | opportunities 5 / 200     | here: organisation: dashboard           |
| Organisation: my organisations            | organisations 5 / 200     | here: organisation: my organisations    |
| Organisation: opportunity form            | shifts 5 / 150            | here: opportunity form [fixed 2]        |
| Organisation: attendance                  | people 5 / 200            | here: organisation: attendance          |
| Organisation: message thread              | messages 5 / 1,000        | here: organisation: message thread      |
| Organisation: certificates of a person    | - (a row per requirement) | nothing grows: at most two rows         |
| Volunteer desk: start page                | people 5 / 1,000          | here: volunteer desk                    |
| Volunteer desk: person                    | shifts, sign-ups 2 / 20   | volunteering/test_desk.py               |
| Admin: moderation queue of ideas          | ideas 5 / 1,000           | here: moderation queue of ideas         |
| Admin: moderation queue of comments       | comments 5 / 1,000        | here: ... of comments [fixed 3]         |
| Admin: barrier reports                    | reports 1 / 16            | accessibility/test_feedback.py          |
| Admin: organisations, opportunities       | each 5 / 200              | here: admin: organisations [fixed 4]    |
| Admin: dashboards, survey dashboard       | ideas, answers 5 / 1,000  | here: admin: dashboards                 |
| Admin: process dashboard                  | ideas 2 / 20              | participation/test_dashboards.py        |
| Admin: volunteering dashboard             | sign-ups 2 / 20           | volunteering/test_dashboard.py          |
| Admin: my exports                         | export jobs 2 / 12        | core/test_exports.py                    |
| Admin: export log                         | entries 5 / 1,000         | here: admin: export log                 |
| Admin: access codes, printed sheets       | codes, batches 5 / 1,000  | here: admin: survey access codes        |
| Paper entry: start page, a sheet          | sheets 5 / 1,000          | here: paper entry and scans             |
| Scans: uploads, review queue, handwriting | scans, tasks 5 / 1,000    | here: ... scans [fixed 5]               |

Fixed on the way (queries with few / many items, before → after):
[1] API listing: the locale, authors, categories, tags and image per post (site/config/api.py): 25 / 70 → 13 / 13.
[2] The opportunity form's shifts: a new annotated queryset per form (volunteering/org_forms.py): 58 / 783 → 23 / 23.
[3] The comment queue's "idea" column (participation/ideas/viewsets.py): 18 / 33 → 13 / 13.
[4] The "district" and "organisation" columns (volunteering/wagtail_hooks.py): 19 / 34 → 14 / 14, 20 / 33 → 13 / 13.
[5] One audit row per handwriting snippet shown, now one insert (participation/paper/scan_views.py): 26 / 31 → 22 / 22.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import ConsentRecord, User
from accounts.roles import ANALYSTS, EDITORS, MODERATORS, VOLUNTEER_COORDINATORS
from blog.models import Author, BlogIndexPage, BlogPage, Category
from core.charts import format_number
from core.models import District, ExportLog, Milestone, ProjectDataSet, ProjectIndexPage, ProjectPage
from participation.ideas.models import Comment, Idea, IdeaCategory, IdeaImage, ParticipationProcessPage, StatusChange
from participation.paper.models import PrintBatch, ReviewTask, ScanImport, ScanPage, Sheet
from participation.surveys.models import AccessCode, SurveyPage, SurveyResponse
from volunteering.models import (
    Interest,
    Message,
    Opportunity,
    Organisation,
    Shift,
    Signup,
    Skill,
    VolunteerProfile,
)

pytestmark = pytest.mark.django_db

# Fewer than any page shows (10 on the blog and in search, 20 or more elsewhere), so that a query per shown
# item makes a difference even on paginated lists.
SMALL = 5
LARGE = 1000


@dataclass
class Budget:
    """The pages to measure, how to add `count` items numbered from `start`, and what each page must show."""

    pages: dict[str, Callable[[str, int], bool]]
    add: Callable[[int, int], None]
    large: int = LARGE


CASES = {}  # name -> a function that takes the test client (to sign in) and returns the Budget


def case(name):
    def register(build):
        CASES[name] = build
        return build

    return register


def staff(role, email):
    user = User.objects.create_user(email, "Ein-Langes-Passwort-1", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def people(start, count, prefix="person"):
    return User.objects.bulk_create([
        User(email=f"{prefix}{number}@example.org", password="!", display_name=f"Person {number}")
        for number in range(start, start + count)
    ])


def verified_organisation(slug="budget-verein"):
    return Organisation.objects.create(name="Budgetverein Lübeck", slug=slug, contact_email="info@verein.example",
                                       verified_at=timezone.now())


def one_opportunity(organisation, slug="budget-angebot", **extra):
    return Opportunity.objects.create(organisation=organisation, title="Budgetangebot", slug=slug,
                                      description="Helfen in Lübeck.", published=True, **extra)


def shifts_for(opportunity, start, count, days_ahead=3):
    begin = timezone.now() + datetime.timedelta(days=days_ahead)
    return Shift.objects.bulk_create([
        Shift(opportunity=opportunity, starts_at=begin + datetime.timedelta(hours=number),
              ends_at=begin + datetime.timedelta(hours=number, minutes=45), capacity=3)
        for number in range(start, start + count)
    ])


def opportunities_with_a_shift(organisation, start, count):
    """`count` published opportunities, "Einsatz Nr. <n>", each with one shift in two days; returns the shifts."""
    opportunities = Opportunity.objects.bulk_create([
        Opportunity(organisation=organisation, title=f"Einsatz Nr. {n}", slug=f"einsatz-{n}", description="x",
                    published=True) for n in range(start, start + count)])
    begin = timezone.now() + datetime.timedelta(days=2)
    return Shift.objects.bulk_create([Shift(opportunity=o, starts_at=begin, ends_at=begin + datetime.timedelta(hours=2))
                                      for o in opportunities])


def process():
    return ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")


def survey():
    return SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")


def ideas(start, count, **extra):
    categories, districts = list(IdeaCategory.objects.all()), list(District.objects.all())
    moment = timezone.now()
    return Idea.objects.bulk_create([
        Idea(process=process(), reference=f"ID-2099-{number:05d}", title=f"Budgetidee {number}", description="Text",
             category=categories[number % len(categories)], district=districts[number % len(districts)],
             contact_email="x@example.org", consent_at=moment, confirmed_at=moment, **extra)
        for number in range(start, start + count)
    ])


def responses(start, count):
    SurveyResponse.objects.bulk_create([
        SurveyResponse(survey=survey(), submitted_at=timezone.now(), answers={}) for _number in range(count)
    ])


# --- public pages -------------------------------------------------------------------------------------------


@case("blog archives (tag, author, year), feeds, search, API")
def blog_archives(client):
    blog = BlogIndexPage.objects.get(locale__language_code="de")
    BlogPage.objects.filter(locale__language_code="de").delete()  # only the posts made here
    author = Author.objects.create(name="Budget Autorin", slug="budget-autorin")
    category = Category.objects.get(slug="mobilitaet", locale__language_code="de")

    def add(start, count):
        for number in range(start, start + count):
            post = BlogPage(title=f"Budgetprobe {number}", slug=f"budgetprobe-{number}", teaser="Kurz.",
                            date=datetime.date(2031, 1, 1) + datetime.timedelta(days=number),
                            body=[("paragraph", "<p>Text über Lübeck.</p>")], authors=[author],
                            categories=[category])
            post.tags.add("Budgetschlagwort")
            blog.add_child(instance=post)

    def newest(html, total):
        return f"Budgetprobe {total - 1}<" in html

    def results(html, total):
        heading = re.search(r'id="results-heading">([^<]*)<', html).group(1)
        return heading.startswith(f"{total} ")

    return Budget({
        "/de/digitalblog/schlagwort/budgetschlagwort/": newest,
        "/de/digitalblog/autorin/budget-autorin/": newest,
        "/de/digitalblog/2031/": newest,
        "/de/digitalblog/feed/rss/": newest,
        "/de/digitalblog/feed/atom/": newest,
        "/de/digitalblog/kategorie/mobilitaet/feed/rss/": newest,
        "/de/suche/?q=Budgetprobe": results,
        "/api/v2/pages/?type=blog.BlogPage&locale=de&fields=authors,categories,tags,hero_image_url,teaser":
            lambda html, total: f'"total_count": {total}' in html,
        "/sitemap-de.xml": lambda html, total: html.count("/budgetprobe-") == total,
    }, add, large=60)  # pages are slow to create: 60 posts are six pages of every list


@case("project index")
def project_index(client):
    index = ProjectIndexPage.objects.get(locale__language_code="de")

    def add(start, count):
        for number in range(start, start + count):
            index.add_child(instance=ProjectPage(title=f"Budgetprojekt {number}", slug=f"budgetprojekt-{number}",
                                                 teaser="Ein Projekt.", period="2026–2028"))

    return Budget({"/de/projekte/": lambda html, total: html.count(">Budgetprojekt ") == total}, add, large=60)


@case("project page (milestones, open data, opportunities)")
def project_page(client):
    project = ProjectPage.objects.get(slug="baustellenmanagement-roads", locale__language_code="de")
    organisation = verified_organisation()

    def add(start, count):
        Milestone.objects.bulk_create([Milestone(project=project, when="2027", title=f"Meilenstein Nr. {number}",
                                                 sort_order=number) for number in range(start, start + count)])
        ProjectDataSet.objects.bulk_create([ProjectDataSet(project=project, title=f"Datensatz Nr. {number}",
                                                           url="https://daten.example/", sort_order=number)
                                            for number in range(start, start + count)])
        Opportunity.objects.bulk_create([
            Opportunity(organisation=organisation, title=f"Probeeinsatz {number}", slug=f"probeeinsatz-{number}",
                        description="Helfen.", published=True, project=project)
            for number in range(start, start + count)
        ])

    def shows(html, total):
        return (html.count("Meilenstein Nr.") == total and html.count("Datensatz Nr.") == total
                and html.count("Probeeinsatz ") == min(total, 10))

    return Budget({project.url: shows}, add)


@case("idea detail (comments, replies, photos, timeline)")
def idea_detail(client):
    (idea,) = ideas(0, 1, published=True, published_at=timezone.now())
    first = Comment.objects.create(idea=idea, text="Der erste Kommentar", published=True)
    commenters = people(0, 1, "kommentar")

    def add(start, count):
        Comment.objects.bulk_create(
            [Comment(idea=idea, author=commenters[0], author_name=f"Nr. {n}", text=f"Kommentar {n}", published=True)
             for n in range(start, start + count)]
            + [Comment(idea=idea, parent=first, author=commenters[0], text=f"Antwort {n}", published=True)
               for n in range(start, start + count)])
        IdeaImage.objects.bulk_create([IdeaImage(idea=idea, file=f"ideas/budgetfoto-{n}.jpg", width=64, height=48)
                                       for n in range(start, start + count)])
        StatusChange.objects.bulk_create([StatusChange(idea=idea, status=Idea.Status.IN_REVIEW, note=f"Schritt {n}")
                                          for n in range(start, start + count)])

    def shows(html, total):
        return (html.count('<article class="comment">') == 2 * total + 1 and html.count("budgetfoto-") == total
                and html.count("Schritt ") == total)

    return Budget({idea.get_absolute_url(): shows}, add, large=200)


@case("survey start page (answers given)")
def survey_start(client):
    page = survey()
    return Budget({page.url: lambda html, total: page.title in html}, responses)


@case("opportunity detail (shifts and sign-ups)")
def opportunity_detail(client):
    organisation = verified_organisation()
    opportunity = one_opportunity(organisation)
    (me,) = people(0, 1, "ich")
    client.force_login(me)

    def add(start, count):
        shifts = shifts_for(opportunity, start, count)
        helpers = people(start, count, "helfer")
        Signup.objects.bulk_create([Signup(shift=shift, volunteer=person, status=Signup.Status.CONFIRMED)
                                    for shift, person in zip(shifts, helpers, strict=True)])
        Signup.objects.create(shift=shifts[0], volunteer=me, status=Signup.Status.REQUESTED)

    return Budget({f"/de/engagement/{opportunity.slug}/": lambda html, total: html.count("data-free") == total},
                  add, large=200)


@case("my sign-ups")
def my_signups(client):
    organisation = verified_organisation()
    (me,) = people(0, 1, "ich")
    client.force_login(me)

    def add(start, count):
        shifts = opportunities_with_a_shift(organisation, start, count)
        Signup.objects.bulk_create([Signup(shift=s, volunteer=me, status=Signup.Status.CONFIRMED) for s in shifts])

    return Budget({"/de/engagement/meine-anmeldungen/": lambda html, total: html.count("data-status") == total},
                  add, large=200)


@case("volunteer profile form (interests and skills to choose)")
def volunteer_profile(client):
    (me,) = people(0, 1, "ich")
    client.force_login(me)

    def add(start, count):
        Interest.objects.bulk_create([Interest(name=f"Budgetinteresse {n}", slug=f"budgetinteresse-{n}")
                                      for n in range(start, start + count)])
        Skill.objects.bulk_create([Skill(name=f"Budgetkenntnis {n}", slug=f"budgetkenntnis-{n}")
                                   for n in range(start, start + count)])

    def shows(html, total):
        return html.count("Budgetinteresse ") == total and html.count("Budgetkenntnis ") == total

    return Budget({"/de/engagement/mein-profil/": shows}, add, large=200)


@case("message thread, volunteer's side")
def volunteer_thread(client):
    organisation = verified_organisation()
    (me,) = people(0, 1, "ich")
    client.force_login(me)

    def add(start, count):
        Message.objects.bulk_create([Message(organisation=organisation, volunteer=me, sender=me, body=f"Nachricht {n}",
                                             from_organisation=bool(n % 2)) for n in range(start, start + count)])

    return Budget({f"/de/engagement/nachrichten/{organisation.slug}/":
                   lambda html, total: html.count("data-message=") == total}, add)


@case("account page (consents)")
def account_page(client):
    (me,) = people(0, 1, "ich")
    client.force_login(me)

    def add(start, count):
        ConsentRecord.objects.bulk_create([ConsentRecord(user=me, purpose="account", text_version=f"v{n}",
                                                         text="Budgettext", text_sha256="0" * 64)
                                           for n in range(start, start + count)])

    return Budget({"/de/konto/": lambda html, total: html.count("Budgettext") == total}, add, large=200)


# --- the organisations' area --------------------------------------------------------------------------------


def member_of(client, organisation):
    (member,) = people(0, 1, "mitglied")
    organisation.members.add(member)
    client.force_login(member)
    return member


@case("organisation: dashboard (opportunities and shifts)")
def organisation_dashboard(client):
    organisation = verified_organisation()
    member_of(client, organisation)

    def add(start, count):
        opportunities_with_a_shift(organisation, start, count)

    def shows(html, total):
        return html.count('<h3 class="kern-title" id="opportunity-') == total and html.count("data-shift=") == total

    return Budget({f"/de/engagement/organisation/{organisation.slug}/": shows}, add, large=200)


@case("organisation: my organisations")
def my_organisations(client):
    (member,) = people(0, 1, "mitglied")
    client.force_login(member)

    def add(start, count):
        organisations = Organisation.objects.bulk_create([
            Organisation(name=f"Verein Nr. {n}", slug=f"verein-{n}", contact_email="v@example.org")
            for n in range(start, start + count)])
        Organisation.members.through.objects.bulk_create([
            Organisation.members.through(organisation=o, user=member) for o in organisations])

    return Budget({"/de/engagement/organisation/": lambda html, total: html.count("Verein Nr.") == total}, add,
                  large=200)


@case("organisation: opportunity form (shifts)")
def opportunity_form(client):
    organisation = verified_organisation()
    member_of(client, organisation)
    opportunity = one_opportunity(organisation)

    def add(start, count):
        shifts = shifts_for(opportunity, start, count)
        helpers = people(start, count, "helfer")
        Signup.objects.bulk_create([Signup(shift=shift, volunteer=person, status=Signup.Status.CONFIRMED)
                                    for shift, person in zip(shifts, helpers, strict=True)])

    url = f"/de/engagement/organisation/{organisation.slug}/angebote/{opportunity.pk}/"
    # The form takes at most 200 shifts (volunteering.org_forms.ShiftFormSet), two of them empty.
    return Budget({url: lambda html, total: html.count('name="shifts-') >= total * 3}, add, large=150)


@case("organisation: attendance of a shift")
def attendance(client):
    organisation = verified_organisation()
    member_of(client, organisation)
    (shift,) = shifts_for(one_opportunity(organisation), 0, 1, days_ahead=-1)  # started yesterday

    def add(start, count):
        Signup.objects.bulk_create([Signup(shift=shift, volunteer=person, status=Signup.Status.CONFIRMED)
                                    for person in people(start, count, "helfer")])

    url = f"/de/engagement/organisation/{organisation.slug}/schichten/{shift.pk}/anwesenheit/"
    return Budget({url: lambda html, total: html.count("data-signup=") == total}, add, large=200)


@case("organisation: message thread, organisation's side")
def organisation_thread(client):
    organisation = verified_organisation()
    member_of(client, organisation)
    (person,) = people(0, 1, "helferin")

    def add(start, count):
        Message.objects.bulk_create([Message(organisation=organisation, volunteer=person, sender=person,
                                             body=f"Nachricht {n}") for n in range(start, start + count)])

    url = f"/de/engagement/organisation/{organisation.slug}/nachrichten/{person.pk}/"
    return Budget({url: lambda html, total: html.count("data-message=") == total}, add)


# --- staff --------------------------------------------------------------------------------------------------


@case("volunteer desk: start page (people)")
def desk_home(client):
    client.force_login(staff(VOLUNTEER_COORDINATORS, "agentur@luebeck.example"))

    def add(start, count):
        persons = people(start, count, "schalter")
        VolunteerProfile.objects.bulk_create([VolunteerProfile(user=p, phone="0451 1234") for p in persons])

    return Budget({"/de/engagement/vermittlung/": lambda html, total: html.count("0451 1234") == min(total, 30)},
                  add)


@case("admin: moderation queue of ideas")
def idea_queue(client):
    client.force_login(staff(MODERATORS, "mo@luebeck.example"))

    def add(start, count):
        ideas(start, count)

    return Budget({"/admin/ideas/": lambda html, total: f"ID-2099-{total - 1:05d}" in html}, add)


@case("admin: moderation queue of comments")
def comment_queue(client):
    client.force_login(staff(MODERATORS, "mo@luebeck.example"))
    (idea,) = ideas(0, 1)

    def add(start, count):
        Comment.objects.bulk_create([Comment(idea=idea, author_name=f"Nr. {n}", text=f"Budgetkommentar {n}")
                                     for n in range(start, start + count)])

    return Budget({"/admin/idea_comments/": lambda html, total: html.count("Budgetkommentar") >= min(total, 20)},
                  add)


@case("admin: organisations and opportunities")
def organisation_admin(client):
    client.force_login(staff(VOLUNTEER_COORDINATORS, "agentur@luebeck.example"))

    def add(start, count):
        districts = list(District.objects.all())
        organisations = Organisation.objects.bulk_create([
            Organisation(name=f"Verein Nr. {n}", slug=f"verein-{n}", contact_email="v@example.org",
                         district=districts[n % len(districts)])
            for n in range(start, start + count)])
        Opportunity.objects.bulk_create([
            Opportunity(organisation=o, title=f"Einsatz Nr. {o.pk}", slug=f"einsatz-{o.pk}", description="x")
            for o in organisations])

    return Budget({
        "/admin/snippets/volunteering/organisation/": lambda html, total: html.count("Verein Nr.") >= min(total, 20),
        "/admin/snippets/volunteering/opportunity/": lambda html, total: html.count("Einsatz Nr.") >= min(total, 20),
    }, add, large=200)


@case("admin: dashboards overview and survey dashboard")
def dashboards(client):
    client.force_login(staff(ANALYSTS, "ana@luebeck.example"))

    def add(start, count):
        ideas(start, count, published=True, published_at=timezone.now())
        responses(start, count)

    page = survey()

    def answered():
        return format_number(SurveyResponse.objects.filter(survey=page, submitted_at__isnull=False).count())

    return Budget({
        "/admin/dashboards/": lambda html, total: f'data-cell="responses">{answered()}<' in html,
        f"/admin/dashboards/survey/{page.pk}/": lambda html, total: f">{answered()}<" in html,
    }, add)


@case("admin: export log")
def export_log(client):
    client.force_login(User.objects.create_superuser("datenschutz@luebeck.example", "Ein-Langes-Passwort-1"))

    def add(start, count):
        ExportLog.objects.bulk_create([ExportLog(user_email=f"ana{n}@luebeck.example", dataset="ideas", format="csv",
                                                 delivery="streamed", rows=n) for n in range(start, start + count)])

    return Budget({"/admin/exports/log/": lambda html, total: html.count("@luebeck.example</td>") == min(total, 50)},
                  add)


@case("admin: survey access codes and printed sheets")
def survey_admin(client):
    client.force_login(staff(EDITORS, "red@luebeck.example"))
    page = survey()

    def add(start, count):
        AccessCode.objects.bulk_create([AccessCode(survey=page, code=f"BUDG-{n:05d}")
                                        for n in range(start, start + count)])
        PrintBatch.objects.bulk_create([PrintBatch(survey=page, count=10, location=f"Bürgeramt {n}")
                                        for n in range(start, start + count)])

    return Budget({
        f"/admin/surveys/{page.pk}/codes/": lambda html, total: html.count("BUDG-") == total,
        f"/admin/paper/{page.pk}/sheets/": lambda html, total: html.count("Bürgeramt") == min(total, 20),
    }, add)


@case("paper entry and scans: start, uploads, review queue, handwriting")
def scans(client):
    client.force_login(staff(MODERATORS, "mo@luebeck.example"))
    page = survey()
    batch = PrintBatch.objects.create(survey=page, count=LARGE)

    def add(start, count):
        Sheet.objects.bulk_create([Sheet(batch=batch, serial=f"B{n:06d}") for n in range(start, start + count)])
        imports = ScanImport.objects.bulk_create([
            ScanImport(file=f"scans/{n}.pdf", original_name=f"stapel-{n}.pdf", sha256=f"{n:064d}", page_count=2,
                       pages_read=1) for n in range(start, start + count)])
        pages = ScanPage.objects.bulk_create([ScanPage(scan_import=i, index=0, status=ScanPage.Status.REVIEW)
                                              for i in imports])
        ReviewTask.objects.bulk_create([ReviewTask(page=p, kind=ReviewTask.Kind.TEXT, reason="handwriting",
                                                   question_id="freitext") for p in pages])

    return Budget({
        "/de/papiererfassung/": lambda html, total: f"Umfrage: {page.title}" in html,  # a sheet printed at home
        f"/de/papiererfassung/B{SMALL - 1:06d}/": lambda html, total: f"B{SMALL - 1:06d}" in html,
        "/de/papiererfassung/scans/": lambda html, total: html.count("data-batch-status=") == min(total, 20),
        "/de/papiererfassung/pruefen/": lambda html, total: f'role="status">{total} ' in html,
        "/de/papiererfassung/pruefen/text/freitext/": lambda html, total: html.count('name="value-') == min(total, 10),
    }, add)


# --- the test -----------------------------------------------------------------------------------------------


def measure(client, budget, total):
    counts = {}
    for url, shows in budget.pages.items():
        client.get(url)  # a first request makes one-off lookups (site root, locales, groups): measure the steady state
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        assert shows(html, total), f"{url} does not show the {total} items"
        counts[url] = len(captured)
    return counts


@pytest.mark.parametrize("name", list(CASES))
def test_queries_do_not_grow_with_the_data(client, demo_site, settings, name):
    settings.PAGE_CACHE_SECONDS = 0  # measure the page itself, not the anonymous page cache
    budget = CASES[name](client)
    budget.add(0, SMALL)
    small = measure(client, budget, SMALL)
    budget.add(SMALL, budget.large - SMALL)
    large = measure(client, budget, budget.large)
    assert large == small
