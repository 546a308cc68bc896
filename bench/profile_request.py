"""Where one request's time goes: runs a write (or read) many times in-process through the whole Django stack
(middleware, authentication, ninja, the service, rendering) under pyinstrument, against the bench database, and
prints the profile. Needs pyinstrument (not a Casework dependency: `pip install --target DIR pyinstrument` and
put DIR on PYTHONPATH) and the settings of bench/run.py:

    CASEWORK_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/casework_bench CASEWORK_DEBUG=false \\
    CASEWORK_SECRET_KEY=... python bench/profile_request.py "status change" -n 200

`--cprofile` uses the standard library's profiler instead (no install) and prints, before the functions that
took the most time, the CPU time per request measured without any profiler (`time.process_time`, this process
only: the database's own time is not in it), the figure to compare before and after a change.
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.environ.get("CASEWORK_BENCH_SOURCE") or str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.config.settings")

import django

django.setup()

import cProfile  # noqa: E402
import io  # noqa: E402
import pstats  # noqa: E402
import time  # noqa: E402

from django.test import Client  # noqa: E402

from casework.accounts.models import User  # noqa: E402
from casework.accounts.tokens import issue_token  # noqa: E402
from casework.cases.models import Case, CaseStatus, CaseType  # noqa: E402
from casework.contacts.models import Contact  # noqa: E402


def requests(name: str, n: int) -> list[tuple[str, str, dict | None]]:
    statuses = {s.name: str(s.pk) for s in CaseStatus.objects.all()}
    active = list(Case.objects.filter(status__name="Active").values_list("pk", flat=True)[: n // 2 + 1])
    if name == "status change":
        there = [
            ("put", f"/api/cases/{c}/status", {"new_status_id": statuses["Pending Client"]}) for c in active
        ]
        back = [("put", f"/api/cases/{c}/status", {"new_status_id": statuses["Active"]}) for c in active]
        return (there + back)[:n]
    if name == "create case":
        contact = str(Contact.objects.values_list("pk", flat=True).first())
        case_type = str(CaseType.objects.filter(is_active=True).order_by("sort_order").first().pk)
        body = {"contact_id": contact, "case_type_id": case_type, "title": "Profiled", "priority": "medium"}
        return [("post", "/api/cases", body)] * n
    if name == "add note":
        return [("post", "/api/cases/notes", {"case_id": str(active[0]), "content": "Profiled note."})] * n
    if name == "case list":
        return [("get", "/api/cases?limit=25", None)] * n
    if name == "filtered list":
        return [("get", "/api/cases?limit=25&status_type=active&priority=high", None)] * n
    if name == "case detail":
        return [("get", f"/api/cases/{active[k % len(active)]}", None) for k in range(n)]
    if name == "auth/me":
        return [("get", "/api/auth/me", None)] * n
    raise SystemExit(f"unknown scenario {name!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--cprofile", action="store_true", help="cProfile, and CPU ms per request unprofiled")
    args = parser.parse_args()
    admin = User.objects.filter(role_id="admin", is_active=True).order_by("email").first()
    headers = {"Authorization": f"Bearer {issue_token(admin).token}"}
    client = Client()
    todo = requests(args.scenario, args.n)

    def send(method: str, url: str, body: dict | None) -> None:
        kwargs = {"headers": headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code < 300, (url, response.status_code, response.content[:200])

    for request in todo[:5]:  # warm up (a status change's first moves are undone by the rest)
        send(*request)
    if args.cprofile:
        measured = todo[5:]
        cpu, wall = time.process_time(), time.perf_counter()
        for request in measured:
            send(*request)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(
            f"{args.scenario}: {len(measured)} requests, CPU {1000 * cpu / len(measured):.2f} ms/request, "
            f"wall {1000 * wall / len(measured):.2f} ms/request (this process, database included in wall)"
        )
        profile = cProfile.Profile()
        profile.enable()
        for request in measured:
            send(*request)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(
            os.environ.get("PROFILE_SORT", "cumulative")
        ).print_stats(45)
        print(out.getvalue())
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for request in todo[5:]:
        send(*request)
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    main()
