"""`make load`: 50 visitors browse and take part for 10 minutes (run by `manage.py load_test`, which starts the
site, passes the addresses in LOAD_TARGETS and checks afterwards that every accepted submission is stored).

Each visitor has an address of its own behind "the proxy" (X-Forwarded-For; the load settings trust one proxy),
so per-IP limits count visitors as in production. Forms are filled the way a person would: the page is read,
hidden fields kept, every required question answered, and the visitor waits at least as long as a person
needs (the forms refuse entries sent faster than 3 seconds). No Django imports here (gevent); the form
filler is tooling/bench/forms.py, tested in the suite.
"""

import itertools
import json
import os
import random
import re
import time

from locust import HttpUser, between, events, task

from tooling.bench.forms import fill

TARGETS = json.loads(os.environ.get("LOAD_TARGETS", "{}"))
RECORD = os.environ.get("LOAD_RECORD", "load-submissions.jsonl")
_numbers = itertools.count(1)


def record(kind, key):
    with open(RECORD, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"kind": kind, "key": key, "at": time.time()}) + "\n")


class Visitor(HttpUser):
    wait_time = between(2, 8)

    def on_start(self):
        number = next(_numbers)
        self.number = number
        self.client.headers["X-Forwarded-For"] = f"10.{number // 250}.{number % 250}.{random.randint(1, 250)}"  # noqa: S311
        self.client.headers["Accept-Language"] = "de"

    def page(self, path, name=None):
        return self.client.get(path, name=name or path)

    @task(4)
    def home(self):
        self.page("/de/")

    @task(3)
    def blog(self):
        self.page(TARGETS["blog"], name="blog index")
        self.page(random.choice(TARGETS["posts"]), name="blog post")  # noqa: S311

    @task(3)
    def ideas(self):
        page = random.randint(1, 20)  # noqa: S311
        self.page(f"{TARGETS['process']}?page={page}", name="idea list")
        self.page(f"{TARGETS['process']}idee/{random.choice(TARGETS['ideas'])}/", name="idea")  # noqa: S311

    @task(2)
    def engagement(self):
        self.page(TARGETS["opportunities"], name="engagement list")

    @task(1)
    def submit_idea(self):
        url = TARGETS["process"] + "idee/neu/"
        form = self.page(url, name="idea form")
        marker = f"L{self.number}-{random.getrandbits(40):x}"  # noqa: S311
        filled = fill(form.text, marker, f"besucher{self.number}@example.org")
        if filled is None:
            return
        _action, data = filled
        time.sleep(random.uniform(4, 10))  # noqa: S311 - a person types; the form refuses under 3 s
        with self.client.post(url, data=data, name="idea send", headers={"Referer": url},
                              allow_redirects=False, catch_response=True) as reply:
            if reply.status_code == 302 and "/quittung/" in reply.headers.get("Location", ""):
                reference = re.search(r"(ID-\d{4}-\d+)", reply.headers["Location"]).group(1)
                record("idea", {"reference": reference, "marker": marker})
                reply.success()
                self.page(reply.headers["Location"], name="idea receipt")
            elif reply.status_code == 429 and 'id="rate-limited"' in reply.text:
                reply.success()  # the visitor reached a rate limit: a clear message, nothing to store
            else:
                reply.failure(f"idea not accepted ({reply.status_code})")

    @task(1)
    def answer_survey(self):
        start = TARGETS["survey"]
        page = self.page(start, name="survey start")
        filled = fill(page.text, "", f"besucher{self.number}@example.org")
        if filled is None:
            return
        _action, data = filled
        with self.client.post(start, data=data, name="survey begin", headers={"Referer": start},
                              allow_redirects=False, catch_response=True) as reply:
            if reply.status_code == 429 and 'id="rate-limited"' in reply.text:
                reply.success()  # the visitor reached the survey's rate limit: a clear message, nothing to store
                return
        location = reply.headers.get("Location", "")
        for _step in range(12):
            if reply.status_code != 302:
                break
            if "/danke/" in location:
                token = re.search(r"/danke/([0-9a-f]{32})/", location).group(1)
                record("survey", {"token": token})
                self.page(location, name="survey thanks")
                return
            page = self.page(location, name="survey step")
            filled = fill(page.text, f"S{self.number}", f"besucher{self.number}@example.org")
            if filled is None:
                break
            time.sleep(random.uniform(3, 6))  # noqa: S311
            reply = self.client.post(location, data=filled[1], name="survey step send",
                                     headers={"Referer": location}, allow_redirects=False)
            location = reply.headers.get("Location", "")
        events.request.fire(request_type="FLOW", name="survey not finished", response_time=0, response_length=0,
                            exception=RuntimeError(f"survey stopped at {location or reply.status_code}"))
