"""Benchmark: the Nature Check farm list and consultant picker with 10 000 farms.

Creates a throwaway database (the test database of the configured one: SQLite under var/ by default, or
PostgreSQL with CASEWORK_DATABASE_URL), fills it with farms, farmers, consultants and cases, then times each
endpoint through the whole Django stack (JWT auth, query, serialisation) and the equivalent raw SQL, and prints
the median of N runs. The database is dropped afterwards.

    .venv/bin/python bench/naturecheck_lists.py [--farms 10000] [--runs 25]
    CASEWORK_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        CASEWORK_TEST_DATABASE_NAME=casework_bench_naturecheck .venv/bin/python bench/naturecheck_lists.py
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

BUDGET_MS = 500
ACTIVE = ("Assigned", "InProgress")


def populate(farms: int, rng: random.Random) -> dict:
    from casework.accounts.models import User
    from casework.contacts.models import Contact
    from casework.naturecheck.models import Farm, Farmer, NatureCheckCase

    consultants = [
        User(
            email=f"consultant{i}@bench.example",
            first_name=rng.choice(["Mette", "Lars", "Anne", "Søren", "Camilla", "Rasmus"]),
            last_name=f"Konsulent{i:03d}",
            role_id="consultant",
            password="!",
        )
        for i in range(60)
    ]
    employee = User(
        email="employee@bench.example", first_name="Sofie", last_name="Hansen", role_id="employee"
    )
    employee.set_password("bench-password-2026")
    User.objects.bulk_create([*consultants, employee])

    farmer_count = max(1, farms * 2 // 5)
    contacts = [
        Contact(first_name=f"Landmand{i}", last_name="Jensen", email=f"farmer{i}@bench.example")
        for i in range(farmer_count)
    ]
    Contact.objects.bulk_create(contacts, batch_size=2000)
    farmers = [Farmer(contact=c, email=c.email) for c in contacts]
    Farmer.objects.bulk_create(farmers, batch_size=2000)

    farm_rows = [
        Farm(
            name=f"{rng.choice(['Eng', 'Bakke', 'Skov', 'Mose', 'Lund', 'Søn', 'Nør'])}gården {i:05d}",
            cvr=f"{10_000_000 + i:08d}",
            street=f"Engvej {i % 120 + 1}",
            postal_code="7400",
            city="Herning",
            owner=farmers[i % farmer_count],
        )
        for i in range(farms)
    ]
    Farm.objects.bulk_create(farm_rows, batch_size=2000)

    now = timezone.now()
    cases = []
    for i, farm in enumerate(farm_rows):
        # Most farms have had a finished check; half have an active one now.
        if i % 4:
            when = now - timedelta(days=rng.randint(200, 900))
            cases.append(
                NatureCheckCase(
                    farm=farm,
                    consultant=rng.choice(consultants),
                    assigned_by=employee,
                    status=rng.choice(["Completed", "Cancelled"]),
                    created_at=when,
                    assigned_at=when,
                )
            )
        if i % 2:
            when = now - timedelta(days=rng.randint(0, 100))
            cases.append(
                NatureCheckCase(
                    farm=farm,
                    consultant=rng.choice(consultants),
                    assigned_by=employee,
                    status=rng.choice(ACTIVE),
                    priority=rng.choice([None, "Low", "Medium", "High", "Urgent"]),
                    created_at=when,
                    assigned_at=when,
                )
            )
    NatureCheckCase.objects.bulk_create(cases, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"employee": employee, "cases": len(cases)}


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm caches and connections
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def raw_farms(limit: int, search: str | None = None, unassigned: bool = False) -> None:
    where, params = [], []
    if search:
        where.append("(UPPER(f.name) LIKE UPPER(%s) OR f.cvr LIKE %s)")
        params += [f"%{search}%", f"%{search}%"]
    if unassigned:
        where.append(
            "NOT EXISTS (SELECT 1 FROM naturecheck_naturecheckcase a "
            "WHERE a.farm_id = f.id AND a.status IN ('Assigned', 'InProgress'))"
        )
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM naturecheck_farm f {clause}", params)
        cursor.fetchone()
        cursor.execute(
            "SELECT f.id, f.name, f.cvr, f.street, f.postal_code, f.city, f.country, f.row_version, "
            "fr.id, fr.email, fr.is_active, c.id, c.first_name, c.last_name "
            "FROM naturecheck_farm f JOIN naturecheck_farmer fr ON fr.id = f.owner_id "
            f"JOIN contacts_contact c ON c.id = fr.contact_id {clause} ORDER BY f.name, f.cvr LIMIT %s",
            [*params, limit],
        )
        ids = [row[0] for row in cursor.fetchall()]
        if ids:
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(
                "SELECT n.id, n.farm_id, n.status, n.priority, n.notes, n.assigned_at, n.row_version, "
                "u.id, u.first_name, u.last_name, u.email FROM naturecheck_naturecheckcase n "
                "JOIN accounts_user u ON u.id = n.consultant_id "
                f"WHERE n.status IN ('Assigned', 'InProgress') AND n.farm_id IN ({marks})",
                ids,
            )
            cursor.fetchall()


def raw_consultants(limit: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM accounts_user WHERE role_id = 'consultant' AND is_active")
        cursor.fetchone()
        cursor.execute(
            "SELECT u.id, u.first_name, u.last_name, u.email, COALESCE((SELECT COUNT(*) "
            "FROM naturecheck_naturecheckcase n WHERE n.consultant_id = u.id "
            "AND n.status IN ('Assigned', 'InProgress')), 0) FROM accounts_user u "
            "WHERE u.role_id = 'consultant' AND u.is_active ORDER BY u.first_name, u.last_name, u.email LIMIT %s",
            [limit],
        )
        cursor.fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--farms", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    from casework.accounts.tokens import issue_token

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        data = populate(args.farms, random.Random(args.seed))
        print(
            f"{connection.vendor}: {args.farms} farms, {data['cases']} cases, 60 consultants "
            f"(generated in {time.perf_counter() - started:.1f} s); median of {args.runs} runs"
        )
        client = Client()
        headers = {"Authorization": f"Bearer {issue_token(data['employee']).token}"}

        def api(path: str, **params: str | int) -> Callable[[], object]:
            def call() -> object:
                response = client.get(f"/api/naturecheck{path}", params, headers=headers)
                assert response.status_code == 200, response.content
                return response

            return call

        rows = [
            ("GET /farms (page 1, 20)", api("/farms"), lambda: raw_farms(20)),
            ("GET /farms?limit=100", api("/farms", limit=100), lambda: raw_farms(100)),
            (
                "GET /farms?filter=unassigned&limit=100",
                api("/farms", filter="unassigned", limit=100),
                lambda: raw_farms(100, unassigned=True),
            ),
            ("GET /farms?search=skov", api("/farms", search="skov"), lambda: raw_farms(20, search="skov")),
            ("GET /consultants", api("/consultants"), lambda: raw_consultants(100)),
        ]
        print(f"{'endpoint':<42} {'API ms':>8} {'raw SQL ms':>11}")
        results = {}
        for label, call, raw in rows:
            results[label] = (median_ms(call, args.runs), median_ms(raw, args.runs))
            print(f"{label:<42} {results[label][0]:>8.1f} {results[label][1]:>11.1f}")
        together = results["GET /farms?limit=100"][0] + results["GET /consultants"][0]
        verdict = "within" if together < BUDGET_MS else "OVER"
        print(f"farms (100) + consultants together: {together:.1f} ms, {verdict} the {BUDGET_MS} ms budget")
        return 0 if together < BUDGET_MS else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
