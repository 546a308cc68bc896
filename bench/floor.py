"""The HTTP floor of bench/run.py: a bare WSGI app that answers every request with a small JSON body, served by
gunicorn with the configuration of `casework serve` (`gunicorn_options`: the same worker class, workers and
threads, the same access log). No change to Casework can make a request faster than this on the same machine.

    python bench/floor.py --port 8123 --workers 2
"""

import argparse
import sys
from pathlib import Path
from typing import Any

# This checkout's gunicorn configuration, whichever Casework source the benchmark serves.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from casework.core.management.commands.serve import CaseworkServer, gunicorn_options

BODY = b'{"id": "00000000-0000-0000-0000-000000000000", "email": "floor@example.org", "role": "admin"}'


def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))])
    return [BODY]


class Floor(CaseworkServer):
    """`casework serve`'s gunicorn, configured the same way, serving the bare app instead of Casework."""

    def load(self) -> Any:
        return application


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    options = gunicorn_options(bind=f"127.0.0.1:{args.port}", workers=args.workers, threads=args.threads)
    options["proc_name"] = "casework-floor"
    Floor(options).run()


if __name__ == "__main__":
    main()
