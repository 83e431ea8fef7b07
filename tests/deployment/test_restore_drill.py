"""The restore drill (scripts/restore-drill, docs/operations.md): a dump of the site's database restores
into a fresh database with the same rows in every table, and its ombudsperson cases open with the keys
kept apart from the backup, and with no other key."""

import subprocess
import sys

import psycopg
import pytest
from cryptography.fernet import Fernet

from .services import ROOT, manage

pytestmark = pytest.mark.services

DRILL = ROOT / "scripts" / "restore-drill"

FILE_CASES = """
from ombudsperson.models import CaseEntry
from ombudsperson.services import Upload, file_case
for number in range(3):
    case, _code = file_case(
        category="housing",
        description=f"Opis sprawy {number}",
        preferred_language="uk",
        contact="olena@example.org",
        contact_consent=True,
        attachment=Upload(f"umowa-{number}.pdf", "application/pdf", b"%PDF-1.4"),
    )
    CaseEntry.objects.create(case=case, kind="note", text=f"Notatka {number}")
"""


def run_drill(environment, *arguments):
    return subprocess.run(  # noqa: S603
        [sys.executable, str(DRILL), *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def case_counts(site_database) -> list[int]:
    with psycopg.connect(site_database.environment["DATABASE_URL"]) as connection:
        return [
            connection.execute(f"SELECT count(*) FROM ombudsperson_{table}").fetchone()[0]  # noqa: S608
            for table in ["case", "caseentry", "caseattachment"]
        ]


def database_names(site_database) -> list[str]:
    with psycopg.connect(site_database.cluster.url("postgres")) as connection:
        return [name for (name,) in connection.execute("SELECT datname FROM pg_database")]


@pytest.fixture(scope="module")
def filed_cases(site_database):
    manage(site_database.environment, "shell", "-c", FILE_CASES)


def test_the_drill_restores_every_row_and_reads_the_cases_with_the_keys(site_database, filed_cases, tmp_path):
    dump_file = tmp_path / "database.dump"

    result = run_drill(site_database.environment, "--dump", str(dump_file))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Row counts equal in all" in result.stdout
    # Every case, entry and attachment of the database, the three filed here among them.
    counts = case_counts(site_database)
    assert min(counts) >= 3
    read = next(line for line in result.stdout.splitlines() if line.startswith("Read with the keys"))
    assert read == "Read with the keys: {} cases, {} entries, {} attachments".format(*counts)
    assert dump_file.stat().st_size > 0
    # The drill database is gone; the live one is untouched.
    assert not [name for name in database_names(site_database) if "restore_drill" in name]


def test_the_drill_fails_when_the_keys_are_not_the_ones_that_encrypted_the_cases(site_database, filed_cases):
    environment = {
        **site_database.environment,
        "OMBUDSPERSON_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    }

    result = run_drill(environment)

    assert result.returncode == 1
    assert "cannot be read with OMBUDSPERSON_ENCRYPTION_KEYS" in result.stderr
    assert "InvalidToken" in result.stderr
    assert not [name for name in database_names(site_database) if "restore_drill" in name]


def test_the_drill_refuses_to_run_without_the_keys(site_database):
    environment = {**site_database.environment, "OMBUDSPERSON_ENCRYPTION_KEYS": ""}

    result = run_drill(environment)

    assert result.returncode == 2
    assert "OMBUDSPERSON_ENCRYPTION_KEYS must hold the keys" in result.stderr
