"""The load script (tests/benchmarks/load.py) in its small size, against the package's private PostgreSQL:
simulated people submit answers, cases, proposals, comments and supports through gunicorn while others
read pages, and the database holds exactly what the site acknowledged."""

import os
import re
import subprocess
import sys
from collections import Counter

import pytest

from tests.benchmarks import load

from .services import ROOT

LOAD = ROOT / "tests" / "benchmarks" / "load.py"


@pytest.mark.services
def test_every_acknowledged_submission_is_stored_once_and_nothing_refused_is_stored(site_database):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(LOAD), "--small", "--existing", "--workers", "2", "--threads", "2"],
        cwd=ROOT,
        env=site_database.environment,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Reconciled: every acknowledged submission is stored exactly once" in result.stdout
    acknowledged = {
        kind: int(count)
        for kind, count in re.findall(
            r"(\w+) (\d+)", result.stdout.split("Acknowledged: ", 1)[1].splitlines()[0]
        )
    }
    # Each kind was really exercised, not only refused.
    assert set(acknowledged) == {"answer", "case", "proposal", "comment", "support"}, result.stdout
    assert all(count > 0 for count in acknowledged.values())


def test_the_load_script_stays_on_this_host():
    environment = {**os.environ, "DATABASE_URL": "postgres://load@db.example.org/otwartemiasto"}

    result = subprocess.run(  # noqa: S603
        [sys.executable, str(LOAD), "--small", "--existing"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 2
    assert "loopback" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"), [(["--users", "501"], "--users"), (["--minutes", "31"], "--minutes")]
)
def test_the_load_script_is_bounded(arguments, message):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(LOAD), *arguments], cwd=ROOT, capture_output=True, text=True
    )

    assert result.returncode == 2
    assert message in result.stderr


def journal_of(*outcomes):
    journal = load.Journal()
    for kind, status, token in outcomes:
        journal.add(load.Outcome(kind, status, 0.1, token))
    return journal


def test_the_reconciliation_finds_duplicates_unacknowledged_records_and_lost_ones():
    journal = journal_of(
        ("case", 302, "a"),  # acknowledged, stored twice
        ("case", 302, "b"),  # acknowledged, lost
        ("case", 200, "c"),  # refused, stored all the same
        ("case", None, "d"),  # no answer
        ("case", 302, "e"),  # as it should be
    )

    problems = load.reconcile(journal, {"case": Counter({"a": 2, "c": 1, "e": 1})})

    assert sorted(problems) == sorted(
        [
            "case a: acknowledged, stored 2 times",
            "case b: acknowledged, stored 0 times",
            "case c: stored 1 times, never acknowledged",
            f"case: 1 submissions got no answer within {load.REQUEST_TIMEOUT} s",
        ]
    )
    assert load.reconcile(journal_of(("case", 302, "e")), {"case": Counter({"e": 1})}) == []
