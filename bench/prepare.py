"""Child process of bench/run.py, run with the bench database's settings: prints one JSON object with a token,
the ids the write scenarios use, and for every read scenario its URL and the SQL statements it issues.

The SQL is captured from the real endpoint through Django's test client (with DEBUG-style query capture), so the
raw-SQL comparison runs exactly the statements the API runs, authentication included.
"""

import datetime as dt
import json
import os
import sys
from pathlib import Path

# The Casework source the benchmark serves (bench/run.py --source), by default this checkout.
sys.path.insert(0, os.environ.get("CASEWORK_BENCH_SOURCE") or str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from casework.accounts.models import User  # noqa: E402
from casework.accounts.tokens import issue_token  # noqa: E402
from casework.callcenter.models import CitizenRecord  # noqa: E402
from casework.cases.models import Case, CaseStatus, CaseType  # noqa: E402
from casework.contacts.models import Contact  # noqa: E402
from casework.naturecheck.models import ACTIVE_STATUSES, Farm, NatureCheckCase  # noqa: E402

PAGE_SIZE = 25
EXTRA_FARMS = 30_000


def sample(queryset, n: int) -> list[str]:
    return [str(pk) for pk in queryset.order_by("?").values_list("pk", flat=True)[:n]]


def ensure_free_farms(owner_id: str) -> None:
    """Each Nature Check assignment needs a farm without an active case: add plain farms for the benchmark."""
    free = Farm.objects.exclude(cases__status__in=ACTIVE_STATUSES).count()
    if free >= EXTRA_FARMS:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO naturecheck_farm (id, created_at, updated_at, row_version, name, cvr, street, postal_code, "
            "city, country, owner_id) SELECT gen_random_uuid(), now(), now(), 1, 'Benchgården ' || n, "
            "lpad((90000000 + n)::text, 8, '0'), 'Benchvej ' || n, '8600', 'Silkeborg', 'Danmark', %s "
            "FROM generate_series((SELECT count(*) FROM naturecheck_farm), "
            "(SELECT count(*) FROM naturecheck_farm) + %s) AS n ON CONFLICT (cvr) DO NOTHING",
            [owner_id, EXTRA_FARMS - free],
        )


def count_write_statements(client: Client, headers: dict, statuses: dict, caseworkers: list[str]) -> dict:
    """Statements each write issues, as the server counts them: those Django sends with BEGIN and COMMIT of each
    transaction (one pair per atomic block entered in autocommit mode), and the task enqueued after the commit.
    Counted on one real request of each, printed to stderr."""
    opened: list[int] = []
    original = connection.set_autocommit

    def set_autocommit(autocommit: bool, *args, **kwargs):
        if not autocommit:
            opened.append(1)
        return original(autocommit, *args, **kwargs)

    connection.set_autocommit = set_autocommit  # type: ignore[method-assign]
    contact = str(Contact.objects.order_by("?").values_list("pk", flat=True).first())
    case_type = str(CaseType.objects.filter(is_active=True).order_by("sort_order").first().pk)
    # Cases assigned to someone else than the actor and than the new assignee: the status change notifies the
    # assignee, the assignment changes hands (and notifies the new one).
    admins = User.objects.filter(role_id="admin").values_list("pk", flat=True)
    active = Case.objects.filter(status_id=statuses.get("Active"), assigned_to__isnull=False).exclude(
        assigned_to_id__in=admins
    )
    moved = str(active.order_by("pk").values_list("pk", flat=True)[0])
    others = active.exclude(pk=moved).exclude(assigned_to_id=caseworkers[0])
    assigned = str(others.order_by("pk").values_list("pk", flat=True)[0])
    writes = {
        "create case": ("post", "/api/cases", {"contact_id": contact, "case_type_id": case_type,
                                               "title": "Benchmark: statements", "priority": "medium"}),
        "add note": ("post", "/api/cases/notes", {"case_id": moved, "note_type": "call", "subject": "Call",
                                                  "content": "Counted by the benchmark."}),
        "status change": ("put", f"/api/cases/{moved}/status",
                          {"new_status_id": statuses.get("Pending Client"), "reason": "bench"}),
        "case assignment": ("put", f"/api/cases/{assigned}/assignment",
                            {"assigned_to": caseworkers[0], "reason": "bench"}),
    }  # fmt: skip
    counts = {}
    try:
        for name, (method, url, body) in writes.items():
            opened.clear()
            with CaptureQueriesContext(connection) as queries:
                response = getattr(client, method)(
                    url, data=json.dumps(body), content_type="application/json", headers=headers
                )
            assert response.status_code < 300, (name, response.status_code, response.content[:300])
            sent = [q["sql"] for q in queries.captured_queries]
            # psycopg's BEGIN / COMMIT show in the capture on some set-ups; counted once either way.
            counts[name] = len(sent) + (0 if "BEGIN" in sent else 2 * len(opened))
            print(f"{name}: {counts[name]} statements", file=sys.stderr)
            for query in queries.captured_queries:
                print("   ", query["sql"][:150], file=sys.stderr)
    finally:
        connection.set_autocommit = original  # type: ignore[method-assign]
    # Put the moved case back where the status scenario expects it.
    client.put(f"/api/cases/{moved}/status", data=json.dumps({"new_status_id": statuses.get("Active"),
               "reason": "bench"}), content_type="application/json", headers=headers)  # fmt: skip
    return counts


def main() -> None:
    scale_cases = Case.objects.count()
    admin = User.objects.filter(role_id="admin", is_active=True).order_by("email").first()
    assert admin is not None, "no admin account: generate the data first"
    token = issue_token(admin).token
    headers = {"Authorization": f"Bearer {token}"}
    statuses = {s.name: str(s.pk) for s in CaseStatus.objects.all()}
    today = timezone.localdate()
    pages = max(scale_cases // PAGE_SIZE, 1)
    deep_page = min(1000, max(pages // 2, 1))
    words = ["Garcia", "eviction", "Smith", "housing", "Johnson"]
    detail_ids = sample(Case.objects.all(), 500)
    reads = {
        "auth/me": ["/api/auth/me"],
        "case list, first page": [f"/api/cases?limit={PAGE_SIZE}"],
        "case list, filtered page": [
            f"/api/cases?limit={PAGE_SIZE}&status_type=active&priority=high",
            f"/api/cases?limit={PAGE_SIZE}&status_type=intake&unassigned=true",
        ],
        "case list, search": [f"/api/cases?limit={PAGE_SIZE}&search={w}" for w in words],
        f"case list, page {deep_page}": [f"/api/cases?limit={PAGE_SIZE}&page={deep_page}"],
        "case detail": [f"/api/cases/{pk}" for pk in detail_ids],
        "dashboard summary": ["/api/cases/summary"],
        "outcomes report, one year": [
            f"/api/reports/outcomes?from={today - dt.timedelta(days=365)}&to={today}&bucket=month"
        ],
    }
    client = Client()
    captured = {}
    for name, urls in reads.items():
        response = client.get(urls[0], headers=headers)  # warm up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(urls[0], headers=headers)
        assert response.status_code == 200, (name, response.status_code, response.content[:300])
        captured[name] = [q["sql"] for q in queries.captured_queries]

    caseworkers = [
        str(pk)
        for pk in User.objects.filter(role_id="caseworker", is_active=True)
        .order_by("email")
        .values_list("pk", flat=True)[:2]
    ]
    written = count_write_statements(client, headers, statuses, caseworkers)

    owner = Farm.objects.values_list("owner_id", flat=True).first()
    if owner is not None:
        ensure_free_farms(str(owner))
    active = statuses.get("Active")
    print(
        json.dumps(
            {
                "token": token,
                "cases": scale_cases,
                "deep_page": deep_page,
                "reads": reads,
                "sql": captured,
                "write_statements": written,
                "caseworkers": caseworkers,
                "contacts": sample(Contact.objects.all(), 2000),
                "case_type": str(CaseType.objects.filter(is_active=True).order_by("sort_order").first().pk),
                "note_cases": detail_ids,
                "active_cases": sample(Case.objects.filter(status_id=active), 5000),
                "status_active": active,
                "status_pending": statuses.get("Pending Client"),
                "farms": sample(Farm.objects.exclude(cases__status__in=ACTIVE_STATUSES), 30000),
                "consultants": [
                    str(pk)
                    for pk in User.objects.filter(role_id="consultant", is_active=True).values_list(
                        "pk", flat=True
                    )
                ],
                "citizens": [
                    pk
                    for pk in CitizenRecord.objects.filter(
                        callcenter_case__isnull=True, is_answered_the_call=False
                    )
                    .order_by("?")
                    .values_list("pk", flat=True)[:30000]
                ],
                "naturecheck_cases": NatureCheckCase.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()
