"""Benchmark: what the personal-data read audit costs on a list page (issue #15: "record every list page of
personal data ... cheaply (measure the cost on a list page in the benchmark)").

Run by bench/run.py after the HTTP scenarios (`measure(env)`), or alone against the bench database:

    CASEWORK_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/casework_bench CASEWORK_DEBUG=0 \\
        CASEWORK_SECRET_KEY=... .venv/bin/python bench/read_audit.py --child

In a child process with the bench database's settings it requests each list page through the whole Django stack
(test client, JWT, ninja, serialisation): `GET /api/contacts?limit=25` and `GET /api/cases?limit=25`, rotating
through pages, alternately with the audit as shipped and with that endpoint's `record_read` replaced by a no-op
in this process only (no setting turns the audit off in Casework). Alternating request by request puts both under
the same load on a shared machine; the report gives the medians, their difference and ratio, the statements each
page sends with and without the audit, and the median of the audit's INSERT alone (`record_read` called
directly: on PostgreSQL one statement that commits with synchronous_commit off). The read records it writes
are deleted afterwards, so the reused bench database does not grow.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = 20  # the pages rotated through
PAGE_SIZE = 25


def measure(env: dict[str, str], runs: int = 300) -> dict[str, Any]:
    """Run the child with the bench's environment; its result, with a Markdown section under "markdown"."""
    out = subprocess.run(
        [ROOT / ".venv" / "bin" / "python", Path(__file__), "--child", "--runs", str(runs)],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["markdown"] = markdown(result)
    return result


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "",
        "## Read audit on a list page",
        "",
        f"Each list page of personal data writes one `audit.PersonalDataRead` row (bench/read_audit.py): "
        f"{result['runs']} requests of each, alternating with and without the audit, through the Django stack "
        f"in one process (no HTTP). The audit INSERT alone: p50 {result['insert_alone_p50_ms']:.2f} ms.",
        "",
        "| page | statements with / without | p50 with audit ms | p50 without ms | difference ms | ratio |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, row in result["pages"].items():
        lines.append(
            f"| {name} | {row['statements_on']} / {row['statements_off']} | {row['p50_on_ms']:.2f} | "
            f"{row['p50_off_ms']:.2f} | {row['p50_on_ms'] - row['p50_off_ms']:+.2f} | {row['ratio']:.3f} |"
        )
    return "\n".join(lines) + "\n"


@contextmanager
def counting(connection: Any) -> Iterator[list[str]]:
    """The statements sent while inside (Django's query log is reset at each request's start)."""
    sent: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield sent


def _child(runs: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.config.settings")
    import django

    django.setup()
    from unittest import mock

    from django.db import connection
    from django.test import Client

    from casework.accounts.models import User
    from casework.accounts.tokens import issue_token
    from casework.audit.models import PersonalDataRead
    from casework.audit.services import record_read
    from casework.cases import api as cases_api
    from casework.contacts import api as contacts_api

    reader = User.objects.filter(role_id="caseworker", is_active=True).order_by("email").first()
    assert reader is not None, "no caseworker: generate the bench data first"
    headers = {"Authorization": f"Bearer {issue_token(reader).token}"}
    client = Client()
    first_new = (PersonalDataRead.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1

    def no_op(**_kwargs: Any) -> None:
        return None

    pages = {
        f"GET /api/contacts?limit={PAGE_SIZE}": ("/api/contacts", contacts_api),
        f"GET /api/cases?limit={PAGE_SIZE}": ("/api/cases", cases_api),
    }
    result: dict[str, Any] = {"runs": runs, "pages": {}}
    try:
        for name, (path, module) in pages.items():

            def get(k: int, path: str = path) -> float:
                started = time.perf_counter()
                response = client.get(path, {"limit": PAGE_SIZE, "page": k % PAGES + 1}, headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, response.content[:300]
                return elapsed

            with counting(connection) as statements_on:
                get(0)
            with mock.patch.object(module, "record_read", no_op), counting(connection) as statements_off:
                get(0)
            for k in range(PAGES):  # warm both ways
                get(k)
            on, off = [], []
            for k in range(runs):
                on.append(get(k))
                with mock.patch.object(module, "record_read", no_op):
                    off.append(get(k))
            p50_on, p50_off = statistics.median(on), statistics.median(off)
            result["pages"][name] = {
                "statements_on": len(statements_on),
                "statements_off": len(statements_off),
                "p50_on_ms": p50_on,
                "p50_off_ms": p50_off,
                "p95_on_ms": statistics.quantiles(on, n=20)[-1],
                "p95_off_ms": statistics.quantiles(off, n=20)[-1],
                "ratio": p50_on / p50_off,
            }
        ids = list(range(1, PAGE_SIZE + 1))
        alone = []
        for _ in range(runs):
            started = time.perf_counter()
            record_read(actor=reader, kind="contact", ids=ids, query={"page": 1}, path="/bench/read-audit")
            alone.append((time.perf_counter() - started) * 1000)
        result["insert_alone_p50_ms"] = statistics.median(alone)
    finally:
        PersonalDataRead.objects.filter(id__gte=first_new).delete()
    return result


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--child", action="store_true", help="measure here (with the bench database's settings)"
    )
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    if not args.child:
        parser.error("run by bench/run.py, or with --child and the bench database's settings")
    print(json.dumps(_child(args.runs)))
