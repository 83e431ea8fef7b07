"""Fixtures of the deployment tests (issue 15): one private PostgreSQL cluster with a migrated database for
the whole package, gunicorn with the production settings on it, nginx in front of that gunicorn.

They skip on a machine without PostgreSQL's server binaries or nginx, but never under CI=true, where
scripts/test installs nginx and PostgreSQL is part of the image: these tests must not silently stop running.
"""

import os
import shutil

import pytest

from . import services

IN_CI = os.environ.get("CI") == "true"
DATABASE = "otwartemiasto"


def require(available: bool, what: str):
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing in CI, where the deployment tests must run")
    pytest.skip(f"{what} is not installed (CI always has it)")


@pytest.fixture(scope="package")
def site_database():
    """A private PostgreSQL cluster with the site's database migrated and the static files collected."""
    require((services.POSTGRES_BIN / "pg_ctl").exists(), f"PostgreSQL server ({services.POSTGRES_BIN})")
    require(shutil.which("pg_dump") is not None, "pg_dump")
    directory = services.private_directory("deployment-postgres-")
    cluster = services.PostgresCluster(directory)
    site_root = services.private_directory("deployment-site-")
    try:
        cluster.initialise()
        cluster.start()
        cluster.create_database(DATABASE)
        environment = services.production_environment(cluster.url(DATABASE), site_root)
        services.manage(environment, "migrate", "--no-input", "-v", "0")
        services.manage(environment, "collectstatic", "--no-input", "-v", "0")
        yield Site(cluster, environment, site_root)
    finally:
        cluster.remove()
        shutil.rmtree(site_root, ignore_errors=True)


class Site:
    def __init__(self, cluster, environment, root):
        self.cluster = cluster
        self.environment = environment
        self.root = root


@pytest.fixture(scope="package")
def gunicorn(site_database, tmp_path_factory):
    """gunicorn as deploy/gunicorn.conf.py sets it up, with 2 workers × 2 threads (the test machine has 2
    cores): 4 requests at once, so 8 slow clients would take every thread if they reached it."""
    process, port = services.start_gunicorn(
        site_database.environment, tmp_path_factory.mktemp("gunicorn") / "gunicorn.log", workers=2, threads=2
    )
    yield services.Gunicorn(process, port)
    # A quick shutdown: a graceful one would wait for the threads of the test without nginx.
    process.stop(services.signal.SIGQUIT)


@pytest.fixture(scope="package")
def nginx(gunicorn, site_database):
    require(os.path.exists(services.NGINX), "nginx")
    directory = services.private_directory("deployment-nginx-")
    process, port = services.start_nginx(directory, gunicorn.port, site_database.root)
    yield port
    process.stop(services.signal.SIGTERM)  # nginx's fast shutdown
    shutil.rmtree(directory, ignore_errors=True)
