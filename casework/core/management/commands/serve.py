"""`casework serve`: the production HTTP server (gunicorn), not Django's development server."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from gunicorn.app.base import BaseApplication


class CaseworkServer(BaseApplication):
    """Gunicorn configured from a dict instead of its own command line, serving `casework.config.wsgi`."""

    def __init__(self, options: dict[str, Any]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        # Recent gunicorn releases open a control socket at a fixed per-user path, which two servers on
        # one machine would fight over; Casework does not use it.
        if "control_socket_disable" in self.cfg.settings:
            self.cfg.set("control_socket_disable", True)

    def load(self) -> Any:
        # Imported in each worker after the fork, so no worker inherits the master's state.
        from casework.config.wsgi import application

        return application


def gunicorn_options(*, bind: str, workers: int, threads: int, graceful_timeout: int = 30) -> dict[str, Any]:
    """The gunicorn configuration of `casework serve` (the benchmark serves its HTTP floor with the same)."""
    return {
        "bind": bind,
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 60,
        # The longest request line read (gunicorn's maximum): the API itself answers a JSON 414 above
        # API_MAX_URL_BYTES, documented in its schema, so gunicorn's own 414 page is for longer ones.
        "limit_request_line": 8190,
        "graceful_timeout": graceful_timeout,
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "casework",
    }


class Command(BaseCommand):
    help = (
        "Serve Casework over HTTP with gunicorn: several worker processes, access log on stdout, "
        "static files through whitenoise. SIGTERM stops it gracefully (requests in flight finish first)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="TCP port to listen on (default: 8000)")
        parser.add_argument("--workers", type=int, default=2, help="number of worker processes (default: 2)")
        parser.add_argument(
            "--threads", type=int, default=4, help="threads per worker, for slow clients (default: 4)"
        )
        parser.add_argument(
            "--graceful-timeout",
            type=int,
            default=30,
            help="seconds a stopping worker may spend finishing its requests (default: 30)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        if options["threads"] < 1:
            raise CommandError("--threads must be at least 1")
        if not 0 < options["port"] < 65536:
            raise CommandError("--port must be between 1 and 65535")
        host = options["host"]
        # An IPv6 address needs brackets in a bind string.
        bind_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
        # Workers are forked from this process; none of them may share a database connection with it.
        connections.close_all()
        server = CaseworkServer(
            gunicorn_options(
                bind=f"{bind_host}:{options['port']}",
                workers=options["workers"],
                threads=options["threads"],
                graceful_timeout=options["graceful_timeout"],
            )
        )
        server.run()
