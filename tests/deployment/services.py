"""Real services the deployment tests start and stop themselves, each on a free loopback port in a
temporary directory: a private PostgreSQL cluster, gunicorn with deploy/gunicorn.conf.py and the production
settings, and nginx with the shipped deploy/nginx/ snippets."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
POSTGRES_BIN = Path(os.environ.get("POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = ROOT / "deploy"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"{what} within {timeout} s")


def private_directory(prefix: str) -> Path:
    """A temporary directory the `postgres` OS user can use too (pytest's tmp_path is root's alone)."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    directory.chmod(0o755)
    return directory


class PostgresCluster:
    """initdb + pg_ctl on a free port. Run as the `postgres` OS user when the tests run as root (PostgreSQL
    refuses to run as root). Durability is switched off: it is thrown away after the tests."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.data = directory / "data"
        self.log = directory / "postgresql.log"
        self.port = free_port()

    def _run(self, program: str, *arguments: str, check: bool = True):
        command = [str(POSTGRES_BIN / program), *arguments]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)  # noqa: S603

    def initialise(self):
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def start(self):
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.directory}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def is_running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str):
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')

    def remove(self):
        if self.is_running():
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def production_environment(database_url: str, site_root: Path) -> dict[str, str]:
    """The environment of a production web process, with addresses and folders of the test."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PYTEST_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="citysite.settings.production",
        SECRET_KEY="deployment-test-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        OMBUDSPERSON_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(site_root / "collected-static"),
        MEDIA_ROOT=str(site_root / "media"),
        PRIVATE_MEDIA_ROOT=str(site_root / "private-media"),
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    return environment


def manage(environment: dict[str, str], *arguments: str, timeout: float = 600) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Process:
    """A long-running child process with its output in a file, stopped by its own process id."""

    def __init__(self, command: list[str], environment: dict[str, str], log: Path):
        self.log = log
        self._log_file = log.open("wb")
        self.popen = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=environment, stdout=self._log_file, stderr=subprocess.STDOUT
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def is_running(self) -> bool:
        return self.popen.poll() is None

    def stop(self, stop_signal=signal.SIGTERM, timeout: float = 30):
        if self.is_running():
            self.popen.send_signal(stop_signal)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self._log_file.close()


def http_get(port: int, path: str, timeout: float = 10.0) -> tuple[int, dict[str, str], str]:
    """A plain HTTP/1.1 GET over loopback: status, headers (lower-case names), body."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Language": "pl"})
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, body
    finally:
        connection.close()


def answers(port: int, path: str = "/healthz"):
    try:
        return http_get(port, path, timeout=2)[0] in (200, 503)
    except OSError:
        return False


def start_gunicorn(
    environment: dict[str, str], log: Path, *, workers: int, threads: int
) -> tuple[Process, int]:
    port = free_port()
    command = [
        str(VENV_BIN / "gunicorn"),
        "citysite.wsgi",
        "--config",
        str(DEPLOY / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]
    process = Process(command, environment, log)
    try:
        wait_until(lambda: not process.is_running() or answers(port), 90, "gunicorn did not answer")
    except TimeoutError:
        process.stop()
        raise
    if not process.is_running():
        raise RuntimeError(f"gunicorn exited:\n{process.output()}")
    return process, port


class Gunicorn:
    def __init__(self, process: Process, port: int):
        self.process = process
        self.port = port

    def pids(self) -> list[int]:
        """The master and its workers."""
        master = self.process.popen.pid
        workers = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # a process that ended meanwhile
            if int(fields[1]) == master:
                workers.append(int(stat.parent.name))
        return [master, *workers]

    def signal_all(self, signal_number):
        for pid in self.pids():
            os.kill(pid, signal_number)


NGINX_MAIN = """\
daemon off;
worker_processes 2;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
{user}
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {directory}/access.log;
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {directory}/otwartemiasto-upstream.conf;
    server {{
        listen 127.0.0.1:{port};
        server_name _;
        include {directory}/otwartemiasto-locations.conf;
    }}
}}
"""


def start_nginx(directory: Path, gunicorn_port: int, site_root: Path) -> tuple[Process, int]:
    """nginx with the shipped snippets; only the upstream address and the site folder are the test's."""
    port = free_port()
    upstream = (DEPLOY / "nginx" / "otwartemiasto-upstream.conf").read_text()
    assert "server 127.0.0.1:8000 " in upstream
    (directory / "otwartemiasto-upstream.conf").write_text(
        upstream.replace("server 127.0.0.1:8000 ", f"server 127.0.0.1:{gunicorn_port} ")
    )
    locations = (DEPLOY / "nginx" / "otwartemiasto-locations.conf").read_text()
    (directory / "otwartemiasto-locations.conf").write_text(
        locations.replace("/srv/otwartemiasto/", f"{site_root}/")
    )
    # As root, nginx's workers would become `nobody`, who may not write the temporary folders here.
    user = "user root root;" if os.geteuid() == 0 else ""
    config = directory / "nginx.conf"
    config.write_text(NGINX_MAIN.format(directory=directory, port=port, user=user))
    check = subprocess.run([NGINX, "-t", "-c", str(config)], capture_output=True, text=True)  # noqa: S603
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t refused the configuration:\n{check.stderr}")
    process = Process([NGINX, "-c", str(config)], dict(os.environ), directory / "nginx.out")
    try:
        wait_until(lambda: not process.is_running() or answers(port), 20, "nginx did not answer")
    except TimeoutError:
        process.stop(signal.SIGQUIT)
        raise
    return process, port
