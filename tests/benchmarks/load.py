"""Load test (issue 15): simulated people use a local gunicorn (deploy/gunicorn.conf.py, production settings)
for a while, then the database is reconciled with what the site told them.

    .venv/bin/python tests/benchmarks/load.py                       # 200 people, 5 minutes
    .venv/bin/python tests/benchmarks/load.py --users 50 --minutes 1
    .venv/bin/python tests/benchmarks/load.py --small                # 12 people, 30 seconds (CI)

Each person loops until the time is up: reads the home page and the proposals, and submits, as a browser
would (GET the form, think for a few seconds, POST it with the CSRF token, the form's start time and a new
submission token): a consultation answer and an ombudsperson case (anonymously), a proposal, a comment on a
proposal, a support (signed in). A submission is acknowledged when the site answers with its success
redirect; anything else (a form shown again, 429, 503) is a refusal, which must have saved nothing.

Reconciliation afterwards: every acknowledged answer, case, proposal, comment and support exists exactly
once; nothing refused exists; every submission got an answer at all. The exit status is 0 only then.

Bounded and local by construction: at most 500 people and 30 minutes; gunicorn listens on 127.0.0.1 only,
and the database is a private PostgreSQL cluster the script starts in a temporary directory and removes
(or, with --existing, the loopback database of DATABASE_URL with the settings of the environment, as the
CI test gives it).
"""

import argparse
import http.client
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.deployment import services  # noqa: E402 - the project root must be importable first

MAX_USERS = 500
MAX_SECONDS = 30 * 60
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
# The forms refuse what is sent sooner than this after they were shown (spam brake: 3 s).
THINK_SECONDS = (3.5, 6.0)
REQUEST_TIMEOUT = 120
SEED_PROPOSALS = 10
MARKER = "load-"
FORM_STARTED = re.compile(r'name="form_started" value="([^"]+)"')
TOKEN_IN_TEXT = re.compile(MARKER + r"([0-9a-f-]{36})")


@dataclass
class Outcome:
    kind: str
    status: int | None  # None: no answer at all
    seconds: float
    token: str = ""


@dataclass
class Journal:
    """Everything the simulated people did and what the site answered; shared by their threads."""

    outcomes: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: Outcome):
        with self.lock:
            self.outcomes.append(outcome)

    def submissions(self, kind: str) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.kind == kind]


class Browser:
    """One person's HTTP client over loopback: cookies, CSRF token, an address of their own (X-Real-IP,
    which the site counts its rate limits by, as behind nginx)."""

    def __init__(self, port: int, address: str, session: str | None, cookie_names):
        self.port = port
        self.address = address
        self.session_cookie, self.csrf_cookie = cookie_names
        self.cookies = {self.session_cookie: session} if session else {}

    def request(self, method: str, path: str, data=None) -> tuple[int, str]:
        headers = {"X-Real-IP": self.address, "Accept-Language": "pl"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data | {"csrfmiddlewaretoken": self.csrf_token()}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, text
        finally:
            connection.close()

    def csrf_token(self) -> str:
        return self.cookies.get(self.csrf_cookie, "")


def random_address() -> str:
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"  # noqa: S311


class Person:
    def __init__(self, site, journal: Journal, session: str, deadline: float, port: int):
        self.site = site
        self.journal = journal
        self.user_pk = site["sessions"][session]
        self.deadline = deadline
        self.port = port
        self.signed_in = Browser(port, random_address(), session, site["cookie_names"])
        self.unsupported = list(site["proposals"])
        random.shuffle(self.unsupported)

    def live(self):
        actions = [self.answer, self.case, self.proposal, self.comment, self.support, self.read, self.read]
        while time.monotonic() < self.deadline:
            random.choice(actions)()  # noqa: S311

    def submit(self, kind: str, browser: Browser, form_path: str, post_path: str, data: dict, token=""):
        """GET the form, think, POST it; records the outcome of the POST."""
        try:
            status, page = browser.request("GET", form_path)
        except OSError:
            status = None
        if status != 200:
            self.journal.add(Outcome(f"{kind} form", status, 0))
            return
        started = FORM_STARTED.search(page)
        if started:
            data["form_started"] = started[1]
        time.sleep(random.uniform(*THINK_SECONDS))  # noqa: S311
        began = time.monotonic()
        try:
            status, _page = browser.request("POST", post_path, data)
        except OSError:
            status = None
        self.journal.add(Outcome(kind, status, time.monotonic() - began, token))

    def anonymous(self) -> Browser:
        return Browser(self.port, random_address(), None, self.site["cookie_names"])

    def answer(self):
        token = str(uuid.uuid4())
        data = {"submission_token": token, "website": "", "consent": "on"} | self.site["answer_fields"]
        path = self.site["answer_path"]
        self.submit("answer", self.anonymous(), path, path, data, token)

    def case(self):
        token = str(uuid.uuid4())
        data = {
            "category": "housing",
            "description": f"Nie mogę się zameldować. {MARKER}{token}",
            "preferred_language": "uk",
            "contact": "",
            "website": "",
            "submission_token": token,
        }
        path = self.site["case_path"]
        self.submit("case", self.anonymous(), path, path, data, token)

    def proposal(self):
        token = str(uuid.uuid4())
        title = f"Punkt informacyjny {token[:8]}"
        data = {
            "title": title,
            "text": f"Jedno okienko z informacją w czterech językach. {MARKER}{token}",
            "area": "public_institutions",
            "dimensions": [self.site["dimension"]],
            "language": "pl",
            "similar_checked": title,
            "website": "",
            "submission_token": token,
        }
        path = self.site["proposal_path"]
        self.submit("proposal", self.signed_in, path, path, data, token)

    def comment(self):
        token = str(uuid.uuid4())
        proposal = random.choice(self.site["proposals"])  # noqa: S311
        data = {"text": f"Dobry pomysł, zgadzam się. {MARKER}{token}", "submission_token": token}
        self.submit("comment", self.signed_in, proposal["path"], proposal["comment_path"], data, token)

    def support(self):
        if not self.unsupported:
            return self.read()
        proposal = self.unsupported.pop()
        token = f"{self.user_pk}:{proposal['pk']}"
        self.submit(
            "support", self.signed_in, proposal["path"], proposal["support_path"], {"support": "1"}, token
        )

    def read(self):
        for path in ["/", self.site["proposals_path"]]:
            began = time.monotonic()
            try:
                status, _page = self.anonymous().request("GET", path)
            except OSError:
                status = None
            self.journal.add(Outcome("page", status, time.monotonic() - began))
            time.sleep(random.uniform(0.5, 2))  # noqa: S311


# --- the site: content, people, reconciliation (in this process, through Django, after setup) -----------


def prepare_site(users: int) -> dict:
    """Pages to use and signed-in sessions, written straight to the database before gunicorn starts."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone
    from wagtail.models import Site

    from citysite.accounts.models import User
    from citysite.participation.models import Dimension
    from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
    from ombudsperson.models import OmbudspersonPage
    from proposals.factories import ProposalFactory, ProposalIndexPageFactory
    from tests.consultations.helpers import DRAFT, QUESTIONNAIRE, SCALE, SINGLE

    home = Site.objects.get(is_default_site=True).root_page.specific
    suffix = uuid.uuid4().hex[:6]
    consultations = ConsultationIndexPageFactory(parent=home, slug=f"konsultacje-{suffix}")
    consultation = ConsultationPageFactory(
        parent=consultations, title="Polityka integracji", draft=DRAFT, questionnaire=QUESTIONNAIRE
    )
    ombudsperson = OmbudspersonPage(
        title="Rzecznik praw migrantów",
        slug=f"rzecznik-{suffix}",
        intro="Poufny kanał dla migrantów.",
        role_explanation="<p>Rzecznik pomaga migrantom.</p>",
    )
    home.add_child(instance=ombudsperson)
    ombudsperson.save_revision().publish()
    index = ProposalIndexPageFactory(parent=home, slug=f"propozycje-{suffix}")

    def person(number: int) -> User:
        # No password: hashing hundreds of them would take minutes; they are signed in by session.
        email = f"load-{suffix}-{number}@example.org"
        user = User(username=email, email=email, display_name=f"Osoba {number}")
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        return user

    author = person(0)
    proposals = []
    for number in range(SEED_PROPOSALS):
        proposal = ProposalFactory(index=index, author=author, title=f"Propozycja {suffix} {number}")
        detail = index.url + index.reverse_subpage("detail_view", args=(proposal.pk,))

        def action(name, proposal=proposal):
            return index.url + index.reverse_subpage("action_view", args=(proposal.pk, name))

        proposals.append(
            {
                "pk": proposal.pk,
                "path": detail,
                "comment_path": action("comment"),
                "support_path": action("support"),
            }
        )

    sessions = {}
    for number in range(1, users + 1):
        user = person(number)
        client = Client()
        client.force_login(user)
        sessions[client.cookies[settings.SESSION_COOKIE_NAME].value] = user.pk
    return {
        "prepared_at": timezone.now(),
        "answer_path": consultation.url + "answer/",
        "answer_fields": {f"question_{SINGLE}": "1", f"question_{SCALE}": "4"},
        "consultation_pk": consultation.pk,
        "case_path": ombudsperson.url,
        "proposal_path": index.url + index.reverse_subpage("create_view"),
        "proposals_path": index.url,
        "index_key": index.translation_key,
        "proposals": proposals,
        "seed_proposal_pks": [proposal["pk"] for proposal in proposals],
        "dimension": str(Dimension.objects.order_by("pk").first().pk),
        "sessions": sessions,
        "cookie_names": (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME),
    }


def tokens_in(texts) -> Counter:
    return Counter(match for text in texts for match in TOKEN_IN_TEXT.findall(text))


def stored_submissions(site: dict) -> dict[str, Counter]:
    """What the database holds of each kind, by the token each submission carried."""
    from django.contrib.contenttypes.models import ContentType

    from citysite.participation.models import Comment
    from consultations.models import Answer
    from ombudsperson.models import Case
    from proposals.models import Proposal, Support

    # Everything else is scoped by the pages and proposals made for this run; cases, by when they came.
    load_cases = Case.objects.filter(created_at__gte=site["prepared_at"])
    comments = Comment.objects.filter(
        target_type=ContentType.objects.get_for_model(Proposal), target_id__in=site["seed_proposal_pks"]
    )
    return {
        "answer": Counter(
            str(token)
            for token in Answer.objects.filter(page_id=site["consultation_pk"]).values_list(
                "submission_token", flat=True
            )
        ),
        "case": tokens_in(case.description for case in load_cases.iterator()),
        "proposal": tokens_in(
            Proposal.objects.filter(index_key=site["index_key"])
            .exclude(pk__in=site["seed_proposal_pks"])
            .values_list("text", flat=True)
        ),
        "comment": tokens_in(comments.values_list("text", flat=True)),
        "support": Counter(
            f"{user_pk}:{proposal_pk}"
            for user_pk, proposal_pk in Support.objects.filter(
                proposal_id__in=site["seed_proposal_pks"]
            ).values_list("user_id", "proposal_id")
        ),
    }


def reconcile(journal: Journal, stored: dict[str, Counter]) -> list[str]:
    problems = []
    for kind, counts in stored.items():
        outcomes = journal.submissions(kind)
        acknowledged = {outcome.token for outcome in outcomes if outcome.status == 302}
        unanswered = [outcome.token for outcome in outcomes if outcome.status is None]
        for token in acknowledged:
            if counts[token] != 1:
                problems.append(f"{kind} {token}: acknowledged, stored {counts[token]} times")
        for token, times in counts.items():
            if token not in acknowledged:
                problems.append(f"{kind} {token}: stored {times} times, never acknowledged")
        if unanswered:
            problems.append(f"{kind}: {len(unanswered)} submissions got no answer within {REQUEST_TIMEOUT} s")
    return problems


def report(journal: Journal, seconds: float, users: int) -> None:
    by_kind = defaultdict(Counter)
    latencies = defaultdict(list)
    for outcome in journal.outcomes:
        by_kind[outcome.kind][outcome.status] += 1
        if outcome.status is not None:
            latencies[outcome.kind].append(outcome.seconds)
    total = sum(sum(counts.values()) for counts in by_kind.values())
    print(f"{users} people, {seconds:.0f} s, {total} recorded requests")
    for kind in sorted(by_kind):
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(by_kind[kind].items(), key=str))
        times = sorted(latencies[kind])
        timing = (
            f"median {statistics.median(times):.2f} s, p95 {times[int(len(times) * 0.95)]:.2f} s, "
            f"max {times[-1]:.2f} s"
            if times
            else "no answers"
        )
        print(f"  {kind:16} {statuses:40} {timing}")


# --- running it ----------------------------------------------------------------------------------------


def loopback_database(url: str) -> bool:
    return urllib.parse.urlsplit(url).hostname in LOOPBACK_HOSTS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="simulated people (default 200, at most 500)")
    parser.add_argument("--minutes", type=float, default=5, help="how long they stay (default 5, at most 30)")
    parser.add_argument("--small", action="store_true", help="12 people for 30 seconds (CI)")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="use the migrated loopback database of DATABASE_URL and the settings of this environment "
        "(collected static files included) instead of a private PostgreSQL cluster",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    arguments = parser.parse_args()
    users, seconds = (12, 30.0) if arguments.small else (arguments.users, arguments.minutes * 60)
    if not 1 <= users <= MAX_USERS:
        parser.error(f"--users must be between 1 and {MAX_USERS}")
    if not 0 < seconds <= MAX_SECONDS:
        parser.error(f"--minutes must be above 0 and at most {MAX_SECONDS // 60}")

    cluster = None
    scratch = services.private_directory("load-")
    try:
        if arguments.existing:
            environment = dict(os.environ)
            if not loopback_database(environment.get("DATABASE_URL", "")):
                parser.error("--existing needs DATABASE_URL of a PostgreSQL database on this host (loopback)")
        else:
            print("Starting a private PostgreSQL cluster and migrating it…", flush=True)
            cluster = services.PostgresCluster(services.private_directory("load-postgres-"))
            cluster.initialise()
            cluster.start()
            cluster.create_database("otwartemiasto")
            environment = services.production_environment(cluster.url("otwartemiasto"), scratch)
            services.manage(environment, "migrate", "--no-input", "-v", "0")
            services.manage(environment, "collectstatic", "--no-input", "-v", "0")
        # Rate limits count by the address nginx would pass on: each simulated person has their own.
        environment["RATELIMIT_IP_META_KEY"] = "HTTP_X_REAL_IP"
        # gunicorn's access log goes to its file; Wagtail's page log lines would drown the report.
        environment["LOG_LEVEL"] = "WARNING"
        return run(environment, scratch, users, seconds, arguments.workers, arguments.threads)
    finally:
        if cluster is not None:
            cluster.remove()
        services.shutil.rmtree(scratch, ignore_errors=True)


def run(environment: dict, scratch: Path, users: int, seconds: float, workers: int, threads: int) -> int:
    os.environ.update(environment)
    import django

    django.setup()
    from django.db import connections

    site = prepare_site(users)
    connections.close_all()

    gunicorn, port = services.start_gunicorn(
        environment, scratch / "gunicorn.log", workers=workers, threads=threads
    )
    journal = Journal()
    started = time.monotonic()
    try:
        deadline = started + seconds
        people = [
            threading.Thread(target=Person(site, journal, session, deadline, port).live, daemon=True)
            for session in site["sessions"]
        ]
        for person in people:
            person.start()
            time.sleep(min(0.05, seconds / 100))  # they arrive over a few seconds, not all at once
        for person in people:
            # Bounded: the last submission of each may take its think time and one request timeout.
            person.join(
                timeout=max(0.0, deadline - time.monotonic()) + THINK_SECONDS[1] + REQUEST_TIMEOUT + 10
            )
        still_running = sum(person.is_alive() for person in people)
    finally:
        gunicorn.stop()
    report(journal, time.monotonic() - started, users)

    problems = reconcile(journal, stored_submissions(site))
    if still_running:
        problems.append(f"{still_running} simulated people were still waiting for an answer at the end")
    acknowledged = Counter(outcome.kind for outcome in journal.outcomes if outcome.status == 302)
    print("Acknowledged: " + ", ".join(f"{kind} {count}" for kind, count in sorted(acknowledged.items())))
    if problems:
        print(f"RECONCILIATION FAILED ({len(problems)} problems):", file=sys.stderr)
        for problem in problems[:50]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("Reconciled: every acknowledged submission is stored exactly once, nothing refused is stored")
    return 0


if __name__ == "__main__":
    sys.exit(main())
