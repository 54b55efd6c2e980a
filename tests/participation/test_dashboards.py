"""The analysts' dashboards: who may open them, the numbers on a known data set, filters, the charts'
tables, agreement with plain counts, and a query count that does not grow with the data."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Site

from accounts.models import User
from accounts.roles import EDITORS, MODERATORS, VOLUNTEER_COORDINATORS
from core.models import District
from participation.ideas import dashboards
from participation.ideas.models import Channel, Comment, Idea, IdeaCategory, ParticipationProcessPage, Phase, Support
from participation.surveys import dashboards as survey_dashboards
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.questions import all_questions
from participation.surveys.results import compute

pytestmark = pytest.mark.django_db

PASSWORD = "Ein-Langes-Passwort-1"


def person(email, group=None, **extra):
    user = User.objects.create_user(email, PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def process(demo_site):
    home = Site.objects.get(is_default_site=True).root_page.specific
    now = timezone.now()
    page = ParticipationProcessPage(title="Spielplätze", slug="spielplaetze")
    page.phases = [Phase(kind=Phase.Kind.COLLECT, starts_at=now - datetime.timedelta(days=60),
                         ends_at=now + datetime.timedelta(days=30))]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_idea(process, channel=Channel.ONLINE, district="innenstadt", category="mobilitaet", author=None,
              created=None, **extra):
    now = timezone.now()
    idea = Idea.objects.create(
        process=process, title=extra.pop("title", "Mehr Bänke"), description="Bitte mehr Bänke.",
        category=IdeaCategory.objects.get(slug=category),
        district=District.objects.get(slug=district) if district else None, channel=channel, author=author,
        contact_email="" if author else "idee@example.org", consent_at=now, confirmed_at=now, **extra,
    )
    if created:
        Idea.objects.filter(pk=idea.pk).update(created_at=created)
    return idea


@pytest.fixture
def five_ideas(process):
    """3 online ideas (two from the same account) and 2 paper ideas, in two districts."""
    resident = person("rita.resident@example.org")
    ideas = [
        make_idea(process, Channel.ONLINE, "innenstadt", author=resident),
        make_idea(process, Channel.ONLINE, "innenstadt", author=resident),
        make_idea(process, Channel.ONLINE, "moisling", category="umwelt-klima"),
        make_idea(process, Channel.PAPER, "moisling"),
        make_idea(process, Channel.PAPER, "moisling", category="umwelt-klima"),
    ]
    Comment.objects.create(idea=ideas[0], author=resident, text="Gute Idee", published=True)
    Support.objects.create(idea=ideas[3], user=resident)
    Support.objects.create(idea=ideas[3], email="fan@example.org")
    # Not counted: a guest's idea still waiting for its email confirmation.
    Idea.objects.create(process=process, title="Unbestätigt", description="x", channel=Channel.ONLINE,
                        category=IdeaCategory.objects.get(slug="mobilitaet"), contact_email="neu@example.org",
                        consent_at=timezone.now())
    return ideas


def german(choices):
    """The labels as the admin shows them to an analyst (German by default): {value: label}."""
    from django.utils import translation

    with translation.override("de"):
        return {value: str(label) for value, label in choices}


CHANNEL = german(Channel.choices)


def soup(response):
    assert response.status_code == 200, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


def table_of(page, chart_id):
    """{row header: [cells]} of a chart's data table."""
    table = page.select_one(f"#{chart_id} table")
    return {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
            for row in table.tbody.find_all("tr")}


def bars_of(page, chart_id):
    return [float(rect["data-value"]) for rect in page.select(f"#{chart_id} svg rect[data-value]")]


# Who may see the dashboards.

def dashboard_urls(process, survey):
    return [
        reverse("dashboards"),
        reverse("participation_process_dashboard", args=[process.pk]),
        reverse("participation_process_report", args=[process.pk]),
        reverse("participation_survey_dashboard", args=[survey.pk]),
        reverse("participation_survey_report", args=[survey.pk]),
        reverse("volunteering_dashboard"),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, process, survey):
    for url in dashboard_urls(process, survey):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_residents_without_admin_access_are_turned_away(client, process, survey):
    """Wagtail sends people without admin access to its sign-in page before any admin view runs."""
    client.force_login(person("rolf.resident@example.org"))
    for url in dashboard_urls(process, survey):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


@pytest.mark.parametrize("group", [MODERATORS, EDITORS, VOLUNTEER_COORDINATORS, None])
def test_staff_who_are_not_analysts_get_403(client, process, survey, group):
    user = person(f"staff-{group or 'admin'}@luebeck.example", group, is_staff=True)
    if group is None:  # an admin user with access to the admin, but in no analysts group
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in dashboard_urls(process, survey):
        assert client.get(url).status_code == 403, url
    home = client.get("/admin/").content.decode()
    assert reverse("dashboards") not in home  # no menu item either


@pytest.mark.parametrize("superuser", [False, True])
def test_analysts_and_superusers_see_everything(client, analyst, process, survey, superuser):
    user = person("root@luebeck.example", is_staff=True, is_superuser=True) if superuser else analyst
    client.force_login(user)
    for url in dashboard_urls(process, survey):
        response = client.get(url)
        assert response.status_code == 200, url
        if "report" in url:
            assert response["Content-Type"] == "application/pdf"
    assert reverse("dashboards") in client.get("/admin/").content.decode()  # the menu item


# The numbers.

def test_the_process_dashboard_shows_a_known_data_set(client, analyst, process, five_ideas):
    client.force_login(analyst)
    page = soup(client.get(reverse("participation_process_dashboard", args=[process.pk])))

    figures = {item["data-figure"]: item.dd.get_text(strip=True) for item in page.select("[data-figure]")}
    # Participants: the account with two ideas once, and each idea without an account once.
    assert figures == {"participants": "4", "contributions": "8", "ideas": "5", "comments": "1", "supports": "2"}
    assert table_of(page, "ideas-by-channel") == {CHANNEL["online"]: ["3"], CHANNEL["paper"]: ["2"],
                                                  CHANNEL["event"]: ["0"], CHANNEL["desk"]: ["0"]}
    assert bars_of(page, "ideas-by-channel") == [3, 2]
    assert table_of(page, "ideas-by-district") == {
        "Innenstadt": ["2", "0", "0", "0", "2"], "Moisling": ["1", "2", "0", "0", "3"],
    }
    assert list(table_of(page, "ideas-by-category").items()) == [("Mobilität", ["3"]), ("Umwelt und Klima", ["2"])]
    assert table_of(page, "ideas-by-status")[german(Idea.Status.choices)["received"]] == ["5"]
    timeline = table_of(page, "contributions-over-time")
    assert sum(int(cells[0]) for cells in timeline.values()) == 5  # ideas
    assert sum(int(cells[1]) for cells in timeline.values()) == 1  # comments
    assert sum(int(cells[2]) for cells in timeline.values()) == 2  # supports


def test_every_chart_table_matches_its_bars(client, analyst, process, five_ideas):
    client.force_login(analyst)
    page = soup(client.get(reverse("participation_process_dashboard", args=[process.pk])))
    for figure in page.select("figure.chart"):
        svg = figure.find("svg")
        caption = figure.figcaption
        assert svg["role"] == "img" and svg["aria-labelledby"] == caption["id"]
        assert svg["width"] == "100%" and svg["viewbox"].startswith("0 0 ")
        table = figure.find("table")
        assert table.caption.get_text(strip=True) == caption.get_text(strip=True)
        assert all(th.get("scope") in {"col", "row"} for th in table.find_all("th"))
        cells = [[td.get_text(strip=True) for td in row.find_all("td")] for row in table.tbody.find_all("tr")]
        drawn = sorted(float(mark["data-value"]) for mark in svg.select("[data-value]"))
        if "chart--stacked" in figure["class"]:
            numbers = sorted(float(c) for row in cells for c in row[:-1] if c != "0")
        else:
            numbers = sorted(float(c) for row in cells for c in row if c != "0")
        assert drawn == numbers, figure["id"]
    assert not page.select("figure script")  # charts need no JavaScript


def test_filters_change_the_numbers(client, analyst, process, five_ideas):
    client.force_login(analyst)
    url = reverse("participation_process_dashboard", args=[process.pk])

    paper = soup(client.get(url, {"channel": "paper"}))
    assert paper.select_one('[data-figure="ideas"] dd').get_text() == "2"
    assert paper.select_one('[data-figure="supports"] dd').get_text() == "2"  # supports of paper ideas
    assert paper.select_one('[data-figure="comments"] dd').get_text() == "0"

    inner_city = soup(client.get(url, {"district": "innenstadt"}))
    assert inner_city.select_one('[data-figure="ideas"] dd').get_text() == "2"
    assert inner_city.select_one('[data-figure="participants"] dd').get_text() == "1"

    Idea.objects.filter(pk=five_ideas[4].pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    last_month = timezone.localdate() - datetime.timedelta(days=30)
    recent = soup(client.get(url, {"date_from": last_month.isoformat()}))
    assert recent.select_one('[data-figure="ideas"] dd').get_text() == "4"
    older = soup(client.get(url, {"date_to": last_month.isoformat()}))
    assert older.select_one('[data-figure="ideas"] dd').get_text() == "1"


def test_a_wrong_date_range_is_explained_at_the_top_and_at_the_field(client, analyst, process, five_ideas):
    client.force_login(analyst)
    page = soup(client.get(reverse("participation_process_dashboard", args=[process.pk]),
                           {"date_from": "2026-05-10", "date_to": "2026-05-01"}))
    summary = page.select_one('.dashboard-filters [role="alert"]')
    assert summary is not None and summary.a["href"] == "#id_date_to"
    assert page.select_one("#id_date_to").find_parent(class_="w-field__wrapper").select(".error-message")
    assert page.select_one('[data-figure="ideas"] dd').get_text() == "5"  # unfiltered until corrected


@pytest.mark.parametrize("filters", [
    dashboards.Filters(),
    dashboards.Filters(channel="paper"),
    dashboards.Filters(district="moisling"),
    dashboards.Filters(date_from=datetime.date.today() - datetime.timedelta(days=1), channel="online"),
])
def test_the_numbers_agree_with_plain_counts(process, five_ideas, filters):
    summary = dashboards.process_summary(process, filters)
    ideas = Idea.objects.filter(process=process, confirmed_at__isnull=False)
    comments = Comment.objects.filter(idea__process=process)
    supports = Support.objects.filter(idea__process=process)
    if filters.channel:
        ideas, comments, supports = (ideas.filter(channel=filters.channel),
                                     comments.filter(idea__channel=filters.channel),
                                     supports.filter(idea__channel=filters.channel))
    if filters.district:
        ideas = ideas.filter(district__slug=filters.district)
        comments = comments.filter(idea__district__slug=filters.district)
        supports = supports.filter(idea__district__slug=filters.district)
    if filters.date_from:
        start, _end = filters.moments()
        ideas, comments, supports = (q.filter(created_at__gte=start) for q in (ideas, comments, supports))
    totals = summary["totals"]
    assert (totals["ideas"], totals["comments"], totals["supports"]) == (
        ideas.count(), comments.count(), supports.count())
    assert totals["participants"] == (ideas.exclude(author=None).values("author").distinct().count()
                                      + ideas.filter(author=None).count())
    assert dashboards.ideas_of(process, filters).count() == ideas.count()
    by_channel = {value: count for value, _label, count in totals["channels"]}
    assert by_channel == {value: ideas.filter(channel=value).count() for value in Channel.values}


def test_the_dashboard_counts_the_ideas_the_export_exports(process, five_ideas):
    """The exports (participation.ideas.datasets) read the same ideas: confirmed ones of the process."""
    from participation.ideas.datasets import Ideas

    assert Ideas().count({"source": process.pk}) == dashboards.process_summary(process)["totals"]["ideas"]


# Surveys.

def answer(survey, channel, **answers):
    by_key = {q.key: q for q in all_questions(survey)}
    return SurveyResponse.objects.create(
        survey=survey, channel=channel, submitted_at=timezone.now(),
        answers={by_key[key].id: value for key, value in answers.items()},
    )


def option(survey, key, label):
    question = next(q for q in all_questions(survey) if q.key == key)
    return next(option_id for option_id, text in question.options if text == label)


@pytest.fixture
def answered_survey(survey):
    answer(survey, Channel.ONLINE, verkehrsmittel=option(survey, "verkehrsmittel", "Fahrrad"), baustellen="4",
           stadtteil="moisling")
    answer(survey, Channel.ONLINE, verkehrsmittel=option(survey, "verkehrsmittel", "Auto"), baustellen="2",
           stadtteil="innenstadt")
    answer(survey, Channel.PAPER, verkehrsmittel=option(survey, "verkehrsmittel", "Fahrrad"), baustellen="5",
           stadtteil="moisling")
    SurveyResponse.objects.create(survey=survey, channel=Channel.ONLINE)  # a draft: not counted
    return survey


def test_the_survey_dashboard_shows_responses_channels_districts_and_questions(client, analyst, answered_survey):
    client.force_login(analyst)
    page = soup(client.get(reverse("participation_survey_dashboard", args=[answered_survey.pk])))
    assert page.select_one('[data-figure="responses"] dd').get_text() == "3"
    assert table_of(page, "responses-by-channel")[CHANNEL["online"]] == ["2"]
    assert table_of(page, "responses-by-channel")[CHANNEL["paper"]] == ["1"]
    assert table_of(page, "responses-by-district") == {"Innenstadt": ["1", "0", "0", "0", "1"],
                                                       "Moisling": ["1", "1", "0", "0", "2"]}
    transport = next(q for q in all_questions(answered_survey) if q.key == "verkehrsmittel")
    rows = table_of(page, f"question-{transport.id}")
    assert rows["Fahrrad"] == ["1", "1", "0", "0", "2", "66,7 %"]  # online, paper, event, desk, total, share
    assert rows["Auto"][:5] == ["1", "0", "0", "0", "1"]
    assert bars_of(page, f"question-{transport.id}") == [1, 1, 1]


def test_survey_filters_agree_with_the_results_and_plain_counts(client, analyst, answered_survey):
    for filters in (dashboards.Filters(), dashboards.Filters(channel="paper"), dashboards.Filters(district="moisling")):
        summary = survey_dashboards.survey_summary(answered_survey, filters)
        responses = SurveyResponse.objects.filter(survey=answered_survey, submitted_at__isnull=False)
        if filters.channel:
            responses = responses.filter(channel=filters.channel)
        expected = len([r for r in responses if not filters.district
                        or filters.district in r.answers.values()])
        assert summary["totals"]["responses"] == expected
        assert compute(answered_survey, filters.channel, filters.district)["total"] == expected
    client.force_login(analyst)
    page = soup(client.get(reverse("participation_survey_dashboard", args=[answered_survey.pk]),
                           {"district": "moisling"}))
    assert page.select_one('[data-figure="responses"] dd').get_text() == "2"


# Links to the exports and the report.

def test_links_to_the_exports_only_when_the_exports_page_exists(client, analyst, process, monkeypatch):
    import core.charts

    real_reverse = core.charts.reverse

    def without_exports(name, *args, **kwargs):
        if name == "core_exports":
            raise NoReverseMatch(name)
        return real_reverse(name, *args, **kwargs)

    client.force_login(analyst)
    url = reverse("participation_process_dashboard", args=[process.pk])
    monkeypatch.setattr(core.charts, "reverse", without_exports)
    links = [a["href"] for a in soup(client.get(url)).select(".dashboard-links a")]
    assert links == [reverse("participation_process_report", args=[process.pk])]

    monkeypatch.setattr(core.charts, "reverse", lambda name, *a, **k: "/admin/exports/" if name == "core_exports"
                        else real_reverse(name, *a, **k))
    links = [a["href"] for a in soup(client.get(url, {"date_from": "2026-01-01"})).select(".dashboard-links a")]
    assert links[0] == reverse("participation_process_report", args=[process.pk]) + "?date_from=2026-01-01"
    assert f"/admin/exports/?dataset=ideas&source={process.pk}&format=xlsx&date_from=2026-01-01" in links
    assert f"/admin/exports/?dataset=comments&source={process.pk}&format=xlsx" in links


# Queries do not grow with the data.

def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_process_dashboard_needs_the_same_queries_for_2_or_20_ideas(client, analyst, process):
    client.force_login(analyst)
    url = reverse("participation_process_dashboard", args=[process.pk]) + "?district=moisling"
    for channel in (Channel.ONLINE, Channel.PAPER):
        make_idea(process, channel, "moisling")
    client.get(url)  # warm caches (site root paths, locales)
    few = _queries(client, url)
    users = [person(f"fan{n}@example.org") for n in range(5)]
    for n in range(18):
        idea = make_idea(process, [Channel.ONLINE, Channel.PAPER, Channel.DESK][n % 3], "moisling",
                         author=users[n % 5], created=timezone.now() - datetime.timedelta(days=7 * n))
        Comment.objects.create(idea=idea, author=users[0], text="Ja", published=True)
        Support.objects.create(idea=idea, user=users[1])
    assert _queries(client, url) == few


def test_the_survey_dashboard_needs_the_same_queries_for_2_or_20_responses(client, analyst, survey):
    client.force_login(analyst)
    url = reverse("participation_survey_dashboard", args=[survey.pk])
    bike = option(survey, "verkehrsmittel", "Fahrrad")
    for channel in (Channel.ONLINE, Channel.PAPER):
        answer(survey, channel, verkehrsmittel=bike, baustellen="3", stadtteil="moisling")
    client.get(url)
    few = _queries(client, url)
    for n in range(18):
        answer(survey, [Channel.ONLINE, Channel.PAPER, Channel.EVENT][n % 3], verkehrsmittel=bike,
               baustellen=str(1 + n % 5), stadtteil=["moisling", "innenstadt"][n % 2])
    assert _queries(client, url) == few


def test_the_overview_needs_the_same_queries_for_2_or_20_processes_and_surveys(client, analyst, process, survey):
    home = Site.objects.get(is_default_site=True).root_page.specific

    def add_process(n):
        extra = ParticipationProcessPage(title=f"Prozess {n}", slug=f"prozess-{n}")
        home.add_child(instance=extra)
        make_idea(extra, Channel.PAPER)

    def add_survey(n):
        copy = SurveyPage(title=f"Umfrage {n}", slug=f"umfrage-{n}", opens_at=survey.opens_at,
                          closes_at=survey.closes_at, questions=survey.questions.raw_data)
        home.add_child(instance=copy)
        SurveyResponse.objects.create(survey=copy, channel=Channel.DESK, submitted_at=timezone.now())

    client.force_login(analyst)
    url = reverse("dashboards")
    add_survey(0)  # besides the demo's: two processes, two surveys
    client.get(url)
    page = soup(client.get(url))
    assert len(page.select("tr[data-process]")) == 2 and len(page.select("tr[data-survey]")) == 2
    few = _queries(client, url)
    for n in range(1, 19):
        add_process(n)
        add_survey(n)
    page = soup(client.get(url))
    assert len(page.select("tr[data-process]")) == 20 and len(page.select("tr[data-survey]")) == 20
    assert _queries(client, url) == few


def test_the_overview_lists_every_process_and_survey_with_totals(client, analyst, process, five_ideas,
                                                                 answered_survey):
    from participation.ideas.models import Follower

    Follower.objects.create(process=process, email="folgt@example.org", confirmed_at=timezone.now())
    Follower.objects.create(process=process, email="unbestaetigt@example.org")  # not confirmed: not counted
    client.force_login(analyst)
    page = soup(client.get(reverse("dashboards")))
    row = page.select_one(f'tr[data-process="{process.pk}"]')
    cells = {td["data-cell"]: td.get_text(strip=True) for td in row.find_all("td")}
    assert cells == {"participants": "4", "contributions": "8", "channel-online": "3", "channel-paper": "2",
                     "channel-event": "0", "channel-desk": "0", "followers": "1"}
    assert row.a["href"] == reverse("participation_process_dashboard", args=[process.pk])
    survey_row = page.select_one(f'tr[data-survey="{answered_survey.pk}"]')
    assert {td["data-cell"]: td.get_text(strip=True) for td in survey_row.find_all("td")}["responses"] == "3"
    assert page.find("a", href=reverse("volunteering_dashboard"))  # volunteering has its own dashboard


def test_numbers_follow_the_language():
    from django.utils import translation

    from core.charts import format_number

    with translation.override("de"):
        assert format_number(1234567) == "1.234.567"
        assert format_number(12.5, 1) == "12,5"
    with translation.override("en"):
        assert format_number(1234567) == "1,234,567"
